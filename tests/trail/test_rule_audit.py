"""`bvtui audit` reads the governance rules back: a closure or a deadline revision made
without the approval its plan required at the time, and approvals by someone not
allowed, are found (issue 17, item 3)."""

from __future__ import annotations

import json
from pathlib import Path

from bvtui.cli.main import main
from tests.conftest import git
from tests.governed import govern

LOUISE = "Louise Stamp <louise@council.example>"


def hand_edit(store: Path, old: str, new: str, message: str, ref: str = "1.3") -> str:
    """Edit an action's file by hand and commit it with plain git; its sha."""
    path = store / "elections-demo" / f"{ref}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(store.parent, "commit", "--quiet", "-am", message)
    return git(store.parent, "rev-parse", "HEAD").strip()


def audit(capsys, store: Path, *args: str) -> tuple[int, str]:
    code = main(["audit", "--store", str(store), *args])
    out, _err = capsys.readouterr()
    return code, out


def breaches(capsys, store: Path) -> list[dict]:
    _code, out = audit(capsys, store, "--format", "json")
    return json.loads(out)["rule_breaches"]


def test_a_closure_made_by_hand_with_git_is_found(capsys, store_dir: Path) -> None:
    govern(store_dir)
    sha = hand_edit(store_dir, "status: On Target", "status: Completed", "close it")
    code, out = audit(capsys, store_dir)
    assert code == 1
    assert "Changes without the approval their plan's rules required (1)" in out
    assert sha[:10] in out and "elections-demo/1.3" in out and "close_needs_approval" in out
    [found] = breaches(capsys, store_dir)
    assert found["commit"] == sha and found["action"] == "elections-demo/1.3"


def test_an_approved_closure_is_not_a_breach(capsys, store_dir: Path) -> None:
    govern(store_dir)
    assert main(["set", "--store", str(store_dir), "1.3", "status=Completed",
                 "--approved-by", LOUISE]) == 0  # fmt: skip
    capsys.readouterr()
    assert breaches(capsys, store_dir) == []


def test_an_approver_not_allowed_is_found(capsys, store_dir: Path) -> None:
    govern(store_dir)
    hand_edit(
        store_dir,
        "status: On Target",
        "status: Completed",
        "close it\n\nApproved-by: Bob <bob@example.org>",
    )
    [found] = breaches(capsys, store_dir)
    assert "Bob <bob@example.org> may not approve" in found["why"]


def test_a_deadline_revised_without_reason_is_found(capsys, store_dir: Path) -> None:
    govern(store_dir)
    hand_edit(
        store_dir,
        "revised_deadline:",
        "revised_deadline: Jul-18",
        f"move it\n\nApproved-by: {LOUISE}",
    )
    [found] = breaches(capsys, store_dir)
    assert "revise_needs_reason" in found["why"] and "May-18 -> Jul-18" in found["why"]


def test_the_rules_of_the_time_judge_each_change(capsys, store_dir: Path) -> None:
    # closed before any rule: not a breach, even once rules exist
    hand_edit(store_dir, "status: On Target", "status: Completed", "closed, no rules yet")
    govern(store_dir)
    assert breaches(capsys, store_dir) == []
    # closed under the rules, which are dropped afterwards: still a breach
    sha = hand_edit(store_dir, "status: On Target", "status: Completed", "close 1.4", ref="1.4")
    plan = store_dir / "elections-demo" / "plan.yaml"
    plan.write_text(plan.read_text().split("governance:")[0], encoding="utf-8")
    git(store_dir.parent, "commit", "--quiet", "-am", "rules dropped")
    assert [found["commit"] for found in breaches(capsys, store_dir)] == [sha]


def test_a_store_without_rules_audits_as_before(capsys, store_dir: Path) -> None:
    assert main(["set", "--store", str(store_dir), "1.3", "status=Completed"]) == 0
    capsys.readouterr()
    code, out = audit(capsys, store_dir)
    assert code == 1  # the fixture's own commit was made by hand with git
    assert "approval" not in out and breaches(capsys, store_dir) == []
