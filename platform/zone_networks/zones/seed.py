"""Load the reference data (sectors, zones, organisations, networks) idempotently."""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from zone_networks.extensions import db
from zone_networks.zones.models import Organisation, Sector, Zone

DATA_FILE = Path(__file__).with_name("data.yaml")
SECRETARIAT_NAME = "Industrial Strategy Zones Secretariat"


@dataclass(frozen=True)
class NetworkSpec:
    """The reference definition of one of the three peer networks."""

    slug: str
    name: str
    short_name: str
    description: str
    who: str
    cadence: str
    eligibility: str
    eligible_sector: str | None
    officials_may_join: bool


NETWORKS = (
    NetworkSpec(
        slug="skills-forum",
        name="Industrial Strategy Zones Skills Forum",
        short_name="Skills Forum",
        description=(
            "Skills leads from every zone discuss shared challenges and opportunities, learn from "
            "each other and coordinate skills interventions, with the UK, Scottish and Welsh governments."
        ),
        who="Local stakeholders from every zone, with the UK, Scottish and Welsh governments.",
        cadence="Meets twice a year",
        eligibility="all_zones",
        eligible_sector=None,
        officials_may_join=True,
    ),
    NetworkSpec(
        slug="innovation-leads",
        name="Innovation Leads Network",
        short_name="Innovation Leads",
        description=(
            "Innovation leads from across the Industrial Strategy Zones collaborate and share knowledge "
            "to deliver the zones' innovation goals."
        ),
        who="Innovation leads from across Industrial Strategy Zones.",
        cadence="Convened on a regular basis",
        eligibility="all_zones",
        eligible_sector=None,
        officials_may_join=False,
    ),
    NetworkSpec(
        slug="net-zero",
        name="Net Zero Network",
        short_name="Net Zero",
        description=(
            "Zones that focus on Clean Energy Industries explore common challenges and opportunities."
        ),
        who="Zones whose sectors include Clean Energy Industries.",
        cadence="Meets as the network decides",
        eligibility="sector",
        eligible_sector="Clean Energy Industries",
        officials_may_join=False,
    ),
)


def slugify(text: str) -> str:
    """Make a lowercase ASCII URL slug from a name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def load_reference_data() -> dict[str, Any]:
    """The project's copy of the zones reference file (read and parsed once per process; a fresh copy each call)."""
    return copy.deepcopy(_parsed_reference_data())


@functools.cache
def _parsed_reference_data() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def _upsert_sectors(names: list[str]) -> dict[str, Sector]:
    existing = {sector.name: sector for sector in db.session.scalars(select(Sector))}
    for name in names:
        if name not in existing:
            existing[name] = Sector(name=name, slug=slugify(name))
            db.session.add(existing[name])
    return existing


def _upsert_zones(rows: list[dict[str, Any]], sectors: dict[str, Sector]) -> None:
    existing = {zone.number: zone for zone in db.session.scalars(select(Zone))}
    for row in rows:
        zone = existing.get(row["n"]) or Zone(number=row["n"])
        zone.name = row["name"]
        zone.slug = slugify(row["name"])
        zone.programme = row["programme"]
        zone.nation = row["nation"]
        zone.status = row.get("status", "active")
        zone.specialism = row.get("specialism")
        zone.note = row.get("note")
        zone.aliases = row.get("aliases", "")
        zone.sectors = [sectors[name] for name in row.get("sectors", [])]
        db.session.add(zone)
        existing[row["n"]] = zone
    db.session.flush()
    _upsert_organisations(
        [(zone.name, "zone", zone) for zone in existing.values()]
    )


def _upsert_organisations(rows: Sequence[tuple[str, str, Zone | None]]) -> None:
    existing = {org.slug: org for org in db.session.scalars(select(Organisation))}
    for name, kind, zone in rows:
        slug = slugify(name)
        org = existing.get(slug) or Organisation(slug=slug)
        org.name = name
        org.kind = kind
        org.zone_id = zone.id if zone is not None else None
        db.session.add(org)
        existing[slug] = org


def _upsert_networks(sectors: dict[str, Sector]) -> None:
    from zone_networks.networks.models import Network

    existing = {network.slug: network for network in db.session.scalars(select(Network))}
    for spec in NETWORKS:
        network = existing.get(spec.slug) or Network(slug=spec.slug)
        network.name = spec.name
        network.short_name = spec.short_name
        network.description = spec.description
        network.who = spec.who
        network.cadence = spec.cadence
        network.eligibility = spec.eligibility
        network.eligible_sector = sectors[spec.eligible_sector] if spec.eligible_sector else None
        network.officials_may_join = spec.officials_may_join
        db.session.add(network)


def seed_reference_data() -> None:
    """Create or update sectors, zones, organisations and networks; safe to run repeatedly."""
    data = load_reference_data()
    sectors = _upsert_sectors(list(data["growth_sectors"]))
    db.session.flush()
    _upsert_zones(list(data["zones"]), sectors)
    _upsert_organisations(
        [(name, "government", None) for name in data["government_bodies"]]
        + [(SECRETARIAT_NAME, "secretariat", None)]
    )
    _upsert_networks(sectors)
    db.session.commit()
