"""One hostile file is one reported problem: the rest of the store still loads.

Every case is a real file in a real store: a value that passes ``isdigit`` but is no
number, things named ``*.yaml`` that are not regular files (a folder, a FIFO, dangling
and looping symbolic links, a link to a device or to a file outside the store), a file
too large to be an action, and a YAML "billion laughs" made of aliases.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bvtui.cli.main import main
from bvtui.model import ValidationError, check_value
from bvtui.store import MAX_FILE_BYTES, Store, StoreError, parse_cache

PLAN = "elections-demo"

LAUGHS = """\
id: lol
title: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
j: [*i, *i, *i, *i, *i, *i, *i, *i, *i]
"""


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are cached at once, so that a cache can never hide a hostile file."""
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)


def refs(store: Store) -> list[str]:
    return [action.ref for action in store.actions]


def one_problem(store_dir: Path, name: str, reason: str) -> None:
    """``name`` in the plan folder is exactly one problem, naming it and ``reason``; the
    other actions all load, twice (the second time through the parse cache)."""
    folder = store_dir / PLAN
    others = sorted(
        f"{PLAN}/{p.stem}"
        for p in folder.iterdir()
        if p.name not in ("plan.yaml", name) and p.is_file() and not p.is_symlink()
    )
    for _ in range(2):
        store = Store.open(store_dir)
        assert [str(p) for p in store.problems if not str(p).startswith(str(folder / name))] == []
        [problem] = store.problems
        assert problem.path == str(folder / name)
        assert reason in problem.message
        assert "\n" not in str(problem)
        assert sorted(r for r in refs(store) if r.startswith(PLAN)) == others


def validate_line(store_dir: Path, name: str, timeout: int = 120) -> str:
    """``bvtui validate`` in its own process (a hang stops at ``timeout``): exit 1 and
    one line naming ``name``."""
    out = subprocess.run(
        [sys.executable, "-m", "bvtui", "validate", "--store", str(store_dir)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    [line] = out.stdout.splitlines()
    assert line.startswith(str(store_dir / PLAN / name) + ":")
    return line


def test_a_superscript_progress_is_a_problem_not_a_crash(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = store_dir / PLAN / "1.3.yaml"
    path.write_text(path.read_text().replace("progress: 20", "progress: '²'"))
    one_problem(store_dir, "1.3.yaml", "progress: '²' is not a whole number from 0 to 100")
    monkeypatch.chdir(store_dir.parent)
    for argv in (["list"], ["report"], ["show", "1.1"], ["list", "--format", "json"]):
        assert main(argv) == 0, argv
    assert main(["validate"]) == 1
    assert "1.3.yaml: progress: '²' is not a whole number" in capsys.readouterr().out
    assert main(["audit"]) == 1
    assert main(["show", "1.3"]) == 1
    assert "progress: '²' is not a whole number" in capsys.readouterr().err
    assert main(["set", "1.1", "progress=²"]) == 1
    err = capsys.readouterr().err
    assert "progress: '²' is not a whole number from 0 to 100" in err
    assert "progress: 20" in (store_dir / PLAN / "1.1.yaml").read_text()


@pytest.mark.parametrize("digits", ["²", "½", "5²", "٣"])
def test_progress_is_ascii_digits_only(store_dir: Path, digits: str) -> None:
    store = Store.open(store_dir)
    with pytest.raises(ValidationError, match="is not a whole number"):
        check_value(store.find("1.1"), "progress", digits)


def test_a_file_name_of_superscript_digits_sorts(store_dir: Path) -> None:
    path = store_dir / PLAN / "1².yaml"
    path.write_text("id: '1²'\ntitle: Squared\n")
    one_problem(store_dir, "1².yaml", "id: '1²' must use only letters")


def test_a_folder_named_yaml_is_a_problem(store_dir: Path) -> None:
    (store_dir / PLAN / "9.9.yaml").mkdir()
    one_problem(store_dir, "9.9.yaml", "not a regular file")


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(lambda tmp: tmp / "nowhere.yaml", id="dangling"),
        pytest.param(lambda tmp: tmp / "9.9.yaml", id="loop"),
        pytest.param(lambda tmp: Path("/dev/zero"), id="device"),
        pytest.param(lambda tmp: Path(os.devnull), id="null"),
    ],
)
def test_a_symlink_named_yaml_is_a_problem(
    store_dir: Path, tmp_path: Path, target: Callable[[Path], Path]
) -> None:
    link = store_dir / PLAN / "9.9.yaml"
    there = target(tmp_path)
    if there.name == "9.9.yaml":  # a loop: the link points at a link back to it
        there.symlink_to(link)
    link.symlink_to(there)
    one_problem(store_dir, "9.9.yaml", "a symbolic link")
    assert "a symbolic link" in validate_line(store_dir, "9.9.yaml")


def test_a_symlink_to_an_action_outside_the_store_is_no_action(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere" / "9.9.yaml"
    outside.parent.mkdir()
    outside.write_text("id: '9.9'\ntitle: Not in the store\nprogress: 10\n")
    (store_dir / PLAN / "9.9.yaml").symlink_to(outside)
    one_problem(store_dir, "9.9.yaml", "a symbolic link")
    with pytest.raises(StoreError, match=r"9\.9\.yaml: a symbolic link"):
        Store.open(store_dir).find(f"{PLAN}/9.9")
    assert main(["set", "--store", str(store_dir), f"{PLAN}/9.9", "progress=50"]) == 1
    assert "9.9.yaml: a symbolic link" in capsys.readouterr().err
    assert "progress: 10" in outside.read_text()


def test_a_symlinked_plan_file_skips_its_folder_with_a_problem(
    store_dir: Path, tmp_path: Path
) -> None:
    real = store_dir / PLAN / "plan.yaml"
    moved = tmp_path / "plan.yaml"
    real.rename(moved)
    real.symlink_to(moved)
    store = Store.open(store_dir)
    [problem] = store.problems
    assert problem.path == str(real) and "a symbolic link" in problem.message
    assert PLAN not in store.plans and store.actions


def test_a_fifo_named_yaml_is_a_problem_and_never_waited_on(store_dir: Path) -> None:
    os.mkfifo(store_dir / PLAN / "9.9.yaml")
    assert "not a regular file" in validate_line(store_dir, "9.9.yaml")
    one_problem(store_dir, "9.9.yaml", "not a regular file")


def test_a_file_too_large_for_an_action_is_a_problem(store_dir: Path) -> None:
    path = store_dir / PLAN / "9.9.yaml"
    path.write_text("id: '9.9'\ntitle: " + "x" * MAX_FILE_BYTES + "\n")
    one_problem(store_dir, "9.9.yaml", "larger than")


def test_a_billion_laughs_is_refused_at_once(store_dir: Path) -> None:
    path = store_dir / PLAN / "lol.yaml"
    path.write_text(LAUGHS)
    assert len(LAUGHS) < 1000
    assert "alias" in validate_line(store_dir, "lol.yaml")
    one_problem(store_dir, "lol.yaml", "alias")


def test_aliases_are_refused_in_a_plan_file_too(store_dir: Path) -> None:
    path = store_dir / PLAN / "plan.yaml"
    path.write_text(path.read_text() + "x: &x [a]\ny: *x\n")
    store = Store.open(store_dir)
    [problem] = store.problems
    assert problem.path == str(path) and "alias" in problem.message


@pytest.mark.parametrize("depth", [500, 5000])
def test_lists_nested_too_deep_are_a_problem(store_dir: Path, depth: int) -> None:
    path = store_dir / PLAN / "9.9.yaml"
    path.write_text("id: '9.9'\nextra:\n  x: " + "[" * depth + "]" * depth + "\n")
    one_problem(store_dir, "9.9.yaml", "nest")


def test_commit_never_takes_a_symlink_or_a_folder_for_a_pending_edit(
    store_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: out\ntitle: Outside\n")
    folder = store_dir / PLAN
    (folder / "out.yaml").symlink_to(outside)
    (folder / "dangle.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (folder / "dir.yaml").mkdir()
    (folder / "dir.yaml" / "x.yaml").write_text("id: x\n")
    path = folder / "1.3.yaml"
    path.write_text(path.read_text().replace("progress: 20", "progress: 30"))
    assert Store.open(store_dir).pending_refs() == {f"{PLAN}/1.3"}
    monkeypatch.chdir(store_dir.parent)
    assert main(["commit"]) == 0
    assert capsys.readouterr().out.startswith(f"{PLAN}/1.3: committed")
    tracked = subprocess.run(
        ["git", "ls-files", "--", str(folder)], capture_output=True, text=True, check=True
    ).stdout
    assert "out.yaml" not in tracked and "dangle.yaml" not in tracked and "dir.yaml" not in tracked
    assert Store.open(store_dir).pending_refs() == set()


def test_timeline_never_waits_on_a_fifo_plan_file(store_dir: Path, tmp_path: Path) -> None:
    plan = store_dir / PLAN / "plan.yaml"
    plan.rename(tmp_path / "plan.yaml")
    os.mkfifo(plan)
    out = subprocess.run(
        [sys.executable, "-m", "bvtui", "timeline", f"{PLAN}/1.1", "--store", str(store_dir)],
        capture_output=True,
        text=True,
        timeout=120,  # a guard: today's reader opens a FIFO without waiting
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "On Target" in out.stdout


def test_a_symlinked_plan_folder_is_a_problem_not_a_plan(store_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (store_dir / PLAN).rename(outside)
    (store_dir / PLAN).symlink_to(outside)
    store = Store.open(store_dir)
    [problem] = store.problems
    assert problem.path == str(store_dir / PLAN) and "a symbolic link" in problem.message
    assert PLAN not in store.plans and not [r for r in refs(store) if r.startswith(PLAN)]
    assert store.actions  # the other plan still loads
