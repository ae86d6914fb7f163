"""@handles: how they are made, found and linked without undoing the sanitising."""

from __future__ import annotations

import pytest

from zone_networks.accounts.models import User
from zone_networks.core.markdown import render_markdown
from zone_networks.discussions.mentions import handle_for, link_mentions


@pytest.mark.parametrize(("name", "handle"), [
    ("Siân Jones", "sian-jones"),
    ("Mary-Ann O'Brien", "mary-ann-o-brien"),
    ("  Dr. J.  Smith ", "dr-j-smith"),
    ("Ŵyn Ápgwilym", "wyn-apgwilym"),
    ("李", ""),
])
def test_handles(name: str, handle: str) -> None:
    assert handle_for(name) == handle


def person(ident: int, name: str) -> User:
    """An unsaved person with an id, for linking."""
    return User(id=ident, name=name, email=f"{ident}@x.example")


def link(source: str, *people: User) -> tuple[str, list[int]]:
    """Render `source` and link mentions of `people`; returns the HTML and the ids mentioned."""
    html, mentioned = link_mentions(str(render_markdown(source)), {handle_for(p.name): p for p in people})
    return str(html), [p.id for p in mentioned]


def test_mentions_are_linked_once_per_person() -> None:
    html, ids = link("Hi @sian-jones and @sian-jones, thanks.", person(7, "Siân Jones"))
    assert html.count('<a href="/people/7">@sian-jones</a>') == 2
    assert ids == [7]


def test_trailing_punctuation_and_longer_words_still_match_the_longest_handle() -> None:
    html, ids = link("@sian-jones-thanks! and @sian.", person(7, "Siân Jones"), person(8, "Sian"))
    assert '<a href="/people/7">@sian-jones</a>-thanks!' in html
    assert '<a href="/people/8">@sian</a>.' in html
    assert ids == [7, 8]


def test_no_mentions_in_code_links_or_email_addresses() -> None:
    html, ids = link("`@sian-jones`\n\n    @sian-jones\n\n[@sian-jones](https://x.example) sian@sian-jones.example",
                     person(7, "Siân Jones"))
    assert "/people/" not in html and ids == []


def test_escaped_text_stays_escaped() -> None:
    html, _ids = link("<b>&amp;</b> @sian-jones <script>", person(7, "Siân Jones"))
    assert "<b>" not in html and "<script>" not in html
    # Apart from the link, the sanitised HTML is unchanged.
    source = "<b>&amp;</b> @sian-jones <script>"
    assert html.replace('<a href="/people/7">@sian-jones</a>', "@sian-jones") == str(render_markdown(source))


def test_attributes_with_angle_brackets_survive() -> None:
    html, _ids = link('[x](https://a.example "a>b") @sian-jones', person(7, "Siân Jones"))
    assert 'title="a>b"' in html or 'title="a&gt;b"' in html
    assert '<a href="/people/7">@sian-jones</a>' in html
