"""The shape of a demo case study and the names its plans share (casestudies/demo_content.py holds the plans)."""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCE_NOTE = "Industrial Strategy Zones Action Plan (demo content)"
DEMO_NOTE = "Demo content based on the Industrial Strategy Zones Action Plan."

ADVANCED_MANUFACTURING = "Advanced Manufacturing"
CLEAN_ENERGY = "Clean Energy Industries"
DEFENCE = "Defence"
DIGITAL = "Digital and Technologies"

# The demo meetings a case study can link to (see casestudies/demo.py for how each is found).
FORUM_HELD = "forum-held"  # the Skills Forum held about five months ago
INNOVATION_HELD = "innovation-held"  # the latest Innovation Leads call that has been held
NET_ZERO_HELD = "net-zero-held"  # "Grid connections: what the zones have learned"


@dataclass(frozen=True)
class CaseStudyPlan:
    """One demo case study: its text, where and who, its figures and what it links to."""

    title: str
    summary: str
    theme: str
    zones: tuple[str, ...]  # zone slugs
    sectors: tuple[str, ...]  # sector names
    author: str  # the demo lead who wrote it: "skills", "innovation" or "net_zero" in the first zone
    challenge: str
    approach: str
    partners: str
    lessons: str
    contact: str | None = None  # another lead of the first zone named as the contact (None: the author)
    figures: dict[str, tuple[int, str]] = field(default_factory=dict)  # figure -> (value, source note)
    status: str = "published"
    is_public: bool = True
    days_ago: int = 30  # when it was published (or last saved, for drafts)
    documents: tuple[str, ...] = ()  # titles of demo documents to attach
    meetings: tuple[str, ...] = ()  # demo meetings to link: FORUM_HELD, INNOVATION_HELD or NET_ZERO_HELD


def note(detail: str) -> str:
    """A figure's source note: what it is, then where it comes from."""
    return f"{detail}. {SOURCE_NOTE}"
