"""axe-core checks for browser tests: every page visited must have no WCAG 2.2 AA violations."""

from __future__ import annotations

from functools import cache
from typing import Any

from playwright.sync_api import Page

from zone_networks import PROJECT_ROOT

AXE_PATH = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return results.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
    }));
}"""


@cache
def axe_source() -> str:
    """The axe-core script installed by npm (package.json pins the version)."""
    if not AXE_PATH.exists():
        raise AssertionError(f"{AXE_PATH} is missing: run `make install` (npm ci) first.")
    return AXE_PATH.read_text(encoding="utf-8")


def format_violations(where: str, violations: list[dict[str, Any]]) -> str:
    """Describe axe violations so a person can fix them without re-running the test."""
    lines = [f"{len(violations)} accessibility violation(s) on {where}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"      {detail}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


# What axe's WCAG rules let through but GOV.UK forms need: every fieldset (a group of radios or
# checkboxes, a date) is named by a non-empty legend, its first child (WCAG 1.3.1 and 3.3.2).
_UNNAMED_FIELDSETS = """() => [...document.querySelectorAll('fieldset')]
    .filter((f) => !(f.firstElementChild && f.firstElementChild.tagName === 'LEGEND'
                     && f.firstElementChild.textContent.trim()))
    .map((f) => f.outerHTML.slice(0, 300))"""


def assert_accessible(page: Page, label: str = "") -> None:
    """Run axe-core on the page as it is now and fail on any WCAG 2.2 AA violation or unnamed fieldset."""
    # Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not block it.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    violations = page.evaluate(_RUN_AXE, WCAG_TAGS)
    where = f"{label} ({page.url})" if label else page.url
    assert not violations, format_violations(where, violations)
    unnamed = page.evaluate(_UNNAMED_FIELDSETS)
    assert not unnamed, f"Fieldsets without a legend on {where}:\n" + "\n".join(unnamed)
