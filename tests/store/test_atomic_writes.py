"""The parse cache is written by the one atomic writer: replaced whole, never in place;
no temporary file outlives a failed write, and what a killed write left is cleared."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bvtui.store import Store
from tests.store.test_parse_cache import no_racy_window, the_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("no_racy_window")


def temporaries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def edit_a_file(store_dir: Path) -> None:
    path = store_dir / "elections-demo" / "1.1.yaml"
    path.write_text(path.read_text().replace("progress: 20", "progress: 25"))


def test_the_cache_is_replaced_whole_and_a_killed_write_is_cleared(store_dir: Path) -> None:
    cache = the_cache(store_dir)
    cache.parent.mkdir(parents=True)
    killed = cache.parent / f".{cache.name}.k1ll3d_9.tmp"  # a write killed before its rename
    killed.write_bytes(b"half a cache")
    old = time.time() - 3600
    os.utime(killed, (old, old))
    Store.open(store_dir)
    assert not killed.exists()
    inode, before = cache.stat().st_ino, cache.read_bytes()
    with cache.open("rb") as reader:  # a command reading the cache meanwhile
        edit_a_file(store_dir)
        assert Store.open(store_dir).find("elections-demo/1.1").progress == 25
        assert cache.stat().st_ino != inode  # a new file renamed over the old one
        assert reader.read() == before  # the reader reads the old file, whole
        assert cache.read_bytes() != before
    assert temporaries(cache.parent) == []


def test_a_failed_cache_write_leaves_no_temporary_file(store_dir: Path) -> None:
    Store.open(store_dir)
    cache = the_cache(store_dir)
    cache.unlink()
    cache.mkdir()  # the rename over it fails
    edit_a_file(store_dir)
    assert Store.open(store_dir).find("elections-demo/1.1").progress == 25
    assert temporaries(cache.parent) == []
    cache.rmdir()
    Store.open(store_dir)
    assert cache.is_file()
