"""Checks of the updates that need the history, on a real repository, and
``bvtui validate --warnings`` printing every check."""

from __future__ import annotations

from pathlib import Path

from bvtui.store import Store
from bvtui.trail import history_warnings
from tests.conftest import run


def set_(capsys, store: Path, *args: str) -> None:
    code, _, err = run(capsys, "set", "--store", str(store), *args)
    assert code == 0, err


def warnings(store_dir: Path) -> list[str]:
    store = Store.open(store_dir)
    assert store.repo is not None
    return [str(w) for w in history_warnings(store.repo, store.root, store.actions)]


def test_progress_lowered_by_its_last_change_is_flagged(capsys, store_dir: Path) -> None:
    assert warnings(store_dir) == []
    set_(capsys, store_dir, "1.3", "progress=60")
    set_(capsys, store_dir, "1.3", "progress=40")
    [found] = warnings(store_dir)
    assert found.startswith(
        f"{store_dir}/elections-demo/1.3.yaml: progress: went back from 60 to 40 in "
    )
    assert "Test Officer" in found
    set_(capsys, store_dir, "1.3", "progress=45")  # moving on again: no longer flagged
    assert warnings(store_dir) == []


def test_green_after_two_deadline_revisions_is_flagged(capsys, store_dir: Path) -> None:
    set_(capsys, store_dir, "1.1", "revised_deadline=Sep-18")
    assert warnings(store_dir) == []  # once is a plan adapting
    set_(capsys, store_dir, "1.1", "revised_deadline=Dec-18")
    [found] = warnings(store_dir)
    assert found == (
        f"{store_dir}/elections-demo/1.1.yaml: revised_deadline: revised 2 times "
        "(May-18 -> Sep-18 -> Dec-18) yet On Target (green) (warning)"
    )
    set_(capsys, store_dir, "1.1", "status=Delayed")  # amber now: said honestly
    assert warnings(store_dir) == []


def test_validate_warnings_lists_every_check(capsys, store_dir: Path) -> None:
    set_(capsys, store_dir, "1.9", "progress=90")  # Completed
    set_(capsys, store_dir, "1.4", "progress=10")  # from 20
    code, out, err = run(capsys, "validate", "--store", str(store_dir), "--warnings")
    assert code == 0, err
    assert (
        f"{store_dir}/elections-demo/1.9.yaml: progress: 90 but the status is Completed (complete) (warning)"
        in out
    )
    assert f"{store_dir}/elections-demo/1.4.yaml: progress: went back from 20 to 10 in " in out
    code, out, _ = run(capsys, "validate", "--store", str(store_dir))
    assert "warning" not in out
