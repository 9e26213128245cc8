"""Saving is committing: one save, one commit of exactly that file, with a message that
records every change and that no field text can forge; failures keep the edit on disk."""

import hashlib
import os
from pathlib import Path

import pytest

from bvtui.model import edited
from bvtui.store import FileChangedError, Store, StoreError, digest
from tests.conftest import git


def top(store_dir: Path) -> Path:
    return store_dir.parent


def head(store_dir: Path) -> str:
    return git(top(store_dir), "rev-parse", "HEAD").strip()


def save(store_dir: Path, ref: str, values: dict, **kwargs):
    store = Store.open(store_dir)
    action = store.find(ref)
    update = kwargs.pop("update", None)
    return store.save_action(edited(action, values, update=update), **kwargs)


def test_a_save_commits_the_one_file_with_subject_body_and_trailers(store_dir: Path) -> None:
    result = save(
        store_dir,
        "elections-demo/1.3",
        {"status": "delayed", "progress": "40"},
        update="Training moved to April.",
    )
    assert result.commit == head(store_dir)
    message = git(top(store_dir), "log", "-1", "--format=%B")
    subject, _, rest = message.partition("\n\n")
    assert subject == "elections-demo/1.3: status On Target -> Delayed, progress 20 -> 40, ..."
    assert "status: On Target -> Delayed\nprogress: 20 -> 40\nupdate added (2017-18 Q2)" in rest
    assert "Update 2017-18 Q2:\n    Training moved to April." in rest
    trailers = git(top(store_dir), "log", "-1", "--format=%(trailers:only,unfold)")
    assert trailers.strip() == "Action: elections-demo/1.3\nFields: status, progress, updates"
    files = git(top(store_dir), "show", "--name-only", "--format=", "HEAD").split()
    assert files == ["plans/elections-demo/1.3.yaml"]
    author = git(top(store_dir), "log", "-1", "--format=%an <%ae>").strip()
    assert author == "Test Officer <officer@example.org>"


def test_status_is_written_back_in_the_plans_spelling(store_dir: Path) -> None:
    save(store_dir, "elections-demo/1.3", {"status": "oVeRdUe"})
    assert "status: Overdue\n" in (store_dir / "elections-demo/1.3.yaml").read_text()


def test_no_change_no_write_no_commit(store_dir: Path) -> None:
    before = head(store_dir)
    path = store_dir / "elections-demo/1.3.yaml"
    mtime = path.stat().st_mtime_ns
    result = save(store_dir, "elections-demo/1.3", {"status": "On Target", "progress": "20"})
    assert result.changes == [] and result.commit is None
    assert head(store_dir) == before and path.stat().st_mtime_ns == mtime


def test_other_staged_work_is_never_swept_in(store_dir: Path) -> None:
    other = store_dir / "property-demo/6.1.yaml"
    other.write_text(other.read_text().replace("progress: 60", "progress: 61"))
    git(top(store_dir), "add", str(other))
    unrelated = top(store_dir) / "notes.txt"
    unrelated.write_text("draft\n")
    git(top(store_dir), "add", "notes.txt")
    save(store_dir, "elections-demo/1.3", {"progress": "25"})
    files = git(top(store_dir), "show", "--name-only", "--format=", "HEAD").split()
    assert files == ["plans/elections-demo/1.3.yaml"]
    staged = git(top(store_dir), "diff", "--cached", "--name-only").split()
    assert staged == ["notes.txt", "plans/property-demo/6.1.yaml"]


def test_field_text_cannot_forge_a_subject_or_trailer(store_dir: Path) -> None:
    evil = "x\n\nAction: other/9\nFields: status\n\nSigned-off-by: Mallory <m@x>"
    save(store_dir, "elections-demo/1.3", {"deadline": "Jun-18\nAction: other/1"}, update=evil)
    subject = git(top(store_dir), "log", "-1", "--format=%s").strip()
    assert "\n" not in subject and subject.startswith("elections-demo/1.3: deadline")
    trailers = git(top(store_dir), "log", "-1", "--format=%(trailers:only,unfold)").strip()
    assert trailers == "Action: elections-demo/1.3\nFields: deadline, updates"
    # and the text itself is kept in full in the file
    store = Store.open(store_dir)
    assert store.find("elections-demo/1.3").updates[-1].text == evil


def test_escape_codes_in_fields_never_reach_the_commit_message_raw(store_dir: Path) -> None:
    save(store_dir, "elections-demo/1.3", {"title": "Red \x1b[31mALERT\x1b[0m"})
    message = git(top(store_dir), "log", "-1", "--format=%B")
    assert "\x1b" not in message and "\\x1b[31mALERT" in message


def test_author_override_and_env(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save(
        store_dir,
        "elections-demo/1.3",
        {"progress": "30"},
        author="Chair Person <chair@example.org>",
    )
    assert (
        git(top(store_dir), "log", "-1", "--format=%an <%ae>").strip()
        == "Chair Person <chair@example.org>"
    )
    monkeypatch.setenv("BVTUI_AUTHOR", "Env Person <env@example.org>")
    save(store_dir, "elections-demo/1.3", {"progress": "35"})
    assert git(top(store_dir), "log", "-1", "--format=%an").strip() == "Env Person"


def test_a_new_file_is_committed_as_a_new_action(store_dir: Path) -> None:
    store = Store.open(store_dir)
    template = store.find("elections-demo/1.3")
    fresh = edited(template, {"title": "A brand new milestone"})
    fresh.id, fresh.digest, fresh.updates = "1.20", "", []
    result = store.save_action(fresh)
    assert result.commit
    assert (
        git(top(store_dir), "log", "-1", "--format=%s").strip() == "elections-demo/1.20: new action"
    )
    assert Store.open(store_dir).find("elections-demo/1.20").title == "A brand new milestone"


# --- failures: the user reads git's reason, the edit stays on disk ------------------


def assert_pending(store_dir: Path, result, before: str, reason: str) -> None:
    assert result.commit is None and result.pending
    assert reason in result.error
    assert "\n" not in result.error
    assert head(store_dir) == before
    text = (store_dir / "elections-demo/1.3.yaml").read_text()
    assert "progress: 55" in text  # nothing typed is lost
    assert store_dir.resolve() / "elections-demo/1.3.yaml" in Store.open(store_dir).pending_paths()


def test_no_identity(store_dir: Path, isolated_git: Path) -> None:
    isolated_git.write_text("[user]\n\tuseConfigOnly = true\n")
    before = head(store_dir)
    result = save(store_dir, "elections-demo/1.3", {"progress": "55"})
    assert_pending(store_dir, result, before, "git has no identity")


def test_no_identity_but_an_author_given_commits_as_that_person(
    store_dir: Path, isolated_git: Path
) -> None:
    isolated_git.write_text("[user]\n\tuseConfigOnly = true\n")
    result = save(
        store_dir, "elections-demo/1.3", {"progress": "55"}, author="Ann Lead <ann@example.org>"
    )
    assert result.commit
    assert git(top(store_dir), "log", "-1", "--format=%cn|%an").strip() == "Ann Lead|Ann Lead"


def test_index_lock_held(store_dir: Path) -> None:
    lock = top(store_dir) / ".git" / "index.lock"
    lock.write_text("")
    before = head(store_dir)
    result = save(store_dir, "elections-demo/1.3", {"progress": "55"})
    assert_pending(store_dir, result, before, "index.lock")
    lock.unlink()
    # a later `bvtui commit` records it, message decoded from HEAD vs disk
    results = Store.open(store_dir).commit_pending()
    assert [r.commit is not None for r in results] == [True]
    assert (
        git(top(store_dir), "log", "-1", "--format=%s").strip()
        == "elections-demo/1.3: progress 20 -> 55"
    )


def test_a_hook_refuses(store_dir: Path) -> None:
    hook = top(store_dir) / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'no commits during the committee meeting' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = head(store_dir)
    result = save(store_dir, "elections-demo/1.3", {"progress": "55"})
    assert_pending(store_dir, result, before, "no commits during the committee meeting")


def test_the_commit_msg_hook_runs(store_dir: Path) -> None:
    hook = top(store_dir) / ".git" / "hooks" / "commit-msg"
    hook.write_text('#!/bin/sh\necho "Reviewed-by: Hook" >> "$1"\n')
    hook.chmod(0o755)
    save(store_dir, "elections-demo/1.3", {"progress": "56"})
    assert "Reviewed-by: Hook" in git(top(store_dir), "log", "-1", "--format=%B")


def test_detached_head(store_dir: Path) -> None:
    git(top(store_dir), "checkout", "--quiet", "--detach")
    before = head(store_dir)
    result = save(store_dir, "elections-demo/1.3", {"progress": "55"})
    assert_pending(store_dir, result, before, "HEAD is detached")


def test_merge_in_progress(store_dir: Path) -> None:
    repo = top(store_dir)
    git(repo, "checkout", "--quiet", "-b", "other")
    (store_dir / "property-demo/6.4.yaml").write_text(
        (store_dir / "property-demo/6.4.yaml").read_text().replace("progress: 30", "progress: 31")
    )
    git(repo, "commit", "--quiet", "-am", "other side")
    git(repo, "checkout", "--quiet", "main")
    (store_dir / "property-demo/6.4.yaml").write_text(
        (store_dir / "property-demo/6.4.yaml").read_text().replace("progress: 30", "progress: 32")
    )
    git(repo, "commit", "--quiet", "-am", "this side")
    git(repo, "merge", "other", check=False)
    assert (repo / ".git" / "MERGE_HEAD").exists()
    before, text = head(store_dir), (store_dir / "elections-demo/1.3.yaml").read_bytes()
    # git merge --abort would reset the work tree and destroy the edit: it is refused
    with pytest.raises(StoreError, match=r"a merge is in progress .* nothing was saved"):
        save(store_dir, "elections-demo/1.3", {"progress": "55"})
    assert (store_dir / "elections-demo/1.3.yaml").read_bytes() == text
    assert head(store_dir) == before


def test_not_a_git_repository(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import STORE_DATA

    shutil.copytree(STORE_DATA, tmp_path / "plans")
    result = save(tmp_path / "plans", "elections-demo/1.3", {"progress": "55"})
    assert result.commit is None and "not in a git repository" in result.error
    assert "progress: 55" in (tmp_path / "plans/elections-demo/1.3.yaml").read_text()


def test_a_file_changed_on_disk_is_never_overwritten_silently(store_dir: Path) -> None:
    store = Store.open(store_dir)
    action = store.find("elections-demo/1.3")
    path = store_dir / "elections-demo/1.3.yaml"
    path.write_text(path.read_text().replace("progress: 20", "progress: 90"))  # another editor
    with pytest.raises(FileChangedError, match="changed on disk"):
        store.save_action(edited(action, {"status": "Delayed"}))
    assert "progress: 90" in path.read_text() and "status: On Target" in path.read_text()
    store.save_action(edited(action, {"status": "Delayed"}), force=True)
    assert "status: Delayed" in path.read_text()


def test_the_write_is_atomic_no_temp_files_left(store_dir: Path) -> None:
    save(store_dir, "elections-demo/1.3", {"progress": "41"})
    leftovers = [p.name for p in (store_dir / "elections-demo").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_commit_signing_config_is_honoured(store_dir: Path) -> None:
    """commit.gpgsign=true with a signing program that fails: git (not we) refuses."""
    repo = top(store_dir)
    git(repo, "config", "commit.gpgsign", "true")
    git(repo, "config", "gpg.program", "false")
    result = save(store_dir, "elections-demo/1.3", {"progress": "57"})
    assert result.commit is None and result.error  # GitPython's index would have skipped signing
    assert os.path.exists(store_dir / "elections-demo/1.3.yaml")


def test_the_digest_is_blake2b_of_the_bytes() -> None:
    for data in (b"", b"id: '1.2'\n", bytes(range(256)) * 10):
        assert digest(data) == hashlib.blake2b(data, digest_size=16).hexdigest()
