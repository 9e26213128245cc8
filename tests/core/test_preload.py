"""A large store's files are listed and stat'ed by a second process while the cache is
read: what it finds is what this process would find, and nothing it does can make a
load differ from one without it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from bvtui.core import parse_cache, preload
from bvtui.core.preload import Preload, list_folders
from bvtui.core.schema import action_to_mapping
from bvtui.core.store import Store
from tests.conftest import git


@pytest.fixture
def always(monkeypatch: pytest.MonkeyPatch) -> list[Preload | None]:
    """Preload stores of any size, cache files at once; every preload started is listed."""
    monkeypatch.setattr(preload, "MIN_CACHE_BYTES", 0)
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    started: list[Preload | None] = []
    original = Preload.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type[Preload], *args: object) -> Preload | None:
        started.append(original(cls, *args))
        return started[-1]

    monkeypatch.setattr(Preload, "start", classmethod(spy))
    return started


def folders(store_dir: Path) -> list[str]:
    return sorted(p.name for p in store_dir.iterdir() if p.is_dir() and p.name[0] != ".")


def a_cache(store_dir: Path) -> Path:
    cache = store_dir / ".cache-stand-in"
    cache.write_bytes(b"x")
    return cache


def loaded(store: Store) -> list[tuple[str, dict, str]]:
    return [(a.ref, action_to_mapping(a), a.digest) for a in store.actions]


@pytest.mark.usefixtures("always")
def test_the_child_finds_what_this_process_finds(store_dir: Path) -> None:
    names = folders(store_dir)
    child = Preload.start(store_dir, names, a_cache(store_dir))
    assert child is not None
    assert child.result() == list_folders(store_dir, names)
    assert all(
        stamp is not None
        for _, stamps in list_folders(store_dir, names).values()
        for stamp in stamps
    )


def test_a_small_store_or_one_without_a_cache_is_not_preloaded(store_dir: Path) -> None:
    assert Preload.start(store_dir, folders(store_dir), None) is None
    assert Preload.start(store_dir, folders(store_dir), a_cache(store_dir)) is None


@pytest.mark.usefixtures("always")
def test_a_process_with_threads_does_not_fork(store_dir: Path) -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert Preload.start(store_dir, folders(store_dir), a_cache(store_dir)) is None
    finally:
        stop.set()
        other.join()


def test_a_preloaded_load_equals_a_plain_one_and_sees_the_next_edit(
    store_dir: Path, always: list[Preload | None]
) -> None:
    plain = loaded(Store.open(store_dir))  # fills the cache
    assert always == [None]  # no cache file yet: nothing to read meanwhile, no preload
    store = Store.open(store_dir)
    assert always and always[-1] is not None
    assert loaded(store) == plain
    path = store_dir / "elections-demo" / "1.1.yaml"
    path.write_text(path.read_text().replace("status: On Target", "status: Completed"))
    store.load()  # the same store again: its files are looked at afresh
    assert store.find("elections-demo/1.1").status == "Completed"
    assert len(always) == 3 and always[-1] is not None
    git(store_dir.parent, "checkout", "--quiet", "--", ".")
    assert Store.open(store_dir).find("elections-demo/1.1").status == "On Target"


def test_a_failing_child_only_costs_the_stats(
    store_dir: Path, always: list[Preload | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = loaded(Store.open(store_dir))
    parent, original = os.getpid(), preload.list_folders

    def broken(root: Path, names: list[str]) -> dict:
        if os.getpid() != parent:
            raise OSError("the child fails")
        return original(root, names)

    monkeypatch.setattr(preload, "list_folders", broken)
    assert loaded(Store.open(store_dir)) == plain
    assert always[-1] is not None


@pytest.mark.usefixtures("always")
def test_closing_stops_a_child_still_at_work(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preload, "list_folders", lambda root, names: time.sleep(60))
    child = Preload.start(store_dir, folders(store_dir), a_cache(store_dir))
    assert child is not None
    pid = child._pid
    started = time.monotonic()
    child.close()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):  # gone and reaped: no zombie left behind
        os.waitpid(pid, os.WNOHANG)
