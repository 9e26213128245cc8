"""The report model and its text forms, on real stores: as-of, worsened, escaping."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bvtui.model import Filter, Plan, edited
from bvtui.reporting import build_report, default_filename, resolve_as_of, worsened_since
from bvtui.reporting.text import render_markdown, render_text
from bvtui.reporting.xlsx import _sheet_name
from bvtui.store import Store


def test_as_of_says_where_it_came_from() -> None:
    dated, undated = Plan("a", as_of=date(2017, 9, 29)), Plan("b")
    other = Plan("c", as_of=date(2018, 3, 31))
    today = date(2026, 1, 2)
    assert resolve_as_of([dated], date(2017, 1, 1), today) == (
        date(2017, 1, 1),
        "2017-01-01 (given)",
    )
    assert resolve_as_of([dated], None, today) == (None, "2017-09-29 (the plan's as_of)")
    assert resolve_as_of([dated, other], None, today) == (
        None,
        "each plan's own as_of: a 2017-09-29, c 2018-03-31",
    )
    assert resolve_as_of([dated, undated], None, today) == (
        None,
        "each plan's own as_of: a 2017-09-29, b 2026-01-02 (today: no as_of)",
    )
    assert resolve_as_of([undated], None, today) == (
        None,
        "2026-01-02 (today: the plan has no as_of, no --as-of)",
    )


def test_worsened_counts_only_moves_down_the_scale(store_dir: Path) -> None:
    before = Store.at(store_dir, "HEAD")
    store = Store.open(store_dir)
    moves = {
        "elections-demo/1.9": "On Target",  # complete -> green: worse
        "elections-demo/1.1": "Completed",  # green -> complete: better
        "property-demo/6.1": "Not Started",  # red -> grey: off the scale
        "property-demo/8.2": "Overdue",  # grey -> red: off the scale
    }
    for ref, status in moves.items():
        store.save_action(edited(store.find(ref), {"status": status}))
    worse = worsened_since(Store.open(store_dir).actions, before)
    assert [(w.action.ref, w.before, w.after) for w in worse] == [
        ("elections-demo/1.9", "blue", "green")
    ]


def test_user_text_stays_text_in_text_and_markdown(store_dir: Path) -> None:
    store = Store.open(store_dir)
    hostile = "a | b <img src=x> \x1b[31mred\x1b[0m [b]x[/b]\nsecond line"
    store.save_action(edited(store.find("property-demo/6.1"), {"title": hostile}))
    store = Store.open(store_dir)
    actions = [a for a in store.actions if a.plan.slug == "property-demo"]
    report = build_report(store, actions)
    text = render_text(report)
    assert "\x1b" not in text and "\\x1b[31mred\\x1b[0m" in text
    markdown = render_markdown(report)
    assert "a \\| b &lt;img src=x&gt;" in markdown and "[b]x[/b] ⏎ second line" in markdown
    assert "<img" not in markdown


def test_sheet_names_are_valid_and_unique() -> None:
    taken = {"summary"}
    assert (
        _sheet_name("A: Member / Officer [Development]?", taken)
        == "A  Member   Officer  Development"[:31]
    )
    assert _sheet_name("Summary", taken) == "Summary (2)"
    long = "x" * 40
    assert _sheet_name(long, taken) == "x" * 31
    assert _sheet_name(long, taken) == "x" * 27 + " (2)"


def test_the_offered_file_name_says_the_filters_in_safe_characters(store_dir: Path) -> None:
    actions = Store.open(store_dir).actions
    wanted = Filter(
        officers=frozenset({"Zoë Ørsted"}), rags=frozenset({"red", "amber"}), overdue=True
    )
    assert default_filename(actions, date(2017, 9, 29), "plans", "md", wanted) == (
        "report-plans-zoe-rsted-amber-red-overdue-2017-09-29.md"
    )
    hostile = Filter(search="../../[b]x\x1b[31m", themes=frozenset({"Elections"}))
    name = default_filename(actions[:1], None, "plans", "csv", hostile)
    assert name == "report-elections-demo-elections-search-b-x-31m-2017-09-29.csv"
