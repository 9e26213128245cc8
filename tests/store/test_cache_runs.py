"""A plan folder's action entries are one run in the parse cache's index: used whole
when none of its files changed, looked at file by file when one did, and never
believed when it is of another shape."""

from __future__ import annotations

import marshal
import struct
import zlib
from pathlib import Path

import pytest

from bvtui.store import ParseCache, Store
from bvtui.store import parse_cache as parse_cache_module
from bvtui.store.parse_cache import stat_fingerprints
from tests.store.test_parse_cache import (  # noqa: F401 (a fixture)
    counting,
    no_racy_window,
    snapshot,
    the_cache,
)

pytestmark = pytest.mark.usefixtures("no_racy_window")

FOLDER = "elections-demo"


def test_each_plan_folder_s_actions_are_one_run_in_the_order_a_load_reads_them(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = Store.open(store_dir)
    cache = ParseCache.open(the_cache(store_dir))
    for slug in loaded.plans:
        ids = [a.id for a in loaded.actions if a.plan.slug == slug]
        names, prints, _spans, hints = cache._runs[slug]
        assert prints == b"".join(stat_fingerprints(store_dir / slug, list(names)))  # joined
        assert sorted(names) == sorted(f"{i}.yaml" for i in ids)  # every action, no other file
        assert [hint[0] for hint in hints] == [name.removesuffix(".yaml") for name in names]
    assert not any(key.endswith(".yaml") and "plan.yaml" not in key for key in cache._keyed)
    opened = counting(monkeypatch)
    again = Store.open(store_dir)
    assert snapshot(again) == snapshot(loaded)
    assert opened[-1].misses == 0 and set(opened[-1]._whole) == set(loaded.plans)


def test_a_revision_s_runs_keep_its_blob_ids(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    then = Store.at(store_dir, "HEAD")
    cache = ParseCache.open(the_cache(store_dir, "rev"))
    _names, prints, _spans, _hints = cache._runs[FOLDER]
    assert type(prints) is tuple and all(type(blob) is str for blob in prints)
    opened = counting(monkeypatch)
    again = Store.at(store_dir, "HEAD")
    assert snapshot(again) == snapshot(then)
    assert opened[-1].misses == 0 and FOLDER in opened[-1]._whole


def test_a_changed_file_is_read_again_and_its_folder_a_whole_run_once_more(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(store_dir)
    path = store_dir / FOLDER / "1.1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status:", "status: Overdue\nx:", 1))
    changed = path.read_text(encoding="utf-8")
    assert "status: Overdue" in changed
    opened = counting(monkeypatch)
    first = Store.open(store_dir)
    assert first.find(f"{FOLDER}/1.1").status == "Overdue"
    assert opened[-1].misses == 1 and FOLDER not in opened[-1]._whole  # file by file
    second = Store.open(store_dir)
    assert second.find(f"{FOLDER}/1.1").status == "Overdue"
    assert opened[-1].misses == 0 and FOLDER in opened[-1]._whole  # written back whole


def test_a_file_added_or_removed_is_seen_and_the_run_made_again(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Store.open(store_dir)
    folder = store_dir / FOLDER
    (folder / "1.3.yaml").unlink()
    (folder / "9.9.yaml").write_text("id: '9.9'\ntitle: added\n", encoding="utf-8")
    opened = counting(monkeypatch)
    loaded = Store.open(store_dir)
    refs = [a.ref for a in loaded.actions]
    assert f"{FOLDER}/9.9" in refs and f"{FOLDER}/1.3" not in refs
    assert len(refs) == len(first.actions)
    assert opened[-1].misses == 2 and FOLDER not in opened[-1]._whole  # new file, new order
    again = Store.open(store_dir)
    assert [a.ref for a in again.actions] == refs
    assert opened[-1].misses == 0 and FOLDER in opened[-1]._whole


def _write_runs(path: Path, keyed: dict, runs: dict, body: bytes) -> None:
    """A cache file with exactly these keyed entries and runs, its index's checksum
    right: the damage is in what was written, not in how."""
    head = marshal.dumps((parse_cache_module._code_version(), keyed, runs))
    path.write_bytes(struct.pack("<QI", len(head), zlib.crc32(head)) + head + body)


def _damaged(run: tuple) -> list[tuple]:
    names, prints, spans, hints = run
    return [
        (names, prints, spans[:-1], hints),  # spans cut short
        (names, prints[:-1], spans, hints),  # a fingerprint missing
        (list(names), prints, spans, hints),  # names in a list
        (names, prints, spans, (*hints[:-1], 5)),  # a hint that is no excerpt
        ((*names[:-1], 7), prints, spans, hints),  # a name that is no name
        (names, prints, b"\xff" * len(spans), hints),  # offsets past the body's end
        (names, prints, spans),  # a column missing
        "a run",
    ]


@pytest.mark.parametrize("case", range(8))
def test_a_damaged_run_is_never_believed(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, case: int
) -> None:
    first = snapshot(Store.open(store_dir))
    path = the_cache(store_dir)
    cache = ParseCache.open(path)
    runs = dict(cache._runs)
    runs[FOLDER] = _damaged(runs[FOLDER])[case]
    _write_runs(path, cache._keyed, runs, bytes(cache._body))
    opened = counting(monkeypatch)
    assert snapshot(Store.open(store_dir)) == first
    assert opened[-1].misses >= 1  # found out, in the run's shape or in an entry of it
    assert snapshot(Store.open(store_dir)) == first  # what it wrote loads right
    assert opened[-1].misses == 0 and FOLDER in opened[-1]._whole
