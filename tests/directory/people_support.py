"""A small directory to search: people in several zones, nations and programmes, with roles, tags and networks.

`add_person` builds one searchable person (search text refreshed, as the profile
service does); `build_world` builds the cast the directory tests share. Call
inside an app context; `build_world` commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from tests.factories import TEST_PASSWORD, organisation, password_hash
from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.directory.filters import DirectoryFilters
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole
from zone_networks.directory.queries import people_query
from zone_networks.directory.search import refresh_person
from zone_networks.directory.tags import tag_slug
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.zones.models import Zone

HUMBER = "humber-freeport"
GLASGOW = "glasgow-city-region-investment-zone"
WREXHAM = "wrexham-and-flintshire-investment-zone"
TEESSIDE = "teesside-freeport-and-tees-valley-investment-zone"


def tag(name: str) -> ExpertiseTag:
    """The expertise tag called `name`, created if needed."""
    slug = tag_slug(name)
    existing = db.session.scalars(select(ExpertiseTag).where(ExpertiseTag.slug == slug)).one_or_none()
    if existing is not None:
        return existing
    created = ExpertiseTag(name=name, slug=slug, managed=False)
    db.session.add(created)
    db.session.flush()
    return created


def add_person(email: str, organisation_slug: str, *, name: str, job_title: str = "", bio: str = "",
               roles: Iterable[str] = (), tags: Iterable[str] = (),
               networks: Mapping[str, str | tuple[str, str]] | None = None, **fields: Any) -> User:
    """A person with zone roles, expertise and memberships ({slug: status} or {slug: (status, role)})."""
    person = User(
        email=email, organisation=organisation(organisation_slug), name=name, job_title=job_title, bio=bio,
        zone_roles=[PersonZoneRole(role=role) for role in roles], expertise=[tag(tag_name) for tag_name in tags],
        **fields,
    )
    person.password_hash = password_hash(TEST_PASSWORD)
    db.session.add(person)
    db.session.flush()
    for slug, spec in (networks or {}).items():
        status, role = (spec, "member") if isinstance(spec, str) else spec
        network = db.session.scalars(select(Network).where(Network.slug == slug)).one()
        db.session.add(Membership(user_id=person.id, network_id=network.id, status=status, role=role))
    refresh_person(person)
    db.session.flush()
    return person


def set_aliases(zone_slug: str, aliases: str) -> None:
    """Give a zone other names (as data.yaml does for Welsh names)."""
    zone = db.session.scalars(select(Zone).where(Zone.slug == zone_slug)).one()
    zone.aliases = aliases


def build_world() -> dict[str, User]:
    """The cast of the directory tests, keyed by first name (committed)."""
    set_aliases(WREXHAM, "Wrecsam, Sir y Fflint")
    people = {
        "sian": add_person(
            "sian.jones@humber.example", HUMBER, name="Siân Jones", job_title="Head of skills",
            roles=["skills_lead"], tags=["Hydrogen", "Apprenticeships"],
            networks={"skills-forum": "active", "net-zero": "requested"},
            phone="07700 900123", phone_visibility="members", bio="Runs the port skills academy.",
        ),
        "bryn": add_person(
            "bryn@glasgow.example", GLASGOW, name="Bryn Bell", job_title="Innovation manager",
            roles=["innovation_lead"], tags=["Offshore wind"],
            networks={"innovation-leads": ("active", "convenor"), "skills-forum": "removed"},
        ),
        "cai": add_person(
            "cai@wrexham.example", WREXHAM, name="Cai Rhys", job_title="Skills officer",
            roles=["skills_lead", "net_zero_lead"], tags=["Apprenticeships"],
            networks={"skills-forum": "active", "innovation-leads": "declined"},
        ),
        "dilys": add_person(
            "dilys@gov.wales.example", "welsh-government", name="Dilys Evans", job_title="Policy adviser",
            networks={"skills-forum": ("active", "observer")},
        ),
        "tom": add_person(
            "tom@teesside.example", TEESSIDE, name="Tom Teal", job_title="Net zero lead",
            roles=["net_zero_lead"], tags=["Hydrogen", "Carbon capture"],
            networks={"net-zero": "active"},
        ),
        "sec": add_person(
            "sec@zones.example", "industrial-strategy-zones-secretariat", name="Zara Secretariat",
            job_title="Network manager", is_secretariat=True,
        ),
        "fran": add_person(
            "fran@humber.example", HUMBER, name="Fran Former", job_title="Skills lead",
            roles=["skills_lead"], tags=["Hydrogen"], networks={"skills-forum": "active"}, active=False,
        ),
        "gone": add_person(
            "gone@humber.example", HUMBER, name="Former member", job_title="Skills lead",
            roles=["skills_lead"], tags=["Hydrogen"], networks={"skills-forum": "active"},
            deleted_at=utcnow(),
        ),
    }
    db.session.commit()
    return people


def filters(*pairs: tuple[str, str], **single: str) -> DirectoryFilters:
    """Filters from query parameters, as the page reads them."""
    args = MultiDict([*pairs, *single.items()])
    return DirectoryFilters.from_args(args)


def listed(viewer: Any, chosen: DirectoryFilters) -> list[str]:
    """The names the directory lists for `viewer`, in order."""
    return [person.name for person in db.session.scalars(people_query(viewer, chosen)).unique()]


def names(viewer: Any, *pairs: tuple[str, str], **single: str) -> set[str]:
    """The set of names the directory lists for `viewer` with these query parameters."""
    return set(listed(viewer, filters(*pairs, **single)))
