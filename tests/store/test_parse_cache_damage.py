"""A damaged parse cache is never served: whatever bytes of it change, a load gives
exactly what the files say (the damage is seen by its checksums and the files parsed).

The racy window is set to zero, so that the fixture's files are cached at once.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from bvtui.cli.main import main
from bvtui.model import Filter, action_to_mapping
from bvtui.store import Store, cache_path, parse_cache

CASES = 300


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)


def everything(store: Store) -> tuple[object, ...]:
    """All a load yields, comparable across loads."""
    actions = [(a.ref, action_to_mapping(a), a.digest, a.path) for a in store.actions]
    return actions, store.plans, [str(p) for p in store.problems]


def the_cache(store_dir: Path) -> Path:
    repo = Store(store_dir).repo
    assert repo is not None
    return cache_path(repo.git_dir, store_dir, "tree")


def damaged(good: bytes, rng: random.Random) -> bytes:
    """``good`` with one to four bytes changed (each to a different value)."""
    data = bytearray(good)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data))
        data[at] ^= rng.randint(1, 255)
    return bytes(data)


def test_flipped_bytes_in_the_cache_never_reach_a_load(store_dir: Path) -> None:
    truth = everything(Store.open(store_dir))  # parsed from the files; fills the cache
    red = Filter(rags=frozenset({"red", "amber"}))
    red_truth = [a.ref for a in Store.open(store_dir).actions if red.matches(a.excerpt())]
    cache = the_cache(store_dir)
    good = cache.read_bytes()
    assert everything(Store.open(store_dir)) == truth  # served from the cache
    rng = random.Random(12)
    for case in range(CASES):
        bad = damaged(good, rng)
        cache.write_bytes(bad)
        assert everything(Store.open(store_dir)) == truth, f"case {case}"
        assert everything(Store.open(store_dir)) == truth, f"case {case}, the cache saved after"
        cache.write_bytes(bad)
        listed = Store.open(store_dir, only=red).actions
        assert [a.ref for a in listed] == red_truth, f"case {case}, filtered"


def test_the_json_listing_of_a_damaged_cache_is_that_of_the_files(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(store_dir.parent)

    def listing() -> list[dict[str, object]]:
        assert main(["list", "--format", "json"]) == 0
        return json.loads(capsys.readouterr().out)

    truth = listing()
    cache = the_cache(store_dir)
    good = cache.read_bytes()
    title = b"Initial meetings"
    assert title in good
    cache.write_bytes(good.replace(title, b"Initian meetings"))
    assert listing() == truth
    assert listing() == truth


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_a_cache_that_is_no_regular_file_is_ignored(
    store_dir: Path, tmp_path: Path, kind: str
) -> None:
    truth = everything(Store.open(store_dir))
    cache = the_cache(store_dir)
    cache.unlink()
    if kind == "fifo":
        os.mkfifo(cache)
    elif kind == "zero":
        cache.symlink_to("/dev/zero")
    else:
        cache.mkdir()
    script = (
        "import sys; from bvtui.store.store import Store; "
        f"print(len(Store.open({str(store_dir)!r}).actions))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,  # a guard: the cache is opened without waiting on a FIFO
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(len(truth[0]))
    assert everything(Store.open(store_dir)) == truth
