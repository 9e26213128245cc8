"""The parse cache never serves stale data: every way a file can change under it is seen.

Most tests set the racy window to zero, so that files written a moment ago are cached
at once (in real use they are cached once they are two seconds old); the racy rule
itself is tested on its own.
"""

from __future__ import annotations

import mmap
import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from zlib import crc32

import pytest

from bvtui.model import Action, Filter, action_to_mapping
from bvtui.store import (
    ParseCache,
    Store,
    StoreError,
    cache_path,
    digest,
    is_racy,
    map_regular_file,
    parse_cache,
    stat_fingerprint,
)
from bvtui.store.cached import excerpt_to_cache
from bvtui.store.parse_cache import MISS
from tests.conftest import git
from tests.gitgraph import wait_for_graph

ACTION = "elections-demo/1.1.yaml"


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)


def snapshot(store: Store) -> list[tuple[str, dict, str, str]]:
    """Everything a load yields, comparable across loads."""
    return [(a.ref, action_to_mapping(a), a.digest, a.path) for a in store.actions]


def the_cache(store_dir: Path, kind: str = "tree") -> Path:
    repo = Store(store_dir).repo
    assert repo is not None
    return cache_path(repo.git_dir, store_dir, kind)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[ParseCache]:
    """Every ParseCache a load opens, to read its hits and misses."""
    opened: list[ParseCache] = []
    original = ParseCache.open.__func__  # type: ignore[attr-defined]

    def spy(cls: type[ParseCache], path: Path | None) -> ParseCache:
        cache = original(cls, path)
        opened.append(cache)
        return cache

    monkeypatch.setattr(ParseCache, "open", classmethod(spy))
    return opened


def decoding(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The key of every value a load decodes from the cache."""
    decoded: list[str] = []
    value = ParseCache.value

    def spy(self: ParseCache, key: str) -> object:
        decoded.append(key)
        return value(self, key)

    monkeypatch.setattr(ParseCache, "value", spy)
    return decoded


def status_of(store_dir: Path, ref: str = "elections-demo/1.1") -> str:
    return Store.open(store_dir).find(ref).status


def replace_status(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert f"status: {old}\n" in text
    path.write_text(text.replace(f"status: {old}\n", f"status: {new}\n"), encoding="utf-8")


@pytest.mark.usefixtures("no_racy_window")
def test_a_second_load_comes_from_the_cache_and_equals_a_parse(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Store.open(store_dir)
    opened = counting(monkeypatch)
    second = Store.open(store_dir)
    assert opened[-1].misses == 0 and opened[-1].hits > 10
    assert snapshot(second) == snapshot(first)
    assert second.plans == first.plans
    assert second.find("elections-demo/1.1").plan is second.plans["elections-demo"]


@pytest.mark.usefixtures("no_racy_window")
def test_a_hand_edit_of_the_same_size_with_the_mtime_put_back_is_seen(store_dir: Path) -> None:
    path = store_dir / ACTION
    before = os.stat(path)
    assert Store.open(store_dir).find("elections-demo/1.1").title.endswith("February 2017")
    # rewritten in place (same inode), same size, mtime put back: only the ctime tells
    with open(path, "r+b") as handle:
        data = handle.read()
        handle.seek(0)
        handle.write(data.replace(b"February 2017", b"February 2018"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    same = (after.st_size, after.st_mtime_ns, after.st_ino)
    assert same == (before.st_size, before.st_mtime_ns, before.st_ino)
    action = Store.open(store_dir).find("elections-demo/1.1")
    assert action.title.endswith("February 2018")
    assert action.digest == digest(path.read_bytes())


@pytest.mark.usefixtures("no_racy_window")
def test_a_checkout_of_another_branch_is_seen(store_dir: Path) -> None:
    top = store_dir.parent
    git(top, "switch", "--quiet", "-c", "other")
    replace_status(store_dir / ACTION, "On Target", "Completed")
    git(top, "commit", "--quiet", "-am", "other branch")
    git(top, "switch", "--quiet", "main")
    assert status_of(store_dir) == "On Target"
    assert status_of(store_dir) == "On Target"  # now from the cache
    git(top, "switch", "--quiet", "other")
    assert status_of(store_dir) == "Completed"
    git(top, "switch", "--quiet", "main")
    assert status_of(store_dir) == "On Target"


@pytest.mark.usefixtures("no_racy_window")
def test_a_changed_plan_revalidates_its_actions(store_dir: Path) -> None:
    assert Store.open(store_dir).problems == []
    plan = store_dir / "elections-demo" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "  On Target: green\n" in text
    plan.write_text(text.replace("  On Target: green\n", "  On track: green\n"), encoding="utf-8")
    problems = [str(p) for p in Store.open(store_dir).problems]
    assert any("1.1.yaml: status: 'On Target' is not one of" in p for p in problems)


@pytest.mark.usefixtures("no_racy_window")
def test_removed_and_added_files_are_seen(store_dir: Path) -> None:
    first = Store.open(store_dir)
    (store_dir / ACTION).unlink()
    (store_dir / "elections-demo" / "9.9.yaml").write_text("id: '9.9'\ntitle: new\n")
    refs = [a.ref for a in Store.open(store_dir).actions]
    assert "elections-demo/1.1" not in refs and "elections-demo/9.9" in refs
    assert len(refs) == len(first.actions)


@pytest.mark.usefixtures("no_racy_window")
def test_deleting_the_cache_only_costs_a_parse(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = snapshot(Store.open(store_dir))
    cache = the_cache(store_dir)
    assert cache.exists()
    cache.unlink()
    opened = counting(monkeypatch)
    assert snapshot(Store.open(store_dir)) == first
    assert opened[-1].hits == 0 and cache.exists()


@pytest.mark.usefixtures("no_racy_window")
@pytest.mark.parametrize(
    "garbage",
    [b"", b"not marshal at all", b"\xe3\x00", parse_cache.marshal.dumps((0, {})), b"\x00" * 64],
)
def test_a_corrupt_cache_is_ignored(store_dir: Path, garbage: bytes) -> None:
    first = snapshot(Store.open(store_dir))
    the_cache(store_dir).write_bytes(garbage)
    assert snapshot(Store.open(store_dir)) == first
    assert snapshot(Store.open(store_dir)) == first


@pytest.mark.usefixtures("no_racy_window")
def test_a_cache_with_wrong_entries_under_the_right_version_is_ignored(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = Store.open(store_dir)
    first = snapshot(loaded)
    # each forged entry carries its action's true excerpt: only its value is damaged
    hints = {f"{e.ref.plan}/{e.ref.id}.yaml": excerpt_to_cache(e) for e in loaded.excerpts}
    cache = the_cache(store_dir)
    version = parse_cache._code_version()
    cache.write_bytes(parse_cache.marshal.dumps((version, {ACTION: 1})))  # no length
    assert snapshot(Store.open(store_dir)) == first
    folder = store_dir / "elections-demo"
    names = sorted(p.name for p in folder.iterdir())
    listed = [name for name in os.listdir(folder) if name.endswith(".yaml")]  # as a load lists
    actions = [name for name in names if name != "plan.yaml"]
    stamps = dict(zip(names, parse_cache.stat_fingerprints(folder, names), strict=True))
    good = parse_cache.marshal.dumps({"status": "On Target"})
    values = {  # each entry valid under the file's fingerprint, its value damaged
        "elections-demo/": (tuple(listed), ([0, 1], None, False)),  # an order cut short
        "elections-demo/plan.yaml": (stamps["plan.yaml"], {"no": "fields"}),
        ACTION: (stamps[actions[0]], {"updates": 5}),
    }
    real = ParseCache.open(cache)  # every other entry stays as good as it was
    index, parts = dict(real._index), [bytes(real._body)]
    end = len(parts[0])
    for key, (stamp, value) in values.items():
        part = parse_cache.marshal.dumps(value)
        index[key] = (stamp, end, end + len(part), hints.get(key), crc32(part))
        parts.append(part)
        end += len(part)
    # each checksum is right for what it covers: the damage is in what was written
    true = [hints[f"elections-demo/{name}"] for name in actions]
    listed = (*true[4][:5], ["a list"], *true[4][6:])  # officers in a list: another shape
    for name, hint, start, stop, crc in (
        (actions[1], true[1], end, end + 7, crc32(b"garbage")),  # no marshal
        (actions[2], true[2], end + 7, end + 10**6, crc32(good)),  # past the end
        (actions[3], 5, end + 7, end + 7 + len(good), crc32(good)),  # not an excerpt
        (actions[4], listed, end + 7, end + 7 + len(good), crc32(good)),
        (actions[5], true[5], "start", None, 0),  # offsets that are no offsets
    ):
        index[f"elections-demo/{name}"] = (stamps[name], start, stop, hint, crc)
    parts += [b"garbage", good]
    assert {f"elections-demo/{name}" for name in actions[1:6]}.isdisjoint(values)
    opened = counting(monkeypatch)
    for only in (None, Filter(rags=frozenset({"red"}))):
        parse_cache._write(cache, index, parts)
        loaded = Store.open(store_dir, only=only)
        if only is None:
            assert snapshot(loaded) == first
            assert opened[-1].misses == 8  # each damaged entry was found, then refused
            assert snapshot(Store.open(store_dir)) == first
            assert opened[-1].misses == 0  # and replaced by the parse
        else:
            full = [a.ref for a in Store.open(store_dir).actions if a.rag == "red"]
            assert [a.ref for a in loaded.actions if a.rag == "red"] == full
            assert snapshot(Store.open(store_dir)) == first  # what it saved loads right


def test_a_file_changed_just_now_is_racy_and_read_right(store_dir: Path) -> None:
    path = store_dir / ACTION
    replace_status(path, "On Target", "Completed")
    now = time.time_ns()
    assert is_racy(stat_fingerprint(str(path), now))  # changed within the window
    later = now + parse_cache.RACY_NS + 1
    assert not is_racy(stat_fingerprint(str(path), later))
    Store.open(store_dir)
    assert status_of(store_dir) == "Completed"
    replace_status(path, "Completed", "On Target")  # same size, maybe the same mtime tick
    assert status_of(store_dir) == "On Target"


@pytest.mark.usefixtures("no_racy_window")
def test_a_store_at_a_revision_is_cached_by_blob(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = store_dir.parent
    replace_status(store_dir / ACTION, "On Target", "Completed")
    git(top, "commit", "--quiet", "-am", "done")
    first = snapshot(Store.at(store_dir, "HEAD~1"))
    opened = counting(monkeypatch)
    again = Store.at(store_dir, "HEAD~1")
    assert opened[-1].misses == 0 and snapshot(again) == first
    assert again.find("elections-demo/1.1").status == "On Target"
    assert Store.at(store_dir, "HEAD").find("elections-demo/1.1").status == "Completed"
    assert Store.open(store_dir).find("elections-demo/1.1").status == "Completed"


def test_a_store_outside_git_has_no_cache(tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "p"
    plan.mkdir(parents=True)
    (plan / "plan.yaml").write_text("title: P\n")
    (plan / "a1.yaml").write_text("id: a1\ntitle: x\n")
    assert [a.ref for a in Store.open(tmp_path / "plans").actions] == ["p/a1"]


@pytest.mark.parametrize("ref", ["elections-demo/1.1", "1.1", "3.3", "elections-demo/9.9", "9.9"])
def test_opening_for_one_ref_finds_what_the_whole_store_finds(store_dir: Path, ref: str) -> None:
    def found(store: Store) -> object:
        try:
            action = store.find(ref)
        except StoreError as err:
            return str(err)
        return (action.ref, action_to_mapping(action), action.digest, action.path)

    assert found(Store.open_for(store_dir, ref)) == found(Store.open(store_dir))


def test_opening_for_one_ref_refuses_twins_as_a_whole_load_does(
    make_repo: Callable[..., Path],
) -> None:
    store_dir = make_repo("elections-demo", "property-demo")
    (store_dir / "elections-demo" / "1.1.yaml").rename(store_dir / "elections-demo" / "A1.yaml")
    text = (store_dir / "elections-demo" / "A1.yaml").read_text().replace("'1.1'", "A1")
    (store_dir / "elections-demo" / "A1.yaml").write_text(text)
    (store_dir / "elections-demo" / "a1.yaml").write_text(text.replace("id: A1", "id: a1"))
    for ref in ("A1", "a1", "elections-demo/a1"):
        whole, one = Store.open(store_dir), Store.open_for(store_dir, ref)
        assert [str(p) for p in one.problems] == [str(p) for p in whole.problems]
        assert [a.ref for a in one.actions] == [
            a.ref for a in whole.actions if a.id.lower() == "a1"
        ]


TRICKY_IDS = ["1.01", "1.1", "1.10", "1.9", "a", "a-b", "A1", "a1", "b.2", "B.10", "x_1", "x-1"]


@pytest.mark.usefixtures("no_racy_window")
def test_the_cached_order_and_twins_are_those_of_a_parse(make_repo: Callable[..., Path]) -> None:
    store_dir = make_repo("elections-demo")
    folder = store_dir / "elections-demo"
    for action_id in TRICKY_IDS:
        (folder / f"{action_id}.yaml").write_text(f"id: '{action_id}'\ntitle: t\n")
    parse_cache.RACY_NS = 10**18  # first load: nothing trusted, everything parsed
    parsed = Store.open(store_dir)
    parse_cache.RACY_NS = 0
    Store.open(store_dir)  # fills the cache
    cached = Store.open(store_dir)
    assert [a.ref for a in cached.actions] == [a.ref for a in parsed.actions]
    assert [str(p) for p in cached.problems] == [str(p) for p in parsed.problems]
    assert len(parsed.problems) == 1  # A1 / a1
    ids = [a.id for a in parsed.actions]
    assert ids.index("1.1") < ids.index("1.9") < ids.index("1.10") and "a-b" in ids


@pytest.mark.usefixtures("no_racy_window")
def test_a_cached_listing_runs_git_only_to_find_the_repository(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = snapshot(Store.open(store_dir))  # fills the cache
    # and starts the write of git's changed-path filters (none yet): once it is done,
    # a listing has nothing of git's to bring up to date
    assert wait_for_graph(store_dir.parent / ".git")
    opened = counting(monkeypatch)
    trace = tmp_path / "git-trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    again = Store.open(store_dir)
    assert opened[-1].misses == 0 and snapshot(again) == first
    runs = [line for line in trace.read_text().splitlines() if "built-in: git" in line]
    assert len(runs) == 1 and "rev-parse --show-toplevel" in runs[0]  # Repo.find's one call


FILTERS = [
    Filter(rags=frozenset({"red"})),
    Filter(rags=frozenset({"green", "blue"}), themes=frozenset({"elec"})),
    Filter(statuses=frozenset({"on target"})),
    Filter(plans=frozenset({"property-demo"})),
    Filter(officers=frozenset({"andreas"})),  # an alias: matched through the plan
    Filter(overdue=True, as_of=date(2017, 12, 1)),
    Filter(search="poll", rags=frozenset({"red", "amber", "green"})),
]


@pytest.mark.usefixtures("no_racy_window")
@pytest.mark.parametrize("where", FILTERS, ids=lambda where: where.describe())
def test_a_load_that_skips_refused_actions_lists_what_a_full_load_lists(
    make_repo: Callable[..., Path], where: Filter
) -> None:
    store_dir = make_repo()
    folder = store_dir / "elections-demo"
    for action_id in TRICKY_IDS:  # twins (A1 / a1): then every action is built first
        (folder / f"{action_id}.yaml").write_text(f"id: '{action_id}'\ntitle: t\n")
    full = Store.open(store_dir)  # parses and fills the cache
    expected = [a.ref for a in where.apply(full.actions)]
    assert expected  # each filter picks something out of the fixture
    for _ in ("parsed", "cached"):
        partial = Store.open(store_dir, only=where)
        assert [a.ref for a in where.apply(partial.actions)] == expected
        assert len(partial.actions) <= len(full.actions)
        assert [str(p) for p in partial.problems] == [str(p) for p in full.problems]


@pytest.mark.usefixtures("no_racy_window")
def test_a_refused_action_is_not_built_but_stays_cached(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(store_dir)
    red = Filter(rags=frozenset({"red"}))
    partial = Store.open(store_dir, only=red)
    assert partial.actions and all(a.rag == "red" for a in partial.actions)
    opened = counting(monkeypatch)
    again = Store.open(store_dir)  # the skipped ones were kept in the cache
    assert opened[-1].misses == 0 and len(again.actions) > len(partial.actions)


def _places(listed: list[str]) -> list[int]:
    return [place for place, name in enumerate(listed) if name != "plan.yaml"]


FORGED_ORDERS = {
    "a place twice": lambda listed: ([*_places(listed)[:-1], _places(listed)[0]], None, False),
    "the plan's file": lambda listed: (
        [*_places(listed)[:-1], listed.index("plan.yaml")],
        None,
        False,
    ),
    "a place from the end": lambda listed: (
        [*_places(listed)[:-1], _places(listed)[-1] - len(listed)],
        None,
        False,
    ),
    "names, not places": lambda listed: (
        [name for name in listed if name != "plan.yaml"],
        None,
        False,
    ),
    "an id order cut short": lambda listed: (_places(listed), _places(listed)[:1], False),
    "twins that are no answer": lambda listed: (_places(listed), None, "no"),
}


@pytest.mark.usefixtures("no_racy_window")
@pytest.mark.parametrize("forge", FORGED_ORDERS.values(), ids=list(FORGED_ORDERS))
def test_a_cached_order_that_is_not_the_listing_s_is_sorted_again(
    store_dir: Path, forge: Callable[[list[str]], object]
) -> None:
    first = snapshot(Store.open(store_dir))
    folder = store_dir / "elections-demo"
    listed = [name for name in os.listdir(folder) if name.endswith(".yaml")]  # as a load lists
    cache = the_cache(store_dir)
    real = ParseCache.open(cache)
    index, body = dict(real._index), bytes(real._body)
    part = parse_cache.marshal.dumps(forge(listed))
    # valid under the folder's listing, and its checksum right: the damage is in the order
    index["elections-demo/"] = (tuple(listed), len(body), len(body) + len(part), None, crc32(part))
    parse_cache._write(cache, index, [body, part])
    assert snapshot(Store.open(store_dir)) == first


@pytest.mark.usefixtures("no_racy_window")
def test_a_mapped_cache_keeps_its_bytes_when_a_save_replaces_the_file(store_dir: Path) -> None:
    Store.open(store_dir)  # fills the cache
    path = the_cache(store_dir)
    assert isinstance(map_regular_file(path), mmap.mmap)  # mapped, not read
    held = ParseCache.open(path)  # a load that has not decoded its values yet
    key, stamp = ACTION, stat_fingerprint(str(store_dir / ACTION))
    assert held.get(key, stamp) is not None
    before = path.stat().st_ino
    replace_status(store_dir / ACTION, "On Target", "Delayed")
    assert Store.open(store_dir).find("elections-demo/1.1").status == "Delayed"
    assert path.stat().st_ino != before  # written anew, and renamed over the old file
    # the held mapping still reads the file it mapped, checksums and all
    assert held.value(key)[Action.FIELDS.index("status")] == "On Target"


def test_an_empty_cache_file_is_no_cache(store_dir: Path) -> None:
    truth = snapshot(Store.open(store_dir))
    path = the_cache(store_dir)
    path.write_bytes(b"")
    opened = ParseCache.open(path)
    assert opened.hints([ACTION], [stat_fingerprint(str(store_dir / ACTION))]) == [MISS]
    assert snapshot(Store.open(store_dir)) == truth
    assert path.stat().st_size > 0  # rebuilt
