"""How case studies write their coded values and outcome figures."""

from __future__ import annotations

import pytest

from zone_networks.casestudies.labels import (
    FIGURE_LABELS,
    THEME_LABELS,
    figure_phrase,
    format_figure,
    theme_label,
)
from zone_networks.casestudies.models import FIGURES, THEMES


@pytest.mark.parametrize(("value", "expected"), [
    (186_000_000, "£186 million"),
    (9_700_000, "£9.7 million"),
    (9_650_000, "£9.7 million"),
    (1_120_000_000, "£1.1 billion"),
    (350_000_000, "£350 million"),
    (1_000_000, "£1 million"),
    (23_000, "£23,000"),
    (999_999, "£999,999"),
    (0, "£0"),
])
def test_money(value: int, expected: str) -> None:
    assert format_figure("investment_gbp", value) == expected


@pytest.mark.parametrize(("value", "expected"), [(1_200, "1,200"), (0, "0"), (100, "100"), (1_234_567, "1,234,567")])
def test_counts(value: int, expected: str) -> None:
    for name in ("jobs_created", "people_trained", "businesses_supported"):
        assert format_figure(name, value) == expected


def test_missing_figures_are_blank() -> None:
    assert format_figure("jobs_created", None) == "" and figure_phrase("investment_gbp", None) == ""


def test_phrases_for_lists() -> None:
    assert figure_phrase("investment_gbp", 186_000_000) == "£186 million private investment"
    assert figure_phrase("jobs_created", 100) == "100 jobs created"


def test_every_code_has_words() -> None:
    assert set(THEME_LABELS) == set(THEMES)
    assert list(FIGURE_LABELS) == list(FIGURES)
    assert theme_label("net_zero") == "Net zero" and theme_label("unknown") == "unknown"
