"""What each demo person's profile says: zone roles, expertise, a short bio and contact details.

Every choice comes from a generator seeded by the demo seed and the person's
email address, so a person's profile never depends on who else is created
(running the command again, or with more people, changes nobody). Phone
numbers are from the ranges Ofcom keeps for drama and examples, so none of
them rings a real phone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from zone_networks.directory.tags import tag_slug

# A demo person's kind -> the zone role it means (officials and secretariat staff work in no zone).
KIND_ROLES: dict[str, str] = {
    "skills": "skills_lead",
    "innovation": "innovation_lead",
    "net_zero": "net_zero_lead",
    "other": "other",
}

# The managed expertise (by name, as in directory/tags.py) each kind of person most often lists.
KIND_EXPERTISE: dict[str, tuple[str, ...]] = {
    "skills": (
        "Apprenticeships", "Skills bootcamps", "Further education", "Higher education partnerships",
        "Local skills improvement plans", "Digital skills",
    ),
    "innovation": (
        "Innovation funding", "Higher education partnerships", "Supply chain development", "Digital skills",
        "Inward investment",
    ),
    "net_zero": (
        "Offshore wind", "Hydrogen", "Carbon capture and storage", "Nuclear", "Net zero transition",
        "Planning and consenting",
    ),
    "other": ("Inward investment", "Supply chain development", "Planning and consenting", "Customs and tax sites"),
    "official": ("Inward investment", "Local skills improvement plans", "Net zero transition", "Innovation funding"),
    "staff": ("Local skills improvement plans", "Innovation funding", "Net zero transition"),
}

# Expertise that follows from the zone: its sectors, and being a port.
SECTOR_EXPERTISE: dict[str, tuple[str, ...]] = {
    "Advanced Manufacturing": ("Advanced manufacturing",),
    "Clean Energy Industries": ("Offshore wind", "Hydrogen"),
    "Life Sciences": ("Life sciences",),
    "Defence": ("Defence",),
    "Digital and Technologies": ("Digital skills",),
}
FREEPORT_EXPERTISE = ("Customs and tax sites", "Port operations")

EXPERTISE_COUNTS = (1, 2, 2, 3, 3, 4)

INTRODUCTIONS: dict[str, tuple[str, ...]] = {
    "skills": (
        "I lead skills and employment work for {place}, bringing employers, colleges and universities together "
        "on the skills our growth sectors need.",
        "I look after the skills programme at {place}: making sure local people can train for the jobs the zone "
        "creates.",
    ),
    "innovation": (
        "I run the innovation programme at {place}, connecting businesses with research, funding and each other.",
        "I help businesses at {place} turn good ideas into products, working closely with our universities.",
    ),
    "net_zero": (
        "I lead the net zero programme at {place}, from clean energy projects to decarbonising our industrial "
        "sites.",
        "My job is to help {place} reach net zero while growing clean energy jobs.",
    ),
    "other": (
        "I manage partnerships at {place}, working across skills, innovation and investment.",
        "I look after business engagement for {place} and support our skills and innovation leads.",
    ),
    "official": (
        "I work on Industrial Strategy Zones policy in the {place}.",
        "I support the zones from the {place}, linking their plans with skills and investment policy.",
    ),
    "staff": (
        "I work in the Industrial Strategy Zones secretariat, running the networks and their meetings.",
    ),
}

CLOSINGS = (
    "",
    "Happy to host visits from other zones.",
    "Always keen to hear what has worked elsewhere.",
    "I am happy to share our evaluation reports.",
    "Get in touch if you are working on something similar.",
)

OTHER_CONTACTS = (
    "Microsoft Teams: search for my name",
    "I work Monday to Thursday; my deputy covers Fridays",
    "Mobile number on request through the secretariat",
    "Our team inbox is on the zone's website",
)

# Telephone numbers set aside for drama and examples (Ofcom): prefixes followed by three digits.
PHONE_PREFIXES: dict[str, tuple[str, ...]] = {
    "England": (
        "0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0", "0117 496 0", "0118 496 0", "0121 496 0",
        "0151 496 0", "0161 496 0", "0191 498 0", "020 7946 0",
    ),
    "Scotland": ("0131 496 0", "0141 496 0"),
    "Wales": ("029 2018 0",),
    "Northern Ireland": ("028 9649 6",),
}
MOBILE_PREFIX = "07700 900"

# (visibility, weight): most people keep the defaults; some open up, some close down.
EMAIL_VISIBILITIES = (("networks", 12), ("members", 5), ("secretariat", 2), ("only_me", 1))
PHONE_VISIBILITIES = (("networks", 8), ("members", 5), ("secretariat", 4), ("only_me", 3))
OTHER_VISIBILITIES = (("networks", 2), ("members", 2), ("secretariat", 1))
PHONE_SHARE = 0.45
OTHER_CONTACT_SHARE = 0.15


@dataclass(frozen=True)
class ProfilePlan:
    """The profile a demo person is created with."""

    zone_roles: tuple[str, ...]
    expertise: tuple[str, ...]  # managed tag slugs
    bio: str
    phone: str = ""
    phone_visibility: str = "only_me"
    email_visibility: str = "networks"
    other_contact: str = ""
    other_contact_visibility: str = "only_me"


def person_random(seed: int, email: str) -> random.Random:
    """A generator for one person's choices, fixed by the seed and their email address."""
    return random.Random(f"{seed}:{email}")  # noqa: S311 (demo data, not secrets)


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in choices], weights=[weight for _, weight in choices])[0]


def _expertise(rng: random.Random, kind: str, sectors: tuple[str, ...], freeport: bool) -> list[str]:
    pool = list(KIND_EXPERTISE[kind])
    if kind in ("innovation", "net_zero", "other"):
        pool += [name for sector in sectors for name in SECTOR_EXPERTISE.get(sector, ())]
    if freeport and kind in ("other", "innovation"):
        pool += FREEPORT_EXPERTISE
    unique = list(dict.fromkeys(pool))
    return rng.sample(unique, min(rng.choice(EXPERTISE_COUNTS), len(unique)))


def _bio(rng: random.Random, kind: str, place: str, expertise: list[str]) -> str:
    lines = [rng.choice(INTRODUCTIONS[kind]).format(place=place)]
    if len(expertise) >= 3 and rng.random() < 0.5:
        lines.append("I can help with:\n\n" + "\n".join(f"- {name.lower()}" for name in expertise))
    elif expertise:
        lines.append(f"At the moment I am focused on **{expertise[0].lower()}**.")
    closing = rng.choice(CLOSINGS)
    if closing:
        lines.append(closing)
    return "\n\n".join(lines)


def _phone(rng: random.Random, nation: str) -> str:
    if rng.random() < 0.3:
        return f"{MOBILE_PREFIX}{rng.randrange(1000):03d}"
    prefix = rng.choice(PHONE_PREFIXES.get(nation, PHONE_PREFIXES["England"]))
    return f"{prefix}{rng.randrange(1000):03d}"


def plan_profile(
    rng: random.Random,
    kind: str,
    *,
    place: str,
    nation: str,
    sectors: tuple[str, ...] = (),
    freeport: bool = False,
    extra_roles: tuple[str, ...] = (),
    always_phone: bool = False,
) -> ProfilePlan:
    """A sensible profile for a person of `kind` (skills, innovation, net_zero, other, official or staff).

    `place` is their zone's (or organisation's) name; `extra_roles` are zone
    roles they hold besides the one their kind implies.
    """
    roles = ([KIND_ROLES[kind]] if kind in KIND_ROLES else []) + [r for r in extra_roles if r != KIND_ROLES.get(kind)]
    expertise = _expertise(rng, kind, sectors, freeport)
    bio = _bio(rng, kind, place, expertise)
    email_visibility = _weighted(rng, EMAIL_VISIBILITIES)
    phone, phone_visibility = "", "only_me"
    if always_phone or rng.random() < PHONE_SHARE:
        phone, phone_visibility = _phone(rng, nation), _weighted(rng, PHONE_VISIBILITIES)
    other, other_visibility = "", "only_me"
    if rng.random() < OTHER_CONTACT_SHARE:
        other, other_visibility = rng.choice(OTHER_CONTACTS), _weighted(rng, OTHER_VISIBILITIES)
    return ProfilePlan(
        zone_roles=tuple(dict.fromkeys(roles)),
        expertise=tuple(tag_slug(name) for name in expertise),
        bio=bio,
        phone=phone,
        phone_visibility=phone_visibility,
        email_visibility=email_visibility,
        other_contact=other,
        other_contact_visibility=other_visibility,
    )
