"""Run axe-core (from npm, injected into the page) and return serious or critical WCAG 2.1 AA problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    """The axe-core script; scripts/test.sh installs it with npm."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/test.sh (it runs npm install axe-core)")
    return Path(AXE).read_text(encoding="utf-8")


def serious_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical violations on the page, one line each (empty = passes)."""
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy (rightly
    # forbidding inline scripts) does not block; an injected <script> tag would be refused.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source() + "\n;undefined")
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", RULES)
    found = []
    for violation in result["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return found
