"""Files changed just before a load (a fresh clone, a checkout) are cached with a
digest of their content: the next load reads them but does not parse them again,
and an edit that kept every stat field is still seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.store import ParseCache, Store, digest, parse_cache, stat_fingerprint
from tests.store.test_parse_cache import counting, snapshot, the_cache

ACTION = "elections-demo/1.1.yaml"
EVERYTHING_RACY = 10**18
"""A racy window no file is older than: every file looks changed just now."""


def test_the_load_after_a_checkout_does_not_parse_again(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", EVERYTHING_RACY)
    opened = counting(monkeypatch)
    first = Store.open(store_dir)
    assert opened[-1].hits == 0
    second = Store.open(store_dir)  # every file still racy: checked by content
    assert opened[-1].misses == len(first.plans) and opened[-1].hits > 10  # plans parsed
    assert snapshot(second) == snapshot(first)


def test_a_racy_entry_is_kept_under_its_stat_once_the_file_settles(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", EVERYTHING_RACY)
    first = snapshot(Store.open(store_dir))
    entry = ParseCache.open(the_cache(store_dir))._index[ACTION]
    assert parse_cache.is_racy(entry[0][:33]) and len(entry[0]) > 33
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    opened = counting(monkeypatch)
    assert snapshot(Store.open(store_dir)) == first  # actions confirmed by content
    assert opened[-1].misses == 2  # the two plan files: never cached while racy
    entry = ParseCache.open(the_cache(store_dir))._index[ACTION]
    assert entry[0] == stat_fingerprint(str(store_dir / ACTION))  # the plain stat now
    assert snapshot(Store.open(store_dir)) == first
    assert opened[-1].misses == 0


@pytest.mark.parametrize("window", [EVERYTHING_RACY, 0], ids=["still racy", "settled"])
def test_an_edit_that_kept_every_stat_field_is_never_served_stale(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    path = store_dir / ACTION
    monkeypatch.setattr(parse_cache, "RACY_NS", EVERYTHING_RACY)
    assert Store.open(store_dir).find("elections-demo/1.1").title.endswith("February 2017")
    # the same size, within the same timestamp tick: on a file system with coarse
    # timestamps every stat field stays; here the cache is given the new stat data
    path.write_bytes(path.read_bytes().replace(b"February 2017", b"February 2018"))
    cache = the_cache(store_dir)
    real = ParseCache.open(cache)
    index = dict(real._index)
    stamp = stat_fingerprint(str(path), now_ns=0)  # the plain stat data, never racy
    assert stamp is not None
    index[ACTION] = (stamp + index[ACTION][0][len(stamp) :], *index[ACTION][1:])
    parse_cache._write(cache, index, [bytes(real._body)])
    monkeypatch.setattr(parse_cache, "RACY_NS", window)
    action = Store.open(store_dir).find("elections-demo/1.1")
    assert action.title.endswith("February 2018")
    assert action.digest == digest(path.read_bytes())
    assert Store.open(store_dir).find("elections-demo/1.1").title.endswith("February 2018")
