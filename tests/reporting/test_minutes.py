"""The minutes' action list: one row per decision, user text inert in md and docx."""

from __future__ import annotations

import io

from docx import Document

from bvtui.reporting import Minute, Minutes, minutes_docx, minutes_markdown

HOSTILE = "Refer | to <script>x</script> \x1b[2J audit"


def minutes() -> Minutes:
    items = [
        Minute("p/1.4", "Venue", "Richard Chilcott", "Delayed", "Breakdown requested"),
        Minute("p/6.1", "Asset review", "Ann Sutcliffe", "Overdue", HOSTILE),
    ]
    return Minutes("Board 14/09", "2017-09-14", 42, "meeting-board-14-09", "board-06", items)


def test_markdown_lists_each_decision_and_escapes_what_would_act() -> None:
    text = minutes_markdown(minutes())
    assert text.startswith("# Minutes: action list, Board 14/09\n")
    assert "- **Actions presented:** 42" in text
    assert "- **Store as presented:** meeting-board-14-09" in text
    assert "| 1 | p/1.4 | Venue | Richard Chilcott | Delayed | Breakdown requested |" in text
    row = text.splitlines()[-1]
    assert row.startswith("| 2 | p/6.1 |") and row.count(" | ") == 5
    assert "Refer \\| to &lt;script&gt;x&lt;/script&gt; \\\\x1b[2J audit" in row
    assert "\x1b" not in text


def test_no_decision_says_so() -> None:
    empty = Minutes("Scrutiny", "2017-10-01", 10)
    assert "No decisions or action points were recorded." in minutes_markdown(empty)
    assert "no snapshot taken" in minutes_markdown(empty)


def test_docx_holds_the_same_rows_as_plain_text() -> None:
    document = Document(io.BytesIO(minutes_docx(minutes())))
    stamp, table = document.tables
    assert [c.text for c in stamp.rows[2].cells] == ["Actions presented", "42"]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == [
        "No.",
        "Action",
        "Title",
        "Lead officer",
        "Status",
        "Decision / action point",
    ]
    assert rows[2][5] == "Refer | to <script>x</script> \\x1b[2J audit"
