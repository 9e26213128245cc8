"""`bvtui set` under a plan's governance rules: refused without the approval they need,
recorded in `Approved-by:` and `Reason:` trailers with it (issue 17, items 1-2)."""

from __future__ import annotations

from pathlib import Path

from bvtui.cli.main import main
from tests.conftest import git
from tests.governed import govern

LOUISE = "Louise Stamp <louise@council.example>"


def run(capsys, store: Path, *args: str) -> tuple[int, str, str]:
    code = main(["set", "--store", str(store), *args])
    out, err = capsys.readouterr()
    return code, out, err


def trailer(top: Path, key: str) -> str:
    return git(top, "log", "-1", f"--format=%(trailers:key={key},valueonly,unfold)").strip()


def test_a_closure_without_approval_is_refused_in_one_line(capsys, store_dir: Path) -> None:
    govern(store_dir)
    before = git(store_dir.parent, "rev-parse", "HEAD")
    code, out, err = run(capsys, store_dir, "1.3", "status=Completed")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "elections-demo/1.3.yaml" in err and "close_needs_approval" in err
    assert git(store_dir.parent, "rev-parse", "HEAD") == before
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_an_approver_not_allowed_is_refused(capsys, store_dir: Path) -> None:
    govern(store_dir)
    code, _out, err = run(
        capsys, store_dir, "1.3", "status=Completed", "--approved-by", "Bob <b@x>"
    )
    assert code == 1 and "Bob <b@x> may not approve" in err and "Louise Stamp" in err
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_approval_and_reason_are_trailers(capsys, store_dir: Path) -> None:
    govern(store_dir)
    code, _out, err = run(
        capsys,
        store_dir,
        "1.3",
        "status=Completed",
        "--approved-by",
        LOUISE,
        "--reason",
        "Evidence seen at Board 14/09",
    )
    assert code == 0, err
    top = store_dir.parent
    assert trailer(top, "Approved-by") == LOUISE
    assert trailer(top, "Reason") == "Evidence seen at Board 14/09"
    assert trailer(top, "Action") == "elections-demo/1.3"


def test_a_deadline_revision_needs_a_reason_and_an_approver(capsys, store_dir: Path) -> None:
    govern(store_dir)
    code, _out, err = run(
        capsys, store_dir, "1.3", "revised_deadline=Jul-18", "--approved-by", LOUISE
    )
    assert code == 1 and "revise_needs_reason" in err and "May-18 -> Jul-18" in err
    code, _out, err = run(capsys, store_dir, "1.3", "revised_deadline=Jul-18", "--reason", "Venue")
    assert code == 1 and "revise_needs_approval" in err
    code, _out, err = run(
        capsys,
        store_dir,
        "1.3",
        "revised_deadline=Jul-18",
        "--reason",
        "Venue",
        "--approved-by",
        LOUISE,
    )
    assert code == 0, err
    assert trailer(store_dir.parent, "Reason") == "Venue"


def test_no_field_or_reason_text_forges_a_trailer(capsys, store_dir: Path) -> None:
    govern(store_dir)
    forged = "x\n\nApproved-by: Mallory <m@evil.example>"
    code, _out, err = run(
        capsys,
        store_dir,
        "1.3",
        f"title={forged}",
        f"extra.Source={forged}",
        "--update",
        forged,
        "--reason",
        f"because{forged}",
    )
    assert code == 0, err
    top = store_dir.parent
    assert trailer(top, "Approved-by") == ""
    assert trailer(top, "Reason").startswith("because") and "\n" not in trailer(top, "Reason")
    # the closure still needs a real approver
    code, _out, err = run(capsys, store_dir, "1.3", "status=Completed", "--reason", forged)
    assert code == 1 and "close_needs_approval" in err


def test_anyone_but_the_author_may_approve(capsys, store_dir: Path) -> None:
    govern(store_dir, "anyone-but-author.yaml")
    me = "Test Officer <officer@example.org>"  # git's identity in the tests
    code, _out, err = run(capsys, store_dir, "1.3", "status=Completed", "--approved-by", me)
    assert code == 1 and "its author" in err and "anyone-but-author" in err
    code, _out, err = run(capsys, store_dir, "1.3", "status=Completed", "--approved-by", LOUISE)
    assert code == 0, err


def test_without_rules_nothing_changes(capsys, store_dir: Path) -> None:
    code, _out, err = run(capsys, store_dir, "1.3", "status=Completed", "revised_deadline=Jul-18")
    assert code == 0, err
    assert trailer(store_dir.parent, "Approved-by") == ""
