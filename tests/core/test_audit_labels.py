"""Every action the code writes to the audit log has words on the audit page."""

from __future__ import annotations

import re
from pathlib import Path

from zone_networks import PROJECT_ROOT
from zone_networks.networks.labels import AUDIT_ACTION_LABELS

# record(actor, "feature.action", ...) with a literal action, or a conditional between two literals.
LITERAL = re.compile(r"record\(\s*[\w.()]+,\s*(\"[a-z_]+\.[a-z_]+\"(?:\s+if\s+[^,]+?\s+else\s+\"[a-z_]+\.[a-z_]+\")?)")
ACTION = re.compile(r"\"([a-z_]+\.[a-z_]+)\"")
# Actions chosen at run time, listed here by hand: minutes_services.py (f"minutes.{end}") and
# networks/services.py (action = "membership.approved" if approve else "membership.declined").
BUILT = {"minutes.circulated", "minutes.agreed", "minutes.published", "membership.approved", "membership.declined"}


def _actions_in_code() -> set[str]:
    found: set[str] = set()
    for path in (PROJECT_ROOT / "platform" / "zone_networks").rglob("*.py"):
        for call in LITERAL.findall(Path(path).read_text(encoding="utf-8")):
            found.update(ACTION.findall(call))
    return found | BUILT


def test_the_scan_finds_the_actions_it_should() -> None:
    actions = _actions_in_code()
    assert {"person.deactivated", "agenda.item_declined", "invitation.revoked", "poll.created"} <= actions


def test_every_audited_action_has_a_label() -> None:
    missing = sorted(_actions_in_code() - set(AUDIT_ACTION_LABELS))
    assert missing == [], f"add labels to networks/labels.py AUDIT_ACTION_LABELS: {missing}"
