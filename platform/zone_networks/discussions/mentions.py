"""@mentions: a person's handle, finding mentions in a post, and linking them in its sanitised HTML.

A handle is the person's name folded (core.text.fold: lower case, accents
removed) with every run of other characters turned into one hyphen:
"Siân Jones" is `@sian-jones`, "Mary-Ann O'Brien" is `@mary-ann-o-brien`.

A mention counts only for people who can see the thread when the post is
written (its network's active members and the staff). When two or more such
people share a handle, the handle is ambiguous and mentions nobody (no one is
told, and it stays plain text): naming one of them at random could send a
notification to the wrong person. A mention written as `@sian-jones,` or
`@sian-jones.` still works (the longest known handle at the start wins).

Mentions are found in the text of the sanitised HTML outside links, inline
code and code blocks, and linked there: the HTML from nh3 is copied as it is,
and the only markup added is a link this module builds (to /people/<id>), so
the sanitising is never undone.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import Any

from markupsafe import Markup
from sqlalchemy import or_, select

from zone_networks.accounts.models import User
from zone_networks.core.text import fold
from zone_networks.discussions.models import Thread
from zone_networks.extensions import db
from zone_networks.networks.models import Membership

_WORDS = re.compile(r"[a-z0-9]+")
# "@" at the start or after something that is not part of a word or address (so "a@b.org" is no mention).
_MENTION = re.compile(r"(?<![\w@./])@([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)")
# Text inside these elements is never scanned for mentions.
_SKIPPED = {"a", "code", "pre"}


def handle_for(name: str) -> str:
    """The @handle of a person called `name` (may be empty when the name has no letters or digits in a-z/0-9)."""
    return "-".join(_WORDS.findall(fold(name)))


def _candidates(thread: Thread) -> list[User]:
    """People who can see `thread`: its network's active members and the staff, all active and not deleted."""
    members = select(Membership.user_id).where(
        Membership.network_id == thread.network_id, Membership.status == "active"
    )
    query = select(User).where(
        User.active.is_(True),
        User.deleted_at.is_(None),
        or_(User.id.in_(members), User.is_secretariat.is_(True), User.is_admin.is_(True)),
    )
    people = list(db.session.scalars(query))
    if thread.kind == "meeting" and thread.meeting is not None and thread.meeting.status == "draft":
        memberships = {
            m.user_id: m for m in db.session.scalars(
                select(Membership).where(Membership.network_id == thread.network_id,
                                         Membership.user_id.in_([p.id for p in people])))
        }
        people = [p for p in people if thread.can_view(p, memberships.get(p.id))]
    return people


def handle_directory(thread: Thread) -> dict[str, User]:
    """Unambiguous handles of the people who can see `thread` (a handle shared by two people is left out)."""
    found: dict[str, User] = {}
    shared: set[str] = set()
    for person in _candidates(thread):
        handle = handle_for(person.name)
        if not handle:
            continue
        if handle in found:
            shared.add(handle)
        found[handle] = person
    return {handle: person for handle, person in found.items() if handle not in shared}


def _resolve(word: str, directory: dict[str, User]) -> tuple[str, User] | None:
    """The longest known handle that `word` starts with (whole hyphen-separated parts), and its person."""
    parts = word.lower().split("-")
    for end in range(len(parts), 0, -1):
        handle = "-".join(parts[:end])
        if handle in directory:
            return handle, directory[handle]
    return None


def might_mention(body: str) -> bool:
    """Whether `body` has anything that looks like a mention (saves the look-up for most posts)."""
    return _MENTION.search(body) is not None


class _Linker(HTMLParser):
    """Copies sanitised HTML, turning known @handles in ordinary text into links to the person's profile."""

    def __init__(self, directory: dict[str, User]) -> None:
        super().__init__(convert_charrefs=True)
        self.directory = directory
        self.out: list[str] = []
        self.skip_depth = 0
        self.mentioned: dict[int, User] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip_depth += 1
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            self.out.append(escape(data, quote=False))
            return
        position = 0
        for match in _MENTION.finditer(data):
            resolved = _resolve(match.group(1), self.directory)
            if resolved is None:
                continue
            handle, person = resolved
            start, end = match.start(), match.start() + 1 + len(handle)
            self.out.append(escape(data[position:start], quote=False))
            self.out.append(f'<a href="/people/{int(person.id)}">@{escape(handle)}</a>')
            self.mentioned[person.id] = person
            position = end
        self.out.append(escape(data[position:], quote=False))

    def handle_entityref(self, name: str) -> None:  # pragma: no cover (convert_charrefs turns these into data)
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:  # pragma: no cover (convert_charrefs turns these into data)
        self.out.append(f"&#{name};")


def link_mentions(html: str, directory: dict[str, User]) -> tuple[Markup, list[User]]:
    """Link the known @handles in sanitised `html`; returns the new HTML and the people mentioned (once each)."""
    if not directory:
        return Markup(html), []  # noqa: S704 (already sanitised)
    linker = _Linker(directory)
    linker.feed(str(html))
    linker.close()
    return Markup("".join(linker.out)), list(linker.mentioned.values())  # noqa: S704 (sanitised, plus our links)


def mention_hint_handle(user: Any) -> str:
    """The viewer's own handle, for the hint under the reply box."""
    return handle_for(getattr(user, "name", "") or "")

