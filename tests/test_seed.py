"""Reference data: sectors, zones, organisations and networks load idempotently and correctly."""

from __future__ import annotations

from sqlalchemy import func, select

from zone_networks.networks.models import Network
from zone_networks.zones.models import Organisation, Sector, Zone
from zone_networks.zones.seed import seed_reference_data


def _counts(db) -> tuple[int, ...]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model)) for model in (Sector, Zone, Organisation, Network)
    )


def test_reference_data_counts(db) -> None:
    assert _counts(db) == (8, 22, 22 + 4 + 1, 3)


def test_seed_is_idempotent(db, app) -> None:
    before = _counts(db)
    seed_reference_data()
    seed_reference_data()
    assert _counts(db) == before


def test_seed_command_runs(app) -> None:
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "Reference data loaded" in result.output


def test_net_zero_eligibility_is_derived_from_sectors(db) -> None:
    net_zero = db.session.scalar(select(Network).filter_by(slug="net-zero"))
    zones = list(db.session.scalars(select(Zone)))
    eligible = [zone for zone in zones if net_zero.zone_is_eligible(zone)]
    assert len(eligible) == 12
    assert all(any(s.name == "Clean Energy Industries" for s in zone.sectors) for zone in eligible)
    assert "Wrexham and Flintshire Investment Zone" not in {zone.name for zone in eligible}


def test_all_zone_networks_take_every_zone(db) -> None:
    zones = list(db.session.scalars(select(Zone)))
    for slug in ("skills-forum", "innovation-leads"):
        network = db.session.scalar(select(Network).filter_by(slug=slug))
        assert all(network.zone_is_eligible(zone) for zone in zones)
    forum = db.session.scalar(select(Network).filter_by(slug="skills-forum"))
    assert forum.officials_may_join


def test_zone_facts(db) -> None:
    teesside = db.session.scalar(select(Zone).filter_by(slug="teesside-freeport-and-tees-valley-investment-zone"))
    assert teesside.programme == "both"
    assert teesside.nation == "England"
    assert {s.name for s in teesside.sectors} == {"Clean Energy Industries", "Creative Industries"}
    northern_ireland = db.session.scalar(select(Zone).filter_by(nation="Northern Ireland"))
    assert northern_ireland.status == "in development"
    assert northern_ireland.sectors == []
    nations = {zone.nation for zone in db.session.scalars(select(Zone))}
    assert nations == {"England", "Scotland", "Wales", "Northern Ireland"}
