"""An approval given with a save whose commit failed is kept with the edit, and the
commit that later records the edit carries it (issue 17: nothing typed is lost)."""

from __future__ import annotations

from pathlib import Path

from bvtui.cli.main import main
from tests.conftest import git
from tests.governed import govern

LOUISE = "Louise Stamp <louise@council.example>"


def refuse_commits(store: Path) -> Path:
    hook = store.parent / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'no commits during the meeting' >&2\nexit 1\n")
    hook.chmod(0o755)
    return hook


def trailers(store: Path) -> str:
    return git(store.parent, "log", "-1", "--format=%(trailers:only,unfold)")


def test_bvtui_commit_records_the_approval_given_with_the_failed_save(
    capsys, store_dir: Path
) -> None:
    govern(store_dir)
    hook = refuse_commits(store_dir)
    args = ["set", "--store", str(store_dir), "1.3", "status=Completed"]
    assert main([*args, "--approved-by", LOUISE, "--reason", "Seen at Board"]) == 1
    assert "saved but not committed" in capsys.readouterr().err
    hook.unlink()
    assert main(["commit", "--store", str(store_dir)]) == 0
    capsys.readouterr()
    assert f"Approved-by: {LOUISE}" in trailers(store_dir)
    assert "Reason: Seen at Board" in trailers(store_dir)
    assert "status: On Target -> Completed" in git(store_dir.parent, "log", "-1", "--format=%B")
    assert not list((store_dir.parent / ".git" / "bvtui").glob("approvals/*/*.json"))


def test_a_kept_approval_is_not_trusted_once_the_file_changed(capsys, store_dir: Path) -> None:
    govern(store_dir)
    hook = refuse_commits(store_dir)
    args = ["set", "--store", str(store_dir), "1.3", "status=Completed"]
    assert main([*args, "--approved-by", LOUISE, "--reason", "Seen at Board"]) == 1
    hook.unlink()
    path = store_dir / "elections-demo" / "1.3.yaml"
    path.write_text(path.read_text().replace("progress: 20", "progress: 90"))  # by hand, after
    assert main(["commit", "--store", str(store_dir)]) == 0
    capsys.readouterr()
    assert "Approved-by" not in trailers(store_dir)
