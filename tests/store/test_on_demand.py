"""The app's load (``Store.open(on_demand=True)``) keeps each cached action as its
checked bytes and builds it when first read: once, and exactly as a full load would;
bytes that do not decode, or damaged ones, never reach it (the file is parsed)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import bvtui.store.store as store_module
from bvtui.model import Action, action_to_mapping
from bvtui.store import Store, cache_path, parse_cache, whoami


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)


def everything(store: Store) -> tuple[object, ...]:
    """All a load yields, comparable across loads."""
    actions = [(a.ref, action_to_mapping(a), a.digest, a.path) for a in store.actions]
    return actions, store.plans, store.excerpts, [str(p) for p in store.problems]


def the_cache(store_dir: Path) -> Path:
    repo = Store(store_dir).repo
    assert repo is not None
    return cache_path(repo.git_dir, store_dir, "tree")


def test_an_action_is_built_when_first_read_then_kept(store_dir: Path) -> None:
    truth = everything(Store.open(store_dir))  # parsed from the files; fills the cache
    store = Store.open(store_dir, on_demand=True)
    total = len(store.excerpts)
    assert total > 5 and store.not_built == total  # nothing built at the load
    first = store.action_at(3)
    assert store.not_built == total - 1
    assert store.action_at(3) is first  # one instance
    assert store.find(first.ref) is first and store.not_built == total - 1
    assert first.excerpt() == store.excerpts[3]
    assert everything(store) == truth  # every action read: each as a full load builds it
    assert store.not_built == 0 and store.actions[3] is first


def test_an_edit_replaces_the_action_whether_built_or_not(store_dir: Path) -> None:
    Store.open(store_dir)
    store = Store.open(store_dir, on_demand=True)
    ref = str(store.excerpts[4].ref)
    edited = Store.open(store_dir).find(ref)
    edited.progress = 7
    store.replace_action(edited)
    assert store.action_at(4) is edited and store.not_built == len(store.excerpts) - 1
    assert store.find(ref) is edited and store.excerpts[4] == edited.excerpt()


def test_damaged_cache_bytes_never_reach_an_action_built_later(store_dir: Path) -> None:
    truth = everything(Store.open(store_dir))
    cache = the_cache(store_dir)
    good = cache.read_bytes()
    rng = random.Random(14)
    for case in range(100):
        data = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] ^= rng.randint(1, 255)
        cache.write_bytes(bytes(data))
        assert everything(Store.open(store_dir, on_demand=True)) == truth, f"case {case}"


def cached_wrongly(store_dir: Path, ref: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fill the cache anew with, for the action ``ref``, a value that passes its
    checksum but is no action (what a cache written wrong under its format would hold)."""
    right = store_module.action_to_cache

    def wrong(action: Action) -> tuple[object, ...]:
        return ("not", "an action") if action.ref == ref else right(action)

    the_cache(store_dir).unlink()
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "action_to_cache", wrong)
        Store.open(store_dir)


def test_cached_bytes_that_are_no_action_are_read_from_the_file(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    truth = everything(Store.open(store_dir))
    ref = str(Store.open(store_dir).excerpts[2].ref)
    cached_wrongly(store_dir, ref, monkeypatch)
    store = Store.open(store_dir, on_demand=True)
    assert store.not_built == len(store.excerpts)
    assert store.action_at(2).ref == ref  # parsed from its file
    assert everything(store) == truth


def test_an_action_whose_bytes_and_file_both_fail_is_its_excerpt_and_a_problem(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(store_dir)
    ref = str(Store.open(store_dir).excerpts[2].ref)
    cached_wrongly(store_dir, ref, monkeypatch)
    store = Store.open(store_dir, on_demand=True)
    excerpt = store.excerpts[2]
    broken = store_dir / f"{ref}.yaml"
    broken.write_text("title: [unclosed\n")  # changed on disk since the load
    action = store.action_at(2)
    assert (action.ref, action.status, action.theme) == (ref, excerpt.status, excerpt.theme)
    assert [p.path for p in store.problems] == [str(broken)]


def test_whoami_reads_the_officers_off_the_excerpts(store_dir: Path) -> None:
    full = Store.open(store_dir)
    author = "Louise Stamp <louise@example.org>"
    store = Store.open(store_dir, on_demand=True)
    assert whoami(store, author) == whoami(full, author)
    found = whoami(store, author).found
    assert found is not None and found.officer == "Louise Stamp"
    assert store.not_built == len(store.excerpts)  # no action built to know them


def test_a_title_is_read_off_the_bytes_without_building_the_action(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles = [a.title for a in Store.open(store_dir).actions]
    store = Store.open(store_dir, on_demand=True)
    assert [store.text_at(at, "title") for at in range(len(titles))] == titles
    assert store.not_built == len(titles)  # read, not built nor kept
    ref = str(store.excerpts[2].ref)
    cached_wrongly(store_dir, ref, monkeypatch)
    store = Store.open(store_dir, on_demand=True)
    assert store.text_at(2, "title") == titles[2]  # bytes of another shape: its file
    assert store.not_built == len(titles) - 1
