"""Who the demo people are: one plan, turned into accounts and memberships by services.py.

Every zone gets a skills lead (Skills Forum), an innovation lead (Innovation
Leads Network) and, where the Net Zero Network's eligibility rule lets it in,
a net zero lead (Net Zero Network). Each government body has an official who
observes the Skills Forum; the secretariat has two staff and there is one
admin. A few people convene networks, and a few requests to join wait for a
decision so the approval pages have something to show. A few zone staff in
other roles belong to no network, and a few leads hold two zone roles.

Everyone gets a profile (demo/profiles.py): zone roles matching their job,
expertise from the managed list, a short bio and, for some, contact details
with different visibilities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zone_networks.demo import demo_email
from zone_networks.demo.people import GOVERNMENT_NAMES, GOVERNMENT_NATIONS, NamePicker
from zone_networks.demo.profiles import ProfilePlan, person_random, plan_profile

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


# (kind, zone slug) -> the zone roles that lead holds besides their own.
EXTRA_ROLES: dict[tuple[str, str], tuple[str, ...]] = {
    ("skills", "wrexham-and-flintshire-investment-zone"): ("innovation_lead",),
    ("innovation", "celtic-freeport"): ("net_zero_lead",),
    ("innovation", "humber-freeport"): ("net_zero_lead",),
}

# Names given rather than drawn, so the Welsh zones always show names with accents (which search
# must find when typed without them): (kind, zone slug) -> name.
GIVEN_NAMES: dict[tuple[str, str], str] = {
    ("skills", "celtic-freeport"): "Siân Llewelyn",
    ("innovation", "anglesey-freeport"): "Gwenllïan Parry",
    ("skills", "cardiff-and-newport-investment-zone"): "Dafydd ap Siôn",
    ("net_zero", "anglesey-freeport"): "Rhodri Prosser",
}

# (zone slug, email prefix, job title): zone staff in other roles, in no network.
OTHER_STAFF: tuple[tuple[str, str, str], ...] = (
    ("freeport-east", "programme", "Programme Director"),
    ("liverpool-city-region-innovation-zone", "partnerships", "Business Engagement Manager"),
    ("cardiff-and-newport-investment-zone", "partnerships", "Partnerships Manager"),
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
    profile: ProfilePlan | None = None


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


LOGIN_EMAILS = frozenset(login.email for login in DEMO_LOGINS)


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


def _zone_profile(kind: str, zone: Zone, email: str, seed: int, extra_roles: tuple[str, ...] = ()) -> ProfilePlan:
    return plan_profile(
        person_random(seed, email), kind, place=zone.name, nation=zone.nation,
        sectors=tuple(sector.name for sector in zone.sectors), freeport=zone.programme in ("freeport", "both"),
        extra_roles=extra_roles, always_phone=email in LOGIN_EMAILS,
    )  # fmt: skip


def _zone_leads(
    zones: Iterable[Zone], networks: dict[str, Network], picker: NamePicker, seed: int
) -> list[PersonPlan]:
    requests = {(kind, zone_slug): (network, note) for kind, zone_slug, network, note in PENDING_REQUESTS}
    people = []
    for zone in sorted(zones, key=lambda zone: zone.number):
        if zone.organisation is None:
            continue
        for kind in lead_kinds(zone, networks):
            network = LEAD_KINDS[kind][1]
            role = "convenor" if CONVENORS.get((kind, zone.slug)) == network else "member"
            email = lead_email(kind, zone.slug)
            drawn = picker.name(zone.nation)  # drawn even when a name is given, so the others stay the same
            person = PersonPlan(
                email=email,
                name=GIVEN_NAMES.get((kind, zone.slug), drawn),
                job_title=picker.job_title(kind),
                organisation=zone.organisation.slug,
                memberships=[MembershipPlan(network, role=role)],
                profile=_zone_profile(kind, zone, email, seed, EXTRA_ROLES.get((kind, zone.slug), ())),
            )
            if (kind, zone.slug) in requests:
                wanted, note = requests[(kind, zone.slug)]
                person.memberships.append(MembershipPlan(wanted, status="requested", note=note))
            people.append(person)
    return people


def _officials(picker: NamePicker, seed: int) -> list[PersonPlan]:
    people = []
    for slug, nation in GOVERNMENT_NATIONS.items():
        email = demo_email(f"official.{slug}")
        profile = plan_profile(person_random(seed, email), "official", place=GOVERNMENT_NAMES[slug], nation=nation,
                               always_phone=email in LOGIN_EMAILS)
        people.append(
            PersonPlan(
                email=email,
                name=picker.name(nation),
                job_title=picker.job_title("official"),
                organisation=slug,
                memberships=[MembershipPlan("skills-forum", role="observer")],
                profile=profile,
            )
        )
    return people


def _staff(picker: NamePicker, seed: int) -> list[PersonPlan]:
    people = [
        PersonPlan(demo_email("secretariat"), picker.name("England"), "Networks Manager", SECRETARIAT_SLUG,
                   is_secretariat=True),
        PersonPlan(demo_email("secretariat.forum"), picker.name("Scotland"), "Skills Forum Coordinator",
                   SECRETARIAT_SLUG, is_secretariat=True),
        PersonPlan(demo_email("admin"), picker.name("Wales"), "Service Owner", SECRETARIAT_SLUG, is_admin=True),
    ]
    for person in people:
        person.profile = plan_profile(person_random(seed, person.email), "staff", place="the secretariat",
                                      nation="England", always_phone=True)
    return people


def _other_staff(zones: Iterable[Zone], picker: NamePicker, seed: int) -> list[PersonPlan]:
    by_slug = {zone.slug: zone for zone in zones if zone.organisation is not None}
    people = []
    for zone_slug, prefix, job_title in OTHER_STAFF:
        zone = by_slug.get(zone_slug)
        if zone is None or zone.organisation is None:
            continue
        email = demo_email(f"{prefix}.{zone_slug}")
        people.append(
            PersonPlan(email, picker.name(zone.nation), job_title, zone.organisation.slug,
                       profile=_zone_profile("other", zone, email, seed))
        )
    return people


def plan_people(zones: Iterable[Zone], networks: dict[str, Network], seed: int) -> list[PersonPlan]:
    """Every core demo person, reproducibly named (and their profiles written) for `seed`."""
    zones = list(zones)
    picker = NamePicker.seeded(seed)
    picker.used.update(GIVEN_NAMES.values())
    return (
        _zone_leads(zones, networks, picker, seed)
        + _officials(picker, seed)
        + _staff(picker, seed)
        + _other_staff(zones, picker, seed)
    )
