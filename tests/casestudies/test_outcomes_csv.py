"""The outcomes dashboard's CSV download (/outcomes.csv), and the shared spreadsheet-safe CSV writer."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from typing import Any

from tests.casestudies.outcomes_support import CLEAN_ENERGY, GLASGOW, HUMBER, WREXHAM, make_case_study
from zone_networks.casestudies.outcomes_csv import filename
from zone_networks.casestudies.outcomes_queries import OutcomeFilters
from zone_networks.core.spreadsheet import csv_bytes, safe_cell
from zone_networks.zones.models import Zone

HEADER = [
    "Breakdown", "Group", "Case studies",
    "Jobs created", "Case studies reporting jobs created",
    "Private investment (GBP)", "Case studies reporting private investment",
    "People trained", "Case studies reporting people trained",
    "Businesses supported", "Case studies reporting businesses supported",
]


def _rows(response: Any) -> list[list[str]]:
    data = response.get_data()
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _world(db: Any) -> None:
    make_case_study("Public one", zones=(HUMBER,), sectors=(CLEAN_ENERGY,), is_public=True, jobs_created=1_234,
                    investment_gbp=186_000_000)
    make_case_study("Members one", zones=(HUMBER, GLASGOW), theme="innovation", jobs_created=66, people_trained=0)
    make_case_study("Draft one", zones=(WREXHAM,), status="draft", jobs_created=5_000, businesses_supported=9)
    db.session.commit()


def test_the_csv_has_a_totals_row_then_a_row_per_breakdown_and_group(client: Any, db: Any, login: Any,
                                                                      member: Any) -> None:
    _world(db)
    login(member)
    response = client.get("/outcomes.csv")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="zone-networks-outcomes-\d{4}-\d{2}-\d{2}\.csv"',
                        response.headers["Content-Disposition"])
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    rows = _rows(response)
    assert rows[0] == HEADER
    assert rows[1:] == [
        ["Total", "All case studies", "2", "1300", "2", "186000000", "1", "0", "1", "", "0"],
        ["Zone", "Glasgow City Region Investment Zone", "1", "66", "1", "", "0", "0", "1", "", "0"],
        ["Zone", "Humber Freeport", "2", "1300", "2", "186000000", "1", "0", "1", "", "0"],
        ["Nation", "England", "2", "1300", "2", "186000000", "1", "0", "1", "", "0"],
        ["Nation", "Scotland", "1", "66", "1", "", "0", "0", "1", "", "0"],
        ["Sector", "Clean Energy Industries", "1", "1234", "1", "186000000", "1", "", "0", "", "0"],
        ["Sector", "No sector given", "1", "66", "1", "", "0", "0", "1", "", "0"],
        ["Theme", "Skills", "1", "1234", "1", "186000000", "1", "", "0", "", "0"],
        ["Theme", "Innovation", "1", "66", "1", "", "0", "0", "1", "", "0"],
    ]


def test_signed_out_visitors_download_public_figures_only(client: Any, db: Any) -> None:
    _world(db)
    rows = _rows(client.get("/outcomes.csv"))
    assert rows[1] == ["Total", "All case studies", "1", "1234", "1", "186000000", "1", "", "0", "", "0"]
    assert not any("Glasgow" in row[1] for row in rows)


def test_drafts_are_in_the_csv_only_for_staff_who_ask_and_the_file_name_says_so(client: Any, db: Any, login: Any,
                                                                                 member: Any,
                                                                                 secretariat: Any) -> None:
    _world(db)
    login(member)
    response = client.get("/outcomes.csv?drafts=1")
    assert _rows(response)[1][2] == "2"
    assert "including-drafts" not in response.headers["Content-Disposition"]

    login(secretariat)
    assert _rows(client.get("/outcomes.csv"))[1][2] == "2"
    response = client.get("/outcomes.csv?drafts=1")
    rows = _rows(response)
    assert rows[1] == ["Total", "All case studies", "3", "6300", "3", "186000000", "1", "0", "1", "9", "1"]
    assert ["Nation", "Wales", "1", "5000", "1", "", "0", "", "0", "9", "1"] in rows
    assert re.fullmatch(r'attachment; filename="zone-networks-outcomes-\d{4}-\d{2}-\d{2}-including-drafts\.csv"',
                        response.headers["Content-Disposition"])


def test_the_csv_follows_the_filters(client: Any, db: Any, login: Any, member: Any) -> None:
    _world(db)
    login(member)
    rows = _rows(client.get(f"/outcomes.csv?zone={GLASGOW}"))
    assert rows[1][:4] == ["Total", "All case studies", "1", "66"]
    assert [row[1] for row in rows if row[0] == "Zone"] == ["Glasgow City Region Investment Zone", "Humber Freeport"]
    rows = _rows(client.get("/outcomes.csv?theme=planning"))
    assert rows[1:] == [["Total", "All case studies", "0", "", "0", "", "0", "", "0", "", "0"]]


def test_names_that_look_like_formulas_are_defused(client: Any, db: Any, login: Any, member: Any) -> None:
    zone = db.session.execute(db.select(Zone).filter_by(slug=HUMBER)).scalar_one()
    zone.name = "=HYPERLINK(\"http://evil.example\",\"Humber\")"
    _world(db)
    login(member)
    rows = _rows(client.get("/outcomes.csv"))
    assert [row[1] for row in rows if "HYPERLINK" in row[1]][:1] == ["'=HYPERLINK(\"http://evil.example\",\"Humber\")"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_csv_runs_a_fixed_number_of_queries(client: Any, db: Any, login: Any, member: Any,
                                                count_queries: Any) -> None:
    counts = []
    for batch in range(2):
        for index in range(3 if batch == 0 else 27):
            make_case_study(f"Study {batch}-{index}", zones=(HUMBER, GLASGOW)[: 1 + index % 2], jobs_created=index)
        db.session.commit()
        login(member)
        with count_queries() as statements:
            assert client.get("/outcomes.csv").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_safe_cell_prefixes_formula_starts_only() -> None:
    for risky in ("=1+1", "+44 1234", "-3", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(risky) == "'" + risky
    for fine in ("Humber", "", "1,200", "'quoted"):
        assert safe_cell(fine) == fine


def test_csv_bytes_is_utf8_with_a_bom_and_defuses_every_cell() -> None:
    data = csv_bytes(["=Heading", "Ynys Môn"], [["-1", "Siân"], ["a,b", 'say "hi"']])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["'=Heading,Ynys Môn", "'-1,Siân", '"a,b","say ""hi"""']


def test_the_file_name_uses_the_uk_date() -> None:
    # 23:30 UTC on 30 June is already 1 July in London (BST).
    late = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert filename(OutcomeFilters(), late) == "zone-networks-outcomes-2026-07-01.csv"
    assert filename(OutcomeFilters(drafts=True), late) == "zone-networks-outcomes-2026-07-01-including-drafts.csv"
