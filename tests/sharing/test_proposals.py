"""Proposals: one officer proposes a change, another approves it, in two clones of one
bare remote (issue 17, item 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bvtui.cli.main import main
from tests.conftest import git
from tests.governed import govern

BRANCH = "refs/heads/proposals/elections-demo/1.3"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_proposed_by_one_officer_approved_by_another(
    capsys, clone: Callable[[str], Path], remote: Path
) -> None:
    alice, bob = clone("alice"), clone("bob")
    govern(alice, "anyone-but-author.yaml")
    assert run(capsys, "sync", "--store", str(alice))[0] == 0
    assert run(capsys, "sync", "--store", str(bob))[0] == 0
    # alice has something staged of her own: the proposal must not touch it
    readme = alice.parent / "notes.txt"
    readme.write_text("mine\n")
    git(alice.parent, "add", "notes.txt")
    head, staged = git(alice.parent, "rev-parse", "HEAD"), git(alice.parent, "diff", "--cached")
    file = alice / "elections-demo" / "1.3.yaml"
    before = file.read_bytes()

    code, out, err = run(
        capsys, "propose", "--store", str(alice), "1.3", "status=Completed", "progress=100",
        "--reason", "Evidence seen at Board 14/09",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("elections-demo/1.3: proposed ")
    assert file.read_bytes() == before  # the work tree, index and HEAD are as they were
    assert git(alice.parent, "rev-parse", "HEAD") == head
    assert git(alice.parent, "diff", "--cached") == staged
    assert BRANCH in git(remote, "for-each-ref", "--format=%(refname)")

    # a second proposal for the same action, from a clone that has not fetched it yet,
    # waits behind the first
    code, _out, err = run(capsys, "propose", "--store", str(bob), "1.3", "progress=50")
    assert code == 1 and "already waits" in err
    code, out, err = run(capsys, "proposals", "--store", str(bob))
    assert code == 0, err
    assert "elections-demo/1.3" in out and "Alice <alice@example.org>" in out
    assert "status On Target -> Completed" in out and "Evidence seen at Board 14/09" in out

    # the proposer may not approve her own change (anyone-but-author)
    code, _out, err = run(capsys, "approve", "--store", str(alice), "1.3")
    assert code == 1 and "its author" in err and "anyone-but-author" in err
    assert file.read_bytes() == before

    code, out, err = run(capsys, "approve", "--store", str(bob), "1.3")
    assert code == 0, err
    assert "approved by Bob <bob@example.org>" in out
    made = git(bob.parent, "log", "-1", "--format=%an|%cn|%(trailers:only,unfold)")
    assert made.startswith("Alice|Bob|")
    assert "Approved-by: Bob <bob@example.org>" in made
    assert "Reason: Evidence seen at Board 14/09" in made
    assert "Action: elections-demo/1.3" in made
    assert "status: Completed" in (bob / "elections-demo" / "1.3.yaml").read_text()
    assert BRANCH not in git(remote, "for-each-ref", "--format=%(refname)")

    assert run(capsys, "sync", "--store", str(bob))[0] == 0
    assert run(capsys, "sync", "--store", str(alice))[0] == 0
    assert "status: Completed" in file.read_text()
    code, out, _err = run(capsys, "proposals", "--store", str(alice))
    assert (code, out) == (0, "no proposals waiting\n")
    assert (
        run(capsys, "audit", "--store", str(alice), "--format", "json")[1].count(
            '"rule_breaches": []'
        )
        == 1
    )


def test_without_a_remote_a_proposal_stays_here(capsys, store_dir: Path) -> None:
    code, _out, err = run(capsys, "propose", "--store", str(store_dir), "1.3", "progress=60")
    assert code == 0, err
    assert BRANCH in git(store_dir.parent, "for-each-ref", "--format=%(refname)")
    assert git(store_dir.parent, "status", "--porcelain") == ""
    code, _out, err = run(
        capsys, "approve", "--store", str(store_dir), "1.3", "--approved-by", "Lou <l@x.org>"
    )
    assert code == 0, err
    assert "progress: 60" in (store_dir / "elections-demo" / "1.3.yaml").read_text()
    assert BRANCH not in git(store_dir.parent, "for-each-ref", "--format=%(refname)")
    code, _out, err = run(capsys, "approve", "--store", str(store_dir), "1.3")
    assert code == 1 and "no proposal waits" in err
