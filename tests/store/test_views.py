"""Saved views in ``<store>/.bvtui/views.yaml``: written and committed, read back the
same, and a hand-edited file checked view by view before it is trusted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bvtui.model import Filter
from bvtui.store import VIEWS_FILE, Store, View, ViewError, read_views, save_view
from tests.conftest import git

RED_PROPERTY = View(
    "red-property",
    Filter(rags=frozenset({"red"}), themes=frozenset({"Property"}), overdue=True, search="lease"),
    sort="due",
    reverse=True,
    columns=("ref", "title", "due", "status"),
)


def test_a_view_is_committed_and_read_back(make_repo: Callable[..., Path]) -> None:
    store = make_repo()
    commit = save_view(store, RED_PROPERTY)
    top = store.parent
    assert git(top, "log", "-1", "--format=%H %s").strip() == f"{commit} views: add red-property"
    assert git(top, "status", "--porcelain") == ""
    assert read_views(store) == ([RED_PROPERTY], [])
    assert save_view(store, RED_PROPERTY) is None  # saved again as it is: no commit
    assert git(top, "rev-parse", "HEAD").strip() == commit
    again = View("red-property", Filter(rags=frozenset({"red"})))
    save_view(store, again)
    save_view(store, View("all"))
    assert read_views(store) == ([again, View("all")], [])  # replaced in its place
    assert git(top, "log", "-3", "--format=%s").split("\n")[:2] == [
        "views: add all",
        "views: replace red-property",
    ]
    assert not Store.open(store).problems  # the hidden folder is no plan


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ("- name: bad name\n", "'bad name': a view's name"),
        ("- name: x\n  sort: colour\n", "sort 'colour': not a column"),
        ("- name: x\n  columns: [ref, budget]\n", "columns ['ref', 'budget']"),
        ("- name: x\n  filter: {rags: [purple]}\n", "filter rags ['purple']"),
        ("- name: x\n  filter: {overdue: maybe}\n", "filter overdue 'maybe': true or false"),
        ("- name: x\n  filter: {colour: [red]}\n", "filter 'colour': not a filter"),
        ("- name: x\n  size: 3\n", "'size': not a field of a view"),
        ("- name: good\n", "'good' is named twice"),
    ],
)
def test_a_bad_view_is_left_out_and_named(
    make_repo: Callable[..., Path], entry: str, said: str
) -> None:
    store = make_repo()
    path = store / VIEWS_FILE
    path.parent.mkdir()
    path.write_text("views:\n- name: good\n  filter: {overdue: true}\n" + entry)
    views, problems = read_views(store)
    assert [view.name for view in views] == ["good"]
    assert views[0].filter.overdue is True
    assert len(problems) == 1 and said in str(problems[0]), problems
    assert str(problems[0]).startswith(f"{path}: view 2: ")
    before = path.read_text()
    with pytest.raises(ViewError, match="fix the file before saving"):
        save_view(store, View("new"))  # rewriting would drop the bad view
    assert path.read_text() == before


def test_an_unreadable_file_gives_no_views_and_one_line(make_repo: Callable[..., Path]) -> None:
    store = make_repo()
    path = store / VIEWS_FILE
    path.parent.mkdir()
    path.write_text("views: [unclosed\n")
    views, problems = read_views(store)
    assert views == [] and len(problems) == 1
    assert str(problems[0]).startswith(str(path)) and "\n" not in str(problems[0])


def test_no_file_no_views(make_repo: Callable[..., Path]) -> None:
    assert read_views(make_repo()) == ([], [])


def test_a_name_the_command_line_cannot_take_is_refused(make_repo: Callable[..., Path]) -> None:
    store = make_repo()
    with pytest.raises(ViewError, match="letters, digits"):
        save_view(store, View("--all"))
    assert not (store / VIEWS_FILE).exists()
