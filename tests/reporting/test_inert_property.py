"""Property: whatever text a field holds, every output shows it inertly.

Generated text (controls, C1, line separators, formula starts, markup) goes into every
free-text field of actions and their plan; each output is then read as its reader
reads it: csv parsed, xlsx loaded back with openpyxl, html and md scanned for tags,
the terminal tables for control characters. None may hold a formula cell, a control
character a terminal acts on, or a tag the text made.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bvtui.cli.output import json_lines, render_action, write_actions
from bvtui.model import FORMULA_STARTS, Action, Update
from bvtui.reporting import action_record, build_report, render_report
from bvtui.store import Store

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""A character a terminal or spreadsheet acts on: every control but the line break."""

OUR_TAGS = frozenset(
    [
        "!DOCTYPE",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "colgroup",
        "col",
        "svg",
        "rect",
        "text",
    ]
)
"""The tags the html report writes itself."""

NASTY = ["=", "+", "-", "@", "\t", "\r", "<b>", "<script>", "\x1b[2J", "\x1b]52;c;eA==\x07", "\x9b"]

field_text = st.one_of(
    st.text(max_size=40),
    st.builds(lambda start, rest: start + rest, st.sampled_from(NASTY), st.text(max_size=20)),
)


def hostile(action: Action, texts: list[str]) -> Action:
    """A copy of ``action`` (and of its plan) with every free-text field from ``texts``."""
    plan = copy.copy(action.plan)
    plan.title, plan.organisation = texts[0], texts[1]
    new = copy.copy(action)
    new.plan = plan
    new.title, new.theme, new.objective = texts[2], texts[3], texts[4]
    new.officers = [texts[5], texts[6]]
    new.deadline, new.revised_deadline, new.status = texts[7], texts[8], texts[9]
    new.updates = [Update(period=texts[10], text=texts[11])]
    new.extra = {"Source": texts[12]}
    return new


def read_xlsx(data: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(field_text, min_size=13, max_size=13))
def test_any_field_text_comes_out_inert_in_every_output(store_dir: Path, texts: list[str]) -> None:
    store = Store.open(store_dir)
    actions = [hostile(action, texts) for action in store.actions[:3]]
    report = build_report(store, actions)

    rows = list(csv.reader(io.StringIO(render_report(report, "csv").decode("utf-8"))))
    for cell in (cell for row in rows for cell in row):
        assert RAW.search(cell) is None and not cell.startswith(FORMULA_STARTS), cell

    cells = read_xlsx(render_report(report, "xlsx"))
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    for cell in cells:
        assert not (isinstance(cell.value, str) and RAW.search(cell.value)), cell.value

    page = render_report(report, "html").decode("utf-8")
    assert RAW.search(page) is None
    tags = re.findall(r"<(/?)([!A-Za-z][A-Za-z0-9]*)", page)
    assert {name for _slash, name in tags} <= OUR_TAGS
    assert page.count("<") == len(tags)  # every "<" opens one of our tags

    markdown = render_report(report, "md").decode("utf-8")
    assert RAW.search(markdown) is None and "<" not in markdown

    assert RAW.search(render_report(report, "text").decode("utf-8")) is None

    for fmt in ("simple", "github", "csv"):
        out = io.StringIO()
        write_actions(actions, fmt, out)
        assert RAW.search(out.getvalue()) is None, fmt
        if fmt != "csv":
            assert len(out.getvalue().splitlines()) == len(actions) + 2, fmt
    assert RAW.search(render_action(actions[0]).replace("\n", " ")) is None

    encoded = "".join(json_lines([action_record(action) for action in actions]))
    assert RAW.search(encoded.replace("\n", " ")) is None
    assert json.loads(encoded)[0]["title"] == texts[2]
