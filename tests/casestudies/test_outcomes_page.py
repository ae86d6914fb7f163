"""The outcomes dashboard page (/outcomes): who counts what, tables, links, chart data, filters, query count."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.casestudies.outcomes_support import (
    ADVANCED_MANUFACTURING,
    CLEAN_ENERGY,
    GLASGOW,
    HUMBER,
    WREXHAM,
    make_case_study,
)
from tests.helpers import text_of


def _world(db: Any) -> None:
    make_case_study("Public one", zones=(HUMBER,), sectors=(CLEAN_ENERGY,), is_public=True, jobs_created=1_234,
                    investment_gbp=186_000_000)
    make_case_study("Members one", zones=(HUMBER, GLASGOW), sectors=(ADVANCED_MANUFACTURING,), theme="innovation",
                    jobs_created=66, people_trained=0)
    make_case_study("Draft one", zones=(WREXHAM,), status="draft", jobs_created=5_000, businesses_supported=9)
    db.session.commit()


def _chart(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="outcomes-chart-data">(.*?)</script>', page, re.S)
    assert match, "no chart data on the page"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _total(page: str, label: str) -> str:
    """The value cell of the totals summary list row called `label`, without tags and spare spaces."""
    match = re.search(rf'<dt class="govuk-summary-list__key">\s*{re.escape(label)}\s*</dt>\s*'
                      r'<dd class="govuk-summary-list__value">(.*?)</dd>', page, re.S)
    assert match, f"no {label} row"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_signed_out_visitors_see_the_totals_of_public_case_studies_only(client: Any, db: Any) -> None:
    _world(db)
    response = client.get("/outcomes")
    page = text_of(response)

    assert response.status_code == 200
    assert "<title>Outcomes - Zone Networks</title>" in page
    assert _total(page, "Case studies") == "1"
    assert _total(page, "Jobs created") == "1,234"
    assert _total(page, "Private investment") == "£186 million"
    assert _total(page, "People trained") == "Not reported"
    assert "Glasgow City Region Investment Zone</a>" not in page
    assert "Wrexham and Flintshire Investment Zone</a>" not in page
    assert "open to the public" in page
    assert 'name="drafts"' not in page


def test_members_see_every_published_case_study_and_no_drafts(client: Any, db: Any, login: Any, member: Any) -> None:
    _world(db)
    login(member)
    page = text_of(client.get("/outcomes?drafts=1"))

    assert _total(page, "Case studies") == "2"
    assert _total(page, "Jobs created") == "1,300"
    # One of the two reported people trained: a reported 0 is 0, with a note that only one reported it.
    assert _total(page, "People trained") == "0 from 1 of 2 case studies"
    assert _total(page, "Businesses supported") == "Not reported"
    assert "These totals count every published case study." in page
    assert 'name="drafts"' not in page
    assert "include draft case studies" not in page


def test_the_secretariat_sees_drafts_only_when_asked_and_is_told_so(client: Any, db: Any, login: Any,
                                                                     secretariat: Any) -> None:
    _world(db)
    login(secretariat)
    page = text_of(client.get("/outcomes"))
    assert _total(page, "Case studies") == "2"
    assert 'name="drafts"' in page
    assert "These totals include draft case studies" not in page

    page = text_of(client.get("/outcomes?drafts=1"))
    assert _total(page, "Case studies") == "3"
    assert _total(page, "Jobs created") == "6,300"
    assert _total(page, "Businesses supported") == "9 from 1 of 3 case studies"
    assert "These totals include draft case studies, which have not been published." in page
    assert re.search(r'name="drafts" type="checkbox" value="1" checked', page)
    assert "drafts=1" in page  # the CSV link keeps the choice


def test_each_breakdown_is_a_table_with_numeric_columns_a_caption_and_links_to_the_list(client: Any, db: Any,
                                                                                        login: Any,
                                                                                        member: Any) -> None:
    _world(db)
    login(member)
    page = text_of(client.get("/outcomes"))

    for caption in ("Outcome figures by zone", "Outcome figures by nation", "Outcome figures by sector",
                    "Outcome figures by theme"):
        assert re.search(rf'<caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>', page)
    assert page.count('<th scope="col" class="govuk-table__header govuk-table__header--numeric">Jobs created</th>') == 4
    assert ('<th scope="row" class="govuk-table__header"><a class="govuk-link" '
            'href="/case-studies?zone=humber-freeport">Humber Freeport</a></th>') in page
    assert 'href="/case-studies?nation=Scotland"' in page
    assert f'href="/case-studies?sector={CLEAN_ENERGY}"' in page
    assert 'href="/case-studies?theme=innovation"' in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1,300</td>' in page  # Humber's jobs
    assert "counts once in each of them" in page


def test_group_links_keep_the_dashboard_filters_and_ask_staff_lists_for_published_ones(
        client: Any, db: Any, login: Any, member: Any, secretariat: Any) -> None:
    _world(db)
    login(member)
    page = text_of(client.get("/outcomes?theme=innovation&figure=people_trained"))
    links = re.findall(r'href="(/case-studies\?[^"]+)"', page)
    assert links
    for link in links:
        assert ("theme", "innovation") in parse_qsl(urlsplit(link.replace("&amp;", "&")).query)
        assert "status=" not in link

    login(secretariat)
    published = re.findall(r'href="(/case-studies\?[^"]+)"', text_of(client.get("/outcomes")))
    assert published and all("status=published" in link for link in published)
    with_drafts = re.findall(r'href="(/case-studies\?[^"]+)"', text_of(client.get("/outcomes?drafts=1")))
    assert with_drafts and not any("status=" in link for link in with_drafts)


def test_the_charts_get_the_chosen_figure_and_load_only_with_the_nonce(client: Any, db: Any, login: Any,
                                                                        member: Any) -> None:
    _world(db)
    login(member)
    response = client.get("/outcomes?figure=investment_gbp")
    page = text_of(response)

    data = _chart(page)
    assert data["figure"] == "investment_gbp"
    assert data["money"] is True
    assert data["charts"]["zone"] == {"labels": ["Glasgow City Region Investment Zone", "Humber Freeport"],
                                      "values": [None, 186_000_000],
                                      "texts": ["Not reported", "£186 million"]}
    assert set(data["charts"]) == {"zone", "nation", "sector", "theme"}
    found = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    assert found
    nonce = found.group(1)
    assert f'src="/static/vendor/chart.js/chart.umd.min.js" nonce="{nonce}" defer' in page
    assert f'src="/static/js/outcomes-charts.js" nonce="{nonce}" defer' in page
    # Each chart: hidden until the script draws it, named for screen readers, pointing at the table.
    assert ('<div class="zn-chart" data-chart="zone" hidden>\n      <canvas id="chart-zone" role="img" '
            'aria-label="Chart: Private investment by zone. The same figures are in the table below.">') in page
    assert '<option value="investment_gbp" selected>' in page


def test_chart_data_cannot_close_its_script_element(client: Any, db: Any, login: Any, member: Any) -> None:
    from zone_networks.zones.models import Zone

    zone = db.session.execute(db.select(Zone).filter_by(slug=HUMBER)).scalar_one()
    zone.name = "Humber </script><script>alert(1)</script>"
    _world(db)
    login(member)
    page = text_of(client.get("/outcomes"))
    assert "<script>alert(1)" not in page
    assert _chart(page)["charts"]["zone"]["labels"][1].startswith("Humber </script>")


def test_filters_narrow_the_figures_and_unknown_values_are_ignored(client: Any, db: Any, login: Any,
                                                                   member: Any) -> None:
    _world(db)
    login(member)
    assert _total(text_of(client.get(f"/outcomes?zone={GLASGOW}")), "Jobs created") == "66"
    assert _total(text_of(client.get("/outcomes?nation=England&theme=skills")), "Jobs created") == "1,234"
    assert _total(text_of(client.get(f"/outcomes?sector={ADVANCED_MANUFACTURING}")), "Case studies") == "1"
    page = text_of(client.get("/outcomes?zone=nowhere&nation=Atlantis&theme=<b>&figure=x&drafts=1"))
    assert _total(page, "Case studies") == "2"
    assert "Clear filters" not in page
    page = text_of(client.get("/outcomes?theme=planning"))
    assert "No case studies match these filters." in page
    assert "Outcome figures by zone" not in page
    assert "outcomes-charts.js" not in page
    assert "Clear filters" in page


def test_an_empty_dashboard_says_so(client: Any, db: Any) -> None:
    page = text_of(client.get("/outcomes"))
    assert _total(page, "Case studies") == "0"
    assert _total(page, "Jobs created") == "Not reported"
    assert "No case studies match these filters." in page
    assert "chart.umd.min.js" not in page


def test_the_page_runs_the_same_few_queries_for_3_or_30_case_studies_and_writes_nothing(
        client: Any, db: Any, login: Any, secretariat: Any, count_queries: Any) -> None:
    zones = (HUMBER, GLASGOW, WREXHAM)
    counts = []
    for first, last in ((0, 3), (3, 30)):
        for index in range(first, last):
            make_case_study(f"Study {index}", zones=zones[: 1 + index % 3], sectors=(CLEAN_ENERGY,),
                            theme=("skills", "innovation")[index % 2], status=("draft", "published")[index % 2],
                            jobs_created=index, investment_gbp=index * 1_000)
        db.session.commit()
        login(secretariat)
        with count_queries() as statements:
            response = client.get("/outcomes?drafts=1")
        assert response.status_code == 200
        assert _total(text_of(response), "Case studies") == str(last)
        assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
        counts.append(len(statements))
    assert counts[0] == counts[1]
    # The signed-in user, the zones and sectors, the totals and the four breakdowns.
    assert counts[0] <= 7, counts
