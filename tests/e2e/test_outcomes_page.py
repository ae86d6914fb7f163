"""The outcomes dashboard in a real browser: Chart.js charts under the CSP, accessible, complete without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from tests.casestudies.outcomes_support import CLEAN_ENERGY, GLASGOW, HUMBER, WREXHAM, make_case_study
from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser


@pytest.fixture()
def public_case_studies(db: Any) -> None:
    """Three published, public case studies across three zones in three nations."""
    make_case_study("Wind blade skills", zones=(HUMBER,), sectors=(CLEAN_ENERGY,), is_public=True,
                    jobs_created=1_300, investment_gbp=186_000_000, people_trained=450)
    make_case_study("Shared innovation", zones=(HUMBER, GLASGOW), theme="innovation", is_public=True,
                    jobs_created=40, businesses_supported=12)
    make_case_study("Welsh steel", zones=(WREXHAM,), theme="net_zero", is_public=True, people_trained=0)
    db.session.commit()
    db.session.remove()  # the server reads it; keep no transaction open on the shared database


def _problems(page: Page) -> list[str]:
    problems: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", record)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def test_the_charts_are_drawn_under_the_csp_and_the_page_is_accessible(page: Page, live_server: LiveServer,
                                                                       public_case_studies: None) -> None:
    problems = _problems(page)
    response = page.goto("/outcomes?figure=investment_gbp")
    assert response is not None and response.status == 200

    for kind in ("zone", "nation", "sector", "theme"):
        box = page.locator(f'.zn-chart[data-chart="{kind}"]')
        expect(box).to_be_visible()
        canvas = page.locator(f"#chart-{kind}")
        expect(canvas).to_have_attribute("role", "img")
        size = canvas.bounding_box()
        assert size is not None and size["width"] > 200 and size["height"] > 80
    # Chart.js has drawn something: the canvas is no longer blank.
    assert page.evaluate("""() => {
        const canvas = document.getElementById('chart-zone');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        return pixels.some((value) => value !== 0);
    }""")
    expect(page.get_by_role("table", name="Outcome figures by zone")).to_contain_text("£186 million")
    assert_accessible(page, "outcomes dashboard")
    assert problems == []


def test_without_javascript_the_tables_hold_every_figure_and_no_empty_chart_shows(
        new_context: Callable[..., BrowserContext], live_server: LiveServer, public_case_studies: None) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/outcomes")

    for kind in ("zone", "nation", "sector", "theme"):
        expect(page.locator(f'.zn-chart[data-chart="{kind}"]')).to_be_hidden()
    zones = page.get_by_role("table", name="Outcome figures by zone")
    expect(zones.get_by_role("row")).to_have_count(4)  # the heading row and three zones
    expect(zones.get_by_role("row", name="Humber Freeport")).to_contain_text("1,340")
    nations = page.get_by_role("table", name="Outcome figures by nation")
    expect(nations.get_by_role("row", name="Wales")).to_contain_text("Not reported")
    page.get_by_label("Theme", exact=True).select_option("innovation")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table", name="Outcome figures by theme").get_by_role("row")).to_have_count(2)
