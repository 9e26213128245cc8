"""The parse cache's version is a format number bumped by hand, not the source files:
two installs of bvtui on one store share its cache, and a new format rebuilds it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bvtui
from bvtui.store import Store, parse_cache
from tests.store.test_parse_cache import counting

LOAD = """
import sys
from bvtui.store import parse_cache
from bvtui.store.store import Store
parse_cache.RACY_NS = 0
Store.open(sys.argv[1])
print(parse_cache.__file__)
"""


def test_another_install_of_bvtui_uses_the_cache_this_one_wrote(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other-install"
    shutil.copytree(Path(bvtui.__file__).parent, other / "bvtui")
    for source in (other / "bvtui").rglob("*.py"):  # installed at another time
        os.utime(source, ns=(10**18, 10**18))
    ran = subprocess.run(  # run in the copy's folder: it comes first on sys.path
        [sys.executable, "-c", LOAD, str(store_dir)],
        cwd=other,
        capture_output=True,
        text=True,
        check=True,
    )
    assert ran.stdout.strip() == str(other / "bvtui" / "store" / "parse_cache.py")
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    opened = counting(monkeypatch)
    Store.open(store_dir)
    assert opened[-1].misses == 0 and opened[-1].hits > 10


def test_a_new_format_rebuilds_the_cache(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    first = Store.open(store_dir)
    opened = counting(monkeypatch)
    Store.open(store_dir)
    assert opened[-1].misses == 0
    monkeypatch.setattr(parse_cache, "FORMAT", parse_cache.FORMAT + 1)
    again = Store.open(store_dir)
    assert opened[-1].hits == 0 and opened[-1].misses > 0
    assert [a.ref for a in again.actions] == [a.ref for a in first.actions]
    Store.open(store_dir)  # rewritten under the new format
    assert opened[-1].misses == 0 and opened[-1].hits > 10
