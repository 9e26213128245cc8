"""``bvtui attach``: evidence copied under ``<plan>/evidence/<id>/`` and recorded in the
action with its blob id, both in one commit; what is refused changes nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from bvtui.cli.main import main
from bvtui.store import MAX_EVIDENCE_BYTES, Store
from tests.conftest import DATA, git

MINUTES = DATA / "evidence" / "board-minutes-2017-09-14.txt"


def attach(capsys, store: Path, ref: str, file: Path) -> tuple[int, str, str]:
    code = main(["attach", "--store", str(store), ref, str(file)])
    out, err = capsys.readouterr()
    return code, out, err


def head(store: Path) -> str:
    return git(store.parent, "rev-parse", "HEAD").strip()


def test_attach_commits_the_file_and_the_record_together(capsys, store_dir: Path) -> None:
    code, out, err = attach(capsys, store_dir, "1.9", MINUTES)
    assert code == 0, err
    assert "elections-demo/1.9: committed" in out
    top = store_dir.parent
    copied = "plans/elections-demo/evidence/1.9/board-minutes-2017-09-14.txt"
    assert (top / copied).read_bytes() == MINUTES.read_bytes()
    # one commit holds both files, and nothing is left uncommitted
    changed = git(top, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == sorted([copied, "plans/elections-demo/1.9.yaml"])
    assert git(top, "status", "--porcelain") == ""
    message = git(top, "log", "-1", "--format=%B")
    assert "Action: elections-demo/1.9\nFields: evidence" in message
    # the recorded blob id is the committed file's
    blob = git(top, "rev-parse", f"HEAD:{copied}").strip()
    recorded = yaml.safe_load((store_dir / "elections-demo" / "1.9.yaml").read_text())
    [item] = recorded["evidence"]
    assert item["file"] == "board-minutes-2017-09-14.txt" and item["blob"] == blob
    action = Store.open(store_dir).find("1.9")
    assert [e.blob for e in action.evidence] == [blob]
    assert action.completion == "complete - evidenced"
    assert Store.open(store_dir).find("4.1").completion == "complete - self-reported"


def test_attaching_the_same_file_again_changes_nothing(capsys, store_dir: Path) -> None:
    assert attach(capsys, store_dir, "1.9", MINUTES)[0] == 0
    before = head(store_dir)
    code, out, _err = attach(capsys, store_dir, "1.9", MINUTES)
    assert code == 0 and "no change" in out
    assert head(store_dir) == before


def test_another_file_of_the_same_name_is_refused(capsys, store_dir: Path, tmp_path) -> None:
    assert attach(capsys, store_dir, "1.9", MINUTES)[0] == 0
    before = head(store_dir)
    other = tmp_path / MINUTES.name
    other.write_text("a different file\n")
    code, _out, err = attach(capsys, store_dir, "1.9", other)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "already attached to elections-demo/1.9" in err
    assert head(store_dir) == before
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_evidence_folder_is_never_read_as_actions(capsys, store_dir: Path, tmp_path) -> None:
    """A .yaml file attached as evidence, even one shaped like an action, stays evidence."""
    lookalike = tmp_path / "9.9.yaml"
    shutil.copy(store_dir / "elections-demo" / "1.3.yaml", lookalike)
    before, fixture = Store.open(store_dir), head(store_dir)
    assert attach(capsys, store_dir, "1.9", lookalike)[0] == 0
    after = Store.open(store_dir)
    assert [a.ref for a in after.actions] == [a.ref for a in before.actions]
    assert after.problems == [] and Store.at(store_dir, "HEAD").problems == []
    assert main(["validate", "--store", str(store_dir)]) == 0
    # bvtui's own commit: the evidence is accounted for by its Action trailer
    assert main(["audit", "--store", str(store_dir), "--since", fixture]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("kind", ["symlink", "folder", "fifo", "too large"])
def test_what_is_not_a_plain_file_is_refused_in_one_line(
    capsys, store_dir: Path, tmp_path: Path, kind: str
) -> None:
    source = tmp_path / "evidence.pdf"
    if kind == "symlink":
        source.symlink_to(MINUTES)
    elif kind == "folder":
        source.mkdir()
    elif kind == "fifo":
        os.mkfifo(source)
    else:
        with source.open("wb") as handle:  # sparse: no disk used
            handle.truncate(MAX_EVIDENCE_BYTES + 1)
    before = head(store_dir)
    code, _out, err = attach(capsys, store_dir, "1.9", source)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and str(source) in err
    assert "nothing attached" in err
    assert head(store_dir) == before
    assert not (store_dir / "elections-demo" / "evidence").exists()
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_a_hand_written_evidence_entry_that_breaks_the_rules_is_one_line(
    capsys, store_dir: Path
) -> None:
    path = store_dir / "elections-demo" / "1.9.yaml"
    path.write_text(
        path.read_text() + "evidence:\n- file: ../../plan.yaml\n  blob: abc\n  added: 2017-09-14\n"
    )
    assert main(["validate", "--store", str(store_dir)]) == 1
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if "1.9.yaml" in line]
    assert "evidence[1].file: '../../plan.yaml' is not a file name" in line


def test_an_attach_whose_commit_failed_is_committed_whole_later(capsys, store_dir: Path) -> None:
    """A hook refuses the commit: the copy and the record stay on disk, and
    ``bvtui commit`` commits them together once the hook lets it."""
    top = store_dir.parent
    hook = top / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'not now' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = head(store_dir)
    code, _out, err = attach(capsys, store_dir, "1.9", MINUTES)
    assert code == 1 and "saved but not committed" in err
    assert head(store_dir) == before
    hook.unlink()
    assert main(["commit", "--store", str(store_dir)]) == 0
    capsys.readouterr()
    changed = git(top, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == [
        "plans/elections-demo/1.9.yaml",
        "plans/elections-demo/evidence/1.9/board-minutes-2017-09-14.txt",
    ]
    assert git(top, "status", "--porcelain") == ""


def test_show_says_the_completion_and_lists_the_evidence(capsys, store_dir: Path) -> None:
    assert attach(capsys, store_dir, "1.9", MINUTES)[0] == 0
    assert main(["show", "--store", str(store_dir), "1.9"]) == 0
    out = capsys.readouterr().out
    assert "Completed (✔ blue, complete - evidenced)" in out
    assert "board-minutes-2017-09-14.txt (" in out
    assert main(["show", "--store", str(store_dir), "4.1"]) == 0
    assert "Completed (✔ blue, complete - self-reported)" in capsys.readouterr().out
