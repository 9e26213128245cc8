"""Plans with governance rules: a fixture plan's ``plan.yaml`` given the rules of a file
in ``tests/data/governance/``, committed by hand as a plan officer would."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import git

RULES = Path(__file__).parent / "data" / "governance"


def govern(store: Path, rules: str = "rules.yaml", plan: str = "elections-demo") -> Path:
    """Append the rules file ``rules`` to ``plan``'s ``plan.yaml`` and commit it."""
    path = store / plan / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (RULES / rules).read_text("utf-8"))
    git(store.parent, "commit", "--quiet", "-am", f"{plan}: governance rules")
    return path
