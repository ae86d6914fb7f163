"""Markdown from users becomes safe HTML: no scripts, no javascript: links, no raw HTML."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from zone_networks.core.markdown import render_markdown


def test_ordinary_markdown_renders() -> None:
    html = render_markdown("## Skills\n\n**Bold** and *italic* with `code`.\n\n- one\n- two\n\n> quoted")
    assert isinstance(html, Markup)
    assert "<h2>Skills</h2>" in html
    assert "<strong>Bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<code>code</code>" in html
    assert "<li>one</li>" in html
    assert "<blockquote>" in html


def test_tables_render() -> None:
    html = render_markdown("| Zone | Jobs |\n|---|---:|\n| Humber | 100 |")
    assert "<table>" in html
    assert "<td>Humber</td>" in html


def test_links_get_safe_rel() -> None:
    html = render_markdown("[the action plan](https://www.gov.uk/government/publications)")
    assert 'href="https://www.gov.uk/government/publications"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_mailto_links_are_kept() -> None:
    assert 'href="mailto:secretariat@example.org"' in render_markdown("[email](mailto:secretariat@example.org)")


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "before <script>alert(1)</script> after",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        "<iframe src=\"https://evil.example\"></iframe>",
        "<style>body { display: none }</style>",
        '<div style="position:fixed">overlay</div>',
        "<svg onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
    ],
)
def test_raw_html_is_never_passed_through(source: str) -> None:
    html = str(render_markdown(source))
    for forbidden in ("<script", "<img", "<iframe", "<style", "<svg", "<div", "<details", "<a "):
        assert forbidden not in html.lower()


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<javascript:alert(1)>",
    ],
)
def test_dangerous_link_schemes_are_removed(source: str) -> None:
    html = str(render_markdown(source)).lower()
    assert "<a" not in html
    assert "href" not in html


def test_sanitiser_catches_dangerous_links_even_if_the_parser_let_them_through(monkeypatch) -> None:
    from zone_networks.core import markdown

    monkeypatch.setattr(markdown._markdown, "validateLink", lambda url: True)
    html = str(render_markdown("[a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x) [d](https://ok.example)"))
    assert "javascript" not in html
    assert "vbscript" not in html
    assert "data:" not in html
    assert 'href="https://ok.example"' in html


def test_images_are_not_rendered() -> None:
    html = str(render_markdown("![tracking pixel](https://evil.example/pixel.png)"))
    assert "<img" not in html


def test_attributes_other_than_href_and_title_are_dropped() -> None:
    html = str(render_markdown('[x](https://example.org "a title")'))
    assert 'title="a title"' in html
    assert "onclick" not in html


def test_empty_and_none_render_empty() -> None:
    assert render_markdown("") == ""
    assert render_markdown(None) == ""  # type: ignore[arg-type]


def test_the_template_filter_uses_the_same_renderer(app) -> None:
    with app.test_request_context():
        from flask import render_template_string

        html = render_template_string("{{ text | markdown }}", text="**hi** <script>x</script>")
    assert "<strong>hi</strong>" in html
    assert "<script>" not in html
