"""Case studies for the outcomes dashboard's tests, made directly with the models (no forms, no services)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from zone_networks.casestudies.models import CaseStudy
from zone_networks.extensions import db
from zone_networks.zones.models import Sector, Zone

HUMBER = "humber-freeport"
TEESSIDE = "teesside-freeport-and-tees-valley-investment-zone"
GLASGOW = "glasgow-city-region-investment-zone"
WREXHAM = "wrexham-and-flintshire-investment-zone"
CLEAN_ENERGY = "clean-energy-industries"
ADVANCED_MANUFACTURING = "advanced-manufacturing"


def zone(slug: str) -> Zone:
    """A seeded zone by slug."""
    return db.session.execute(select(Zone).filter_by(slug=slug)).scalar_one()


def sector(slug: str) -> Sector:
    """A seeded sector by slug."""
    return db.session.execute(select(Sector).filter_by(slug=slug)).scalar_one()


def make_case_study(title: str = "A case study", *, zones: tuple[str, ...] = (HUMBER,),
                    sectors: tuple[str, ...] = (), status: str = "published", is_public: bool = False,
                    theme: str = "skills", **fields: Any) -> CaseStudy:
    """Add a case study in `zones` and `sectors` (slugs) with any other columns given; flushed, not committed."""
    case_study = CaseStudy(title=title, theme=theme, status=status, is_public=is_public, **fields)
    case_study.zones = [zone(slug) for slug in zones]
    case_study.sectors = [sector(slug) for slug in sectors]
    db.session.add(case_study)
    db.session.flush()
    return case_study
