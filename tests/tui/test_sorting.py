"""The table's sort keys: refs as people number them, no due date last, the worst RAG
first, and an edited action sorted by its new values (keys are kept per object)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from helpers import AS_OF

from bvtui.model import Filter
from bvtui.store import Store, parse_cache
from bvtui.tui.listing import Listing, Rows
from bvtui.tui.sorting import Sort, SortKeys, next_sort

STORE = Path(__file__).parent.parent / "data" / "store"


def test_refs_sort_by_number_and_edits_are_sorted_by_their_new_values() -> None:
    actions = Store.open(STORE).actions
    keys = SortKeys(AS_OF)
    refs = [a.ref for a in keys.sorted(actions, Sort("ref"), set())]
    elections = [ref for ref in refs if ref.startswith("elections")]
    assert elections.index("elections-demo/1.9") < elections.index("elections-demo/1.10")
    assert refs == sorted(refs, key=lambda r: r.startswith("property"))  # plans in order
    by_progress = keys.sorted(actions, Sort("progress"), set())
    lowest = by_progress[0]
    edited = copy.copy(lowest)
    edited.progress = 100
    again = keys.sorted([edited if a is lowest else a for a in actions], Sort("progress"), set())
    assert again[0] is not edited and again[-1].progress == 100


def test_no_due_date_sorts_last_and_status_worst_first() -> None:
    actions = Store.open(STORE).actions
    keys = SortKeys(AS_OF)
    dues = [a.judged(AS_OF)[0] for a in keys.sorted(actions, Sort("due"), set())]
    assert dues[-1] is None and None not in dues[:-1]
    rags = [a.rag for a in keys.sorted(actions, Sort("status", reverse=True), set())]
    assert rags[0] == "grey" and rags[-1] == "red"


def test_marks_put_uncommitted_after_overdue_and_the_steps_wrap() -> None:
    actions = Store.open(STORE).actions
    keys = SortKeys(AS_OF)
    first = keys.sorted(actions, Sort("marks"), set())[0]
    assert first.judged(AS_OF)[1]  # overdue first
    shown = ("ref", "title", "status")
    assert next_sort(None, shown, 1) == Sort("ref")
    assert next_sort(Sort("status"), shown, 1) is None  # past the end: the store's order
    assert next_sort(None, shown, -1) == Sort("status")


def test_rows_sort_on_their_excerpts_as_on_their_actions(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    full = Store.open(store_dir).actions  # parsed; fills the cache
    store = Store.open(store_dir, on_demand=True)
    rows = Listing(store, AS_OF).set_filter(Filter(rags=frozenset({"red", "amber", "green"})))
    unbuilt = store.not_built
    assert unbuilt > 0
    kept = {a.ref for a in Filter(rags=frozenset({"red", "amber", "green"})).apply(full)}
    for column in ("ref", "theme", "status"):
        for reverse in (False, True):
            wanted = Sort(column, reverse)
            on_actions = SortKeys(AS_OF).sorted([a for a in full if a.ref in kept], wanted, set())
            on_excerpts = SortKeys(AS_OF).sorted(rows, wanted, set())
            assert isinstance(on_excerpts, Rows) and store.not_built == unbuilt  # none built
            assert on_excerpts.refs() == [a.ref for a in on_actions], wanted
    assert [a.ref for a in on_excerpts] == on_excerpts.refs()  # the rows give those actions
