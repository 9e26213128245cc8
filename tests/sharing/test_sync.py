"""bvtui sync between clones of a real bare repository: merges, conflicts, clashes, errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from bvtui.cli.main import main
from bvtui.store import read_mapping
from tests.conftest import git

Clone = Callable[[str], Path]
ACTION = "elections-demo/1.3.yaml"


def run(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args[:1], "--store", str(store), *args[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def fields(store: Path, name: str = ACTION) -> dict:
    return read_mapping((store / name).read_text(), name)


def test_disjoint_field_edits_both_land(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    assert run(capsys, amy, "set", "1.3", "status=Delayed")[0] == 0
    assert run(capsys, ben, "set", "1.3", "progress=60", "--update", "Venues booked.")[0] == 0
    code, out, _ = run(capsys, amy, "sync")
    assert (code, out.strip()) == (0, "synced with origin/main; in: nothing; out: 1 commit")
    code, out, _ = run(capsys, ben, "sync")
    assert code == 0
    assert out.strip() == (
        "synced with origin/main; in: 1 commit (elections-demo/1.3); out: 1 commit"
    )
    data = fields(ben)
    assert data["status"] == "Delayed" and data["progress"] == "60"
    assert data["updates"][-1]["text"] == "Venues booked."
    assert "# kept as written" in (ben / ACTION).read_text()  # comments survive the merge
    assert run(capsys, amy, "sync")[0] == 0
    assert fields(amy) == data
    log = git(ben.parent, "log", "--format=%s", "--first-parent")
    assert "Merge" not in log  # rebased: the audit trail stays linear


def test_pending_edits_are_committed_first(capsys, clone: Clone) -> None:
    amy = clone("amy")
    text = (amy / ACTION).read_text().replace("progress: 20", "progress: 25")
    (amy / ACTION).write_text(text)
    code, out, _ = run(capsys, amy, "sync")
    assert code == 0 and "1 pending edit committed" in out and "out: 1 commit" in out
    assert git(amy.parent, "status", "--porcelain") == ""


def test_updates_union_from_both_sides(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    run(capsys, amy, "set", "1.3", "--update", "Amy's news.", "--period", "2017-18 Q3")
    run(capsys, ben, "set", "1.3", "--update", "Ben's news.", "--period", "2017-18 Q2")
    assert run(capsys, amy, "sync")[0] == 0
    assert run(capsys, ben, "sync")[0] == 0
    texts = [u["text"] for u in fields(ben)["updates"]]
    assert texts[1:] == ["Ben's news.", "Amy's news."]  # by period, whoever synced first


def test_new_actions_on_both_sides(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    for store, new_id in ((amy, "1.20"), (ben, "1.21")):
        text = (store / ACTION).read_text().replace("id: '1.3'", f"id: '{new_id}'")
        (store / f"elections-demo/{new_id}.yaml").write_text(text)
    assert run(capsys, amy, "sync")[0] == 0
    assert run(capsys, ben, "sync")[0] == 0
    assert run(capsys, amy, "sync")[0] == 0
    for store in (amy, ben):
        assert (store / "elections-demo/1.20.yaml").exists()
        assert (store / "elections-demo/1.21.yaml").exists()


def test_same_field_conflict_is_kept_then_resolved(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    run(capsys, amy, "set", "1.3", "status=Completed")
    run(capsys, ben, "set", "1.3", "status=Delayed", "progress=30")
    assert run(capsys, amy, "sync")[0] == 0
    code, _, err = run(capsys, ben, "sync")
    assert code == 1
    assert "1 action(s) in conflict with origin: elections-demo/1.3" in err
    data = fields(ben)
    assert data["status"] == "Delayed" and data["progress"] == "30"  # mine, under a rebase
    assert data["conflicts"] == {
        "status": {"base": "On Target", "mine": "Delayed", "theirs": "Completed"}
    }
    code, _, err = run(capsys, ben, "sync")
    assert code == 1 and "rebase is in progress" in err
    code, out, _ = run(capsys, ben, "resolve", "1.3")
    assert "status: base: 'On Target'; mine: 'Delayed'; theirs: 'Completed'" in out
    code, out, _ = run(capsys, ben, "resolve", "1.3", "status=theirs")
    assert code == 0 and "resolved and staged" in out
    code, out, err = run(capsys, ben, "sync", "--continue")
    assert code == 0 and "in: 1 commit (elections-demo/1.3); out: 1 commit" in out, err
    data = fields(ben)
    assert data["status"] == "Completed" and data["progress"] == "30" and "conflicts" not in data
    assert git(ben.parent, "status", "--porcelain") == ""
    assert run(capsys, amy, "sync")[0] == 0 and fields(amy) == data


def test_abort_goes_back_to_before_the_sync(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    run(capsys, amy, "set", "1.3", "status=Completed")
    run(capsys, ben, "set", "1.3", "status=Delayed")
    run(capsys, amy, "sync")
    head = git(ben.parent, "rev-parse", "HEAD")
    assert run(capsys, ben, "sync")[0] == 1
    code, out, _ = run(capsys, ben, "sync", "--abort")
    assert code == 0 and "undone" in out
    assert git(ben.parent, "rev-parse", "HEAD") == head
    assert fields(ben)["status"] == "Delayed"


def test_id_clash_stops_before_integrating_and_rename_is_the_way_out(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    for store, title in ((amy, "Amy's new action"), (ben, "Ben's new action")):
        text = (store / ACTION).read_text().replace("id: '1.3'", "id: '1.30'")
        text = text.replace("Ensure integrity", title)
        (store / "elections-demo/1.30.yaml").write_text(text)
    assert run(capsys, amy, "sync")[0] == 0
    assert run(capsys, ben, "commit")[0] == 0
    head = git(ben.parent, "rev-parse", "HEAD")
    code, _, err = run(capsys, ben, "sync")
    assert code == 1
    assert "id clash: elections-demo/1.30 added both here and on origin" in err
    assert "bvtui rename elections-demo/1.30 NEW-ID" in err
    assert git(ben.parent, "rev-parse", "HEAD") == head  # nothing integrated
    assert "Ben's new action" in (ben / "elections-demo/1.30.yaml").read_text()
    code, out, _ = run(capsys, ben, "rename", "elections-demo/1.30", "1.31")
    assert code == 0 and "elections-demo/1.31" in out
    code, out, _ = run(capsys, ben, "sync")
    assert code == 0, out
    assert "Amy's new action" in (ben / "elections-demo/1.30.yaml").read_text()
    renamed = fields(ben, "elections-demo/1.31.yaml")
    assert renamed["id"] == "1.31" and "Ben's new action" in renamed["title"]


def test_push_rejected_when_the_remote_moves_on_then_sync_again(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    run(capsys, ben, "set", "1.4", "progress=55")
    run(capsys, amy, "set", "1.1", "progress=11")
    hook = amy.parent / ".git" / "hooks" / "pre-push"
    hook.write_text(f'#!/bin/sh\nrm "$0"\ngit -C "{ben.parent}" push -q origin main\n')
    hook.chmod(0o755)
    code, _, err = run(capsys, amy, "sync")
    assert code == 1
    assert "origin moved on while you were syncing (push rejected): run bvtui sync again" in err
    assert "progress: 11" in (amy / "elections-demo/1.1.yaml").read_text()
    code, out, _ = run(capsys, amy, "sync")
    assert code == 0 and "in: 1 commit (elections-demo/1.4); out: 1 commit" in out


def test_no_remote(capsys, store_dir: Path) -> None:
    code, _, err = run(capsys, store_dir, "sync")
    assert code == 1 and "no remote to sync with: add one (git remote add origin URL)" in err


def test_offline_keeps_local_work(capsys, clone: Clone, tmp_path: Path) -> None:
    amy = clone("amy")
    git(amy.parent, "remote", "set-url", "origin", str(tmp_path / "unmounted" / "plans.git"))
    (amy / ACTION).write_text((amy / ACTION).read_text().replace("progress: 20", "progress: 21"))
    code, _, err = run(capsys, amy, "sync")
    assert code == 1
    assert "cannot reach origin" in err and "your work is safe in this copy" in err
    assert "progress: 21" in (amy / ACTION).read_text()
    assert "progress 20 -> 21" in git(amy.parent, "log", "-1", "--format=%s")


def test_authentication_refused(capsys, clone: Clone, monkeypatch) -> None:
    amy = clone("amy")
    git(amy.parent, "remote", "set-url", "origin", "ssh://git@plans.example.invalid/plans.git")
    monkeypatch.setenv(
        "GIT_SSH_COMMAND",
        "echo 'git@plans.example.invalid: Permission denied (publickey).' >&2; false",
    )
    code, _, err = run(capsys, amy, "sync")
    assert code == 1 and "origin refused access" in err and "SSH key" in err


def test_diverged_text_conflict_outside_the_driver_is_undone(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    for store, word in ((amy, "Amy"), (ben, "Ben")):
        (store / "README.md").write_text(f"{word}'s readme\n")
        git(store.parent, "add", "-A")
        git(store.parent, "commit", "-qm", f"{word} readme")
    assert run(capsys, amy, "sync")[0] == 0
    head = git(ben.parent, "rev-parse", "HEAD")
    code, _, err = run(capsys, ben, "sync")
    assert code == 1 and "plans/README.md could not be merged field by field" in err
    assert "the rebase was undone" in err
    assert git(ben.parent, "rev-parse", "HEAD") == head
    assert not (ben.parent / ".git" / "rebase-merge").exists()


def ben_merges(capsys, clone: Clone, key: str, amys: str, bens: str) -> Path:
    """Ben's clone set to merge (``key`` false or merge); Amy's edit of 1.3 pushed
    first, Ben's made; Ben's store."""
    amy, ben = clone("amy"), clone("ben")
    git(ben.parent, "config", key, "merge" if key == "bvtui.integrate" else "false")
    run(capsys, amy, "set", "1.3", amys)
    run(capsys, ben, "set", "1.3", bens)
    run(capsys, amy, "sync")
    return ben


def test_merge_when_the_clone_says_so(capsys, clone: Clone) -> None:
    ben = ben_merges(capsys, clone, "pull.rebase", "status=Delayed", "progress=45")
    code, out, _ = run(capsys, ben, "sync")
    assert code == 0 and out.strip().endswith("merged")
    assert git(ben.parent, "log", "-1", "--format=%p").count(" ") == 1  # a merge commit
    assert fields(ben)["status"] == "Delayed" and fields(ben)["progress"] == "45"


def test_continuing_a_stopped_merge_says_what_came_in(capsys, clone: Clone) -> None:
    ben = ben_merges(capsys, clone, "bvtui.integrate", "status=Completed", "status=Delayed")
    assert run(capsys, ben, "sync")[0] == 1
    assert run(capsys, ben, "resolve", "1.3", "status=mine")[0] == 0
    code, out, err = run(capsys, ben, "sync", "--continue")
    assert code == 0 and "in: 1 commit (elections-demo/1.3); out: 2 commits" in out, err
    assert fields(ben)["status"] == "Delayed"


def test_init_installs_the_driver(capsys, tmp_path: Path) -> None:
    code = main(["init", str(tmp_path / "fresh")])
    assert code == 0
    assert (tmp_path / "fresh" / ".gitattributes").read_text() == "*.yaml merge=bvtui\n"
    driver = git(tmp_path / "fresh", "config", "merge.bvtui.driver")
    assert "-m bvtui merge-driver %O %A %B %P" in driver
    assert git(tmp_path / "fresh", "status", "--porcelain") == ""
    assert os.path.exists(driver.split("'")[1] if "'" in driver else driver.split()[0])


def test_an_unrelated_branch_is_never_pushed(capsys, remote: Path, tmp_path: Path) -> None:
    git(remote, "symbolic-ref", "HEAD", "refs/heads/master")  # git init --bare's old default
    top = tmp_path / "newcomer"
    git(tmp_path, "clone", "--quiet", str(remote), str(top))
    (top / "plans").mkdir()
    code, _, err = run(capsys, top / "plans", "setup-merge")
    assert code == 1 and "git switch main" in err
    (top / "note.txt").write_text("x")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "an orphan commit")
    code, _, err = run(capsys, top / "plans", "sync")
    assert code == 1 and "shares no history with origin (origin/main)" in err
    assert "master" not in git(remote, "branch")
