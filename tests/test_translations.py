"""Every piece of interface text is wrapped for translation and the catalogues are up to date."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from zone_networks import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "platform" / "zone_networks" / "translations"


def _ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {str(message.id) for message in read_po(handle) if message.id}


def test_messages_pot_matches_the_code(tmp_path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
         "-k", "lazy_gettext", "--ignore-dirs", ".*", "--no-location", "-o", str(fresh), "."],
        cwd=PROJECT_ROOT, check=True, capture_output=True,
    )
    committed = _ids(TRANSLATIONS / "messages.pot")
    extracted = _ids(fresh)
    assert extracted - committed == set(), "new text: run `make translations` and commit the catalogues"
    assert committed - extracted == set(), "removed text: run `make translations` and commit the catalogues"


def test_english_catalogue_covers_every_message() -> None:
    assert _ids(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po") == _ids(TRANSLATIONS / "messages.pot")


def test_templates_have_no_bare_headings() -> None:
    """Headings, labels and buttons in templates go through _() (a cheap guard against forgotten text)."""
    pattern = re.compile(r'<(h1|h2|h3|button|label|legend)[^>]*>\s*([A-Za-z][^<{]{2,})<')
    offenders = []
    for template in (PROJECT_ROOT / "templates").rglob("*.html"):
        for match in pattern.finditer(template.read_text(encoding="utf-8")):
            offenders.append(f"{template.relative_to(PROJECT_ROOT)}: {match.group(2).strip()}")
    assert offenders == []
