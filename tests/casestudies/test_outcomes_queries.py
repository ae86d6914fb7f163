"""The outcomes dashboard's sums: who counts which case studies, the breakdowns, filters, nulls, multi-zone counting."""

from __future__ import annotations

from typing import Any

from flask_login import AnonymousUserMixin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from werkzeug.datastructures import MultiDict

from tests.casestudies.outcomes_support import (
    ADVANCED_MANUFACTURING,
    CLEAN_ENERGY,
    GLASGOW,
    HUMBER,
    TEESSIDE,
    WREXHAM,
    make_case_study,
)
from zone_networks.casestudies.filters import Vocabulary
from zone_networks.casestudies.models import FIGURES, THEMES, CaseStudy, case_study_sectors, case_study_zones
from zone_networks.casestudies.outcomes_queries import Group, OutcomeFilters, Totals, outcomes

ANONYMOUS = AnonymousUserMixin()


def _groups(result: Any, kind: str) -> dict[str | None, Totals]:
    return {group.key: group.totals for group in result.breakdowns[kind]}


def test_headline_totals_add_up_each_figure_and_count_who_reported_it(db: Any, member: Any) -> None:
    make_case_study("One", jobs_created=100, investment_gbp=186_000_000, people_trained=None, businesses_supported=4)
    make_case_study("Two", jobs_created=20, investment_gbp=None, people_trained=None, businesses_supported=0)
    make_case_study("Three", jobs_created=None, investment_gbp=5_000, people_trained=None, businesses_supported=None)
    db.session.commit()

    totals = outcomes(member, OutcomeFilters()).totals

    assert totals.case_studies == 3
    assert totals.sums == {"jobs_created": 120, "investment_gbp": 186_005_000, "people_trained": None,
                           "businesses_supported": 4}
    assert totals.reported == {"jobs_created": 2, "investment_gbp": 2, "people_trained": 0,
                               "businesses_supported": 2}


def test_a_reported_zero_is_zero_and_a_missing_figure_is_not_reported(db: Any, member: Any) -> None:
    make_case_study("Zero", zones=(HUMBER,), people_trained=0)
    make_case_study("Missing", zones=(GLASGOW,), people_trained=None)
    db.session.commit()

    result = outcomes(member, OutcomeFilters())
    zones = _groups(result, "zone")

    assert zones[HUMBER].sums["people_trained"] == 0
    assert zones[HUMBER].reported["people_trained"] == 1
    assert zones[GLASGOW].sums["people_trained"] is None
    assert zones[GLASGOW].reported["people_trained"] == 0
    assert result.totals.sums["people_trained"] == 0
    assert result.totals.reported["people_trained"] == 1


def test_a_case_study_with_two_zones_counts_in_each_zone_and_once_in_the_totals(db: Any, member: Any) -> None:
    make_case_study("Shared", zones=(HUMBER, GLASGOW), jobs_created=50)
    make_case_study("Humber only", zones=(HUMBER,), jobs_created=7)
    db.session.commit()

    result = outcomes(member, OutcomeFilters())
    zones = _groups(result, "zone")

    assert set(zones) == {HUMBER, GLASGOW}
    assert (zones[HUMBER].case_studies, zones[HUMBER].sums["jobs_created"]) == (2, 57)
    assert (zones[GLASGOW].case_studies, zones[GLASGOW].sums["jobs_created"]) == (1, 50)
    assert (result.totals.case_studies, result.totals.sums["jobs_created"]) == (2, 57)


def test_a_case_study_counts_once_per_nation_however_many_of_its_zones_are_there(db: Any, member: Any) -> None:
    make_case_study("Two English zones", zones=(HUMBER, TEESSIDE), jobs_created=10)
    make_case_study("England and Scotland", zones=(HUMBER, GLASGOW), jobs_created=3)
    make_case_study("Wales", zones=(WREXHAM,), jobs_created=None)
    db.session.commit()

    result = outcomes(member, OutcomeFilters())
    nations = _groups(result, "nation")

    assert [group.key for group in result.breakdowns["nation"]] == ["England", "Scotland", "Wales"]
    assert (nations["England"].case_studies, nations["England"].sums["jobs_created"]) == (2, 13)
    assert (nations["Scotland"].case_studies, nations["Scotland"].sums["jobs_created"]) == (1, 3)
    assert (nations["Wales"].case_studies, nations["Wales"].sums["jobs_created"]) == (1, None)


def test_sectors_count_each_case_study_in_each_sector_and_those_without_one_in_a_group_of_their_own(
        db: Any, member: Any) -> None:
    make_case_study("Both", sectors=(CLEAN_ENERGY, ADVANCED_MANUFACTURING), investment_gbp=1_000)
    make_case_study("Clean", sectors=(CLEAN_ENERGY,), investment_gbp=500)
    make_case_study("None", sectors=(), investment_gbp=2)
    db.session.commit()

    result = outcomes(member, OutcomeFilters())
    sectors = _groups(result, "sector")

    assert [group.key for group in result.breakdowns["sector"]] == [ADVANCED_MANUFACTURING, CLEAN_ENERGY, None]
    assert sectors[CLEAN_ENERGY].sums["investment_gbp"] == 1_500
    assert sectors[ADVANCED_MANUFACTURING].sums["investment_gbp"] == 1_000
    assert (sectors[None].case_studies, sectors[None].sums["investment_gbp"]) == (1, 2)


def test_themes_come_in_their_fixed_order(db: Any, member: Any) -> None:
    make_case_study("Other", theme="other", businesses_supported=1)
    make_case_study("Skills", theme="skills", businesses_supported=2)
    make_case_study("Net zero", theme="net_zero", businesses_supported=3)
    make_case_study("Skills again", theme="skills", businesses_supported=4)
    db.session.commit()

    result = outcomes(member, OutcomeFilters())

    assert [(group.key, group.totals.sums["businesses_supported"]) for group in result.breakdowns["theme"]] == [
        ("skills", 6), ("net_zero", 3), ("other", 1)]


def _world(db: Any, author: Any) -> None:
    make_case_study("Public", status="published", is_public=True, jobs_created=1)
    make_case_study("Members", status="published", is_public=False, jobs_created=10)
    make_case_study("Draft", status="draft", jobs_created=100, author_id=author.id)
    make_case_study("Public draft", status="draft", is_public=True, jobs_created=1000)
    db.session.commit()


def test_signed_out_visitors_count_only_published_public_case_studies(db: Any, member: Any) -> None:
    _world(db, member)
    assert outcomes(ANONYMOUS, OutcomeFilters()).totals.sums["jobs_created"] == 1
    # Asking for drafts changes nothing for them.
    assert outcomes(ANONYMOUS, OutcomeFilters(drafts=True)).totals.sums["jobs_created"] == 1


def test_members_count_every_published_case_study_but_no_drafts_not_even_their_own(db: Any, member: Any) -> None:
    _world(db, member)
    assert outcomes(member, OutcomeFilters()).totals.sums["jobs_created"] == 11
    assert outcomes(member, OutcomeFilters(drafts=True)).totals.sums["jobs_created"] == 11


def test_a_deactivated_person_counts_like_a_signed_out_visitor(db: Any, member: Any) -> None:
    _world(db, member)
    member.active = False
    db.session.commit()
    assert outcomes(member, OutcomeFilters()).totals.sums["jobs_created"] == 1


def test_the_secretariat_counts_published_ones_and_drafts_only_when_asked(db: Any, secretariat: Any,
                                                                          admin: Any) -> None:
    _world(db, secretariat)
    for staff in (secretariat, admin):
        assert outcomes(staff, OutcomeFilters()).totals.sums["jobs_created"] == 11
        assert outcomes(staff, OutcomeFilters(drafts=True)).totals.sums["jobs_created"] == 1111


def test_only_staff_can_ask_for_drafts_in_the_address(db: Any) -> None:
    vocabulary = Vocabulary.load()
    args = MultiDict({"drafts": "1"})
    assert OutcomeFilters.from_args(args, vocabulary, may_include_drafts=True).drafts is True
    assert OutcomeFilters.from_args(args, vocabulary, may_include_drafts=False).drafts is False
    assert OutcomeFilters.from_args(MultiDict({"drafts": "yes"}), vocabulary, may_include_drafts=True).drafts is False


def test_filters_read_from_the_address_drop_values_that_name_nothing(db: Any) -> None:
    vocabulary = Vocabulary.load()
    good = OutcomeFilters.from_args(MultiDict({"zone": HUMBER, "nation": "Wales", "sector": CLEAN_ENERGY,
                                               "theme": "net_zero", "figure": "investment_gbp"}), vocabulary, False)
    assert (good.zone, good.nation, good.sector, good.theme, good.figure) == (
        HUMBER, "Wales", CLEAN_ENERGY, "net_zero", "investment_gbp")
    assert good.to_args() == [("zone", HUMBER), ("nation", "Wales"), ("sector", CLEAN_ENERGY),
                              ("theme", "net_zero"), ("figure", "investment_gbp")]
    bad = OutcomeFilters.from_args(MultiDict({"zone": "atlantis", "nation": "wales", "sector": "x'; drop",
                                              "theme": "fishing", "figure": "title"}), vocabulary, False)
    assert bad == OutcomeFilters()
    assert bad.to_args() == []


def test_filters_narrow_the_case_studies_counted(db: Any, member: Any) -> None:
    make_case_study("Humber skills", zones=(HUMBER,), sectors=(CLEAN_ENERGY,), theme="skills", jobs_created=1)
    make_case_study("Humber and Glasgow", zones=(HUMBER, GLASGOW), sectors=(ADVANCED_MANUFACTURING,),
                    theme="innovation", jobs_created=10)
    make_case_study("Wrexham", zones=(WREXHAM,), sectors=(ADVANCED_MANUFACTURING,), theme="skills",
                    jobs_created=100)
    db.session.commit()

    def jobs(**chosen: Any) -> int | None:
        return outcomes(member, OutcomeFilters(**chosen)).totals.sums["jobs_created"]

    assert jobs() == 111
    assert jobs(zone=HUMBER) == 11
    assert jobs(zone=GLASGOW) == 10
    assert jobs(nation="England") == 11
    assert jobs(nation="Scotland") == 10
    assert jobs(nation="Wales") == 100
    assert jobs(nation="Northern Ireland") is None
    assert jobs(sector=ADVANCED_MANUFACTURING) == 110
    assert jobs(theme="skills") == 101
    assert jobs(theme="skills", zone=HUMBER) == 1
    assert jobs(theme="planning") is None
    # A filtered zone still shows the other zones its case studies name.
    by_zone = _groups(outcomes(member, OutcomeFilters(zone=GLASGOW)), "zone")
    assert set(by_zone) == {HUMBER, GLASGOW}


def test_nothing_to_count_gives_empty_breakdowns(db: Any, member: Any) -> None:
    result = outcomes(member, OutcomeFilters())
    assert result.totals == Totals()
    assert all(groups == [] for groups in result.breakdowns.values())


# Random case studies: the SQL sums must equal a plain Python sum over the rows the viewer may count.

_figure = st.one_of(st.none(), st.integers(min_value=0, max_value=10**9))
_study = st.fixed_dictionaries({
    "zones": st.lists(st.sampled_from([HUMBER, TEESSIDE, GLASGOW, WREXHAM]), max_size=3, unique=True),
    "sectors": st.lists(st.sampled_from([CLEAN_ENERGY, ADVANCED_MANUFACTURING]), max_size=2, unique=True),
    "theme": st.sampled_from(THEMES),
    "status": st.sampled_from(["draft", "published"]),
    "is_public": st.booleans(),
    **{name: _figure for name in FIGURES},
})
NATION_OF = {HUMBER: "England", TEESSIDE: "England", GLASGOW: "Scotland", WREXHAM: "Wales"}


def _or_not_given(keys: list[Any]) -> list[Any]:
    """The groups a case study counts in, or the "not given" group (None) when it names none."""
    return list(keys) or [None]


def _expected(studies: list[dict[str, Any]], keys: Any) -> dict[Any, Totals]:
    """Totals per group, in Python: `keys(study)` names the groups a study counts in (each once)."""
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for study in studies:
        for key in set(keys(study)):
            grouped.setdefault(key, []).append(study)
    result = {}
    for key, members in grouped.items():
        sums: dict[str, int | None] = {}
        reported: dict[str, int] = {}
        for name in FIGURES:
            given_values = [study[name] for study in members if study[name] is not None]
            sums[name] = sum(given_values) if given_values else None
            reported[name] = len(given_values)
        result[key] = Totals(len(members), sums, reported)
    return result


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(studies=st.lists(_study, max_size=8))
def test_sql_sums_equal_python_sums(db: Any, member: Any, secretariat: Any, studies: list[dict[str, Any]]) -> None:
    db.session.execute(delete(case_study_zones))
    db.session.execute(delete(case_study_sectors))
    db.session.execute(delete(CaseStudy))
    for index, study in enumerate(studies):
        make_case_study(f"Study {index}", **study)
    db.session.commit()

    for viewer, filters, counted in (
        (ANONYMOUS, OutcomeFilters(), [s for s in studies if s["status"] == "published" and s["is_public"]]),
        (member, OutcomeFilters(), [s for s in studies if s["status"] == "published"]),
        (secretariat, OutcomeFilters(drafts=True), studies),
        (member, OutcomeFilters(nation="England"),
         [s for s in studies if s["status"] == "published" and "England" in {NATION_OF[z] for z in s["zones"]}]),
    ):
        result = outcomes(viewer, filters)
        assert result.totals == _expected(counted, lambda s: [None]).get(None, Totals())
        expected = {
            "zone": _expected(counted, lambda s: _or_not_given(s["zones"])),
            "nation": _expected(counted, lambda s: _or_not_given([NATION_OF[z] for z in s["zones"]])),
            "sector": _expected(counted, lambda s: _or_not_given(s["sectors"])),
            "theme": _expected(counted, lambda s: [s["theme"]]),
        }
        for kind, groups in expected.items():
            found: list[Group] = result.breakdowns[kind]
            assert {group.key: group.totals for group in found} == groups, kind
