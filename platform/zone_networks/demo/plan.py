"""Who the demo people are: one plan, turned into accounts and memberships by services.py.

Every zone gets a skills lead (Skills Forum), an innovation lead (Innovation
Leads Network) and, where the Net Zero Network's eligibility rule lets it in,
a net zero lead (Net Zero Network). Each government body has an official who
observes the Skills Forum; the secretariat has two staff and there is one
admin. A few people convene networks, and a few requests to join wait for a
decision so the approval pages have something to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zone_networks.demo import demo_email
from zone_networks.demo.people import GOVERNMENT_NATIONS, NamePicker

if TYPE_CHECKING:
    from zone_networks.networks.models import Network
    from zone_networks.zones.models import Zone

SECRETARIAT_SLUG = "industrial-strategy-zones-secretariat"

# A zone lead's kind -> (email prefix, the network they belong to).
LEAD_KINDS: dict[str, tuple[str, str]] = {
    "skills": ("skills", "skills-forum"),
    "innovation": ("innovation", "innovation-leads"),
    "net_zero": ("net-zero", "net-zero"),
}

# (kind, zone slug) -> the network that lead convenes.
CONVENORS: dict[tuple[str, str], str] = {
    ("skills", "glasgow-city-region-investment-zone"): "skills-forum",
    ("innovation", "west-midlands-investment-zone"): "innovation-leads",
    ("net_zero", "anglesey-freeport"): "net-zero",
}

# (kind, zone slug, network slug, note): requests to join waiting for a decision.
PENDING_REQUESTS: tuple[tuple[str, str, str, str], ...] = (
    ("innovation", "humber-freeport", "net-zero",
     "I lead our offshore wind supply chain innovation work and would like to compare notes with other zones."),
    ("innovation", "celtic-freeport", "net-zero",
     "We are developing floating offshore wind and hydrogen projects at Port Talbot and Milford Haven."),
    ("skills", "wrexham-and-flintshire-investment-zone", "innovation-leads",
     "I am covering our innovation programme until our new innovation lead starts."),
)


@dataclass(frozen=True)
class MembershipPlan:
    """A membership a demo person should have."""

    network: str
    role: str = "member"
    status: str = "active"
    note: str = ""


@dataclass
class PersonPlan:
    """A demo account to create if its email address is not taken."""

    email: str
    name: str
    job_title: str
    organisation: str
    is_secretariat: bool = False
    is_admin: bool = False
    memberships: list[MembershipPlan] = field(default_factory=list)


@dataclass(frozen=True)
class DemoLogin:
    """The demo account to sign in with to see the service as one role."""

    role: str
    email: str
    what: str


DEMO_LOGINS = (
    DemoLogin("member", demo_email("skills.humber-freeport"), "Humber Freeport skills lead, in the Skills Forum"),
    DemoLogin("convenor", demo_email("net-zero.anglesey-freeport"),
              "Anglesey Freeport net zero lead, convenes the Net Zero Network (requests waiting)"),
    DemoLogin("official", demo_email("official.uk-government"), "UK Government official, observes the Skills Forum"),
    DemoLogin("secretariat", demo_email("secretariat"), "secretariat staff: invites people and manages memberships"),
    DemoLogin("admin", demo_email("admin"), "service owner: everything the secretariat can do"),
)


def lead_email(kind: str, zone_slug: str) -> str:
    """The demo email address of a zone's skills, innovation or net zero lead."""
    return demo_email(f"{LEAD_KINDS[kind][0]}.{zone_slug}")


def lead_kinds(zone: Zone, networks: dict[str, Network]) -> list[str]:
    """The leads a zone has: skills and innovation always, net zero when the Net Zero Network admits the zone."""
    kinds = ["skills", "innovation"]
    net_zero = networks.get("net-zero")
    if net_zero is not None and net_zero.zone_is_eligible(zone):
        kinds.append("net_zero")
    return kinds


def _zone_leads(zones: Iterable[Zone], networks: dict[str, Network], picker: NamePicker) -> list[PersonPlan]:
    requests = {(kind, zone_slug): (network, note) for kind, zone_slug, network, note in PENDING_REQUESTS}
    people = []
    for zone in sorted(zones, key=lambda zone: zone.number):
        if zone.organisation is None:
            continue
        for kind in lead_kinds(zone, networks):
            network = LEAD_KINDS[kind][1]
            role = "convenor" if CONVENORS.get((kind, zone.slug)) == network else "member"
            person = PersonPlan(
                email=lead_email(kind, zone.slug),
                name=picker.name(zone.nation),
                job_title=picker.job_title(kind),
                organisation=zone.organisation.slug,
                memberships=[MembershipPlan(network, role=role)],
            )
            if (kind, zone.slug) in requests:
                wanted, note = requests[(kind, zone.slug)]
                person.memberships.append(MembershipPlan(wanted, status="requested", note=note))
            people.append(person)
    return people


def _officials(picker: NamePicker) -> list[PersonPlan]:
    return [
        PersonPlan(
            email=demo_email(f"official.{slug}"),
            name=picker.name(nation),
            job_title=picker.job_title("official"),
            organisation=slug,
            memberships=[MembershipPlan("skills-forum", role="observer")],
        )
        for slug, nation in GOVERNMENT_NATIONS.items()
    ]


def _staff(picker: NamePicker) -> list[PersonPlan]:
    return [
        PersonPlan(demo_email("secretariat"), picker.name("England"), "Networks Manager", SECRETARIAT_SLUG,
                   is_secretariat=True),
        PersonPlan(demo_email("secretariat.forum"), picker.name("Scotland"), "Skills Forum Coordinator",
                   SECRETARIAT_SLUG, is_secretariat=True),
        PersonPlan(demo_email("admin"), picker.name("Wales"), "Service Owner", SECRETARIAT_SLUG, is_admin=True),
    ]


def plan_people(zones: Iterable[Zone], networks: dict[str, Network], seed: int) -> list[PersonPlan]:
    """Every core demo person, reproducibly named for `seed`."""
    picker = NamePicker.seeded(seed)
    return _zone_leads(zones, networks, picker) + _officials(picker) + _staff(picker)
