"""What a person has shared, shown as sections of their profile page.

Later features (case studies, documents, challenges, meetings) each add ONE
explicit call to `profile_sections` below, returning a `ProfileSection` or
None. A provider must:

- list only what `viewer` may see (use the feature's own `visible_to(viewer)`
  query, never a raw query);
- run a bounded number of queries (one or two, whatever the number of items)
  and cap the items it returns (say the latest five, with a "more" link);
- return None when it has nothing to show: the page never shows an empty heading.

The case studies and documents sections are in `directory.shared_work`
(issue 5: the directory sits above those features, so it reads them with
their own `visible_to` rules), imported inside the function so that this
module stays importable on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zone_networks.accounts.models import User


@dataclass(frozen=True)
class SectionItem:
    """One line in a profile section: a linked title and an optional detail (a date, a network)."""

    text: str
    href: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class ProfileSection:
    """A titled list on the profile page, with an optional link to everything."""

    key: str  # used as the section's HTML id, e.g. "case-studies"
    heading: str
    items: tuple[SectionItem, ...] = field(default_factory=tuple)
    more_text: str = ""
    more_href: str | None = None


def _add(sections: list[ProfileSection], section: ProfileSection | None) -> None:
    """Keep a section only if it has something in it."""
    if section is not None and section.items:
        sections.append(section)


def profile_sections(person: User, viewer: Any) -> list[ProfileSection]:
    """The sections of `person`'s profile that `viewer` may see, in page order (one query each)."""
    from zone_networks.directory.shared_work import case_studies_section, documents_section

    sections: list[ProfileSection] = []
    # Each feature adds one line here, in the order the page shows them:
    _add(sections, case_studies_section(person, viewer))
    _add(sections, documents_section(person, viewer))
    # _add(sections, challenges_section(person, viewer))
    # _add(sections, upcoming_meetings_section(person, viewer))
    return sections
