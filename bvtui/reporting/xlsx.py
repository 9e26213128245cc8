"""A committee report as an Excel workbook: a Summary sheet and one sheet per theme.

The Summary sheet holds the stamp, theme x RAG counts with percentages and totals,
theme x status counts, and the exception lists; each theme's sheet lists its actions
with every field a meeting reads. RAG cells are filled with the colour and hold the
word. The same report gives the same bytes: the document's created/modified dates
are the commit's date and every zip entry carries it (:mod:`bvtui.reporting.zip_stamp`).
"""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from bvtui.model import RAGS, Action, cell_text, one_line
from bvtui.reporting.html import RAG_COLOURS
from bvtui.reporting.pack import (
    EXCEPTION_COLUMNS,
    RAG_COLUMN,
    Report,
    exception_cells,
    exception_lists,
    rag_cell_word,
    rag_word,
    ref_of,
    status_heading,
)
from bvtui.reporting.zip_stamp import document_time, restamp

THEME_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Ref", 8),
    ("Objective", 30),
    ("Action", 50),
    ("Lead officer", 24),
    ("Deadline", 12),
    ("Due", 11),
    ("Status", 14),
    ("RAG", 10),
    ("Progress %", 10),
    ("Overdue", 9),
    ("Latest update", 70),
)
"""The columns of a theme's sheet with their widths (characters)."""

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
_WRAP = Alignment(wrap_text=True, vertical="top")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def rag_fill(rag: str) -> PatternFill:
    """The solid fill of a RAG cell (the html report's colours)."""
    return PatternFill(
        "solid", fgColor=RAG_COLOURS.get(rag, RAG_COLOURS["grey"])[0].lstrip("#").upper()
    )


def render_xlsx(report: Report) -> bytes:
    """The report as the bytes of an xlsx file."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    _write_summary(summary, report)
    names = {"summary"}
    for section in report.themes:
        sheet = book.create_sheet(_sheet_name(section.name, names))
        actions = [action for objective in section.objectives for action in objective.actions]
        _write_theme(sheet, report, actions)
    when = document_time(report.stamp.commit_time)
    book.properties.created = book.properties.modified = when
    book.properties.creator = "bvtui"
    book.properties.title = one_line(report.title)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return restamp(buffer.getvalue(), when)


def _sheet_name(theme: str, taken: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub(" ", one_line(theme)).strip(" '")[:31] or "Theme"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def _header(sheet: Worksheet, row: int, values: list[str]) -> None:
    for column, value in enumerate(values, start=1):
        cell = put_cell(sheet, row, column, value)
        cell.font, cell.fill = _BOLD, _HEADER_FILL


def _write_summary(sheet: Worksheet, report: Report) -> None:
    put_cell(sheet, 1, 1, report.title).font = Font(bold=True, size=14)
    put_cell(sheet, 2, 1, report.organisation)
    row = 4
    for label, value in report.stamp.lines():
        put_cell(sheet, row, 1, label).font = _BOLD
        put_cell(sheet, row, 2, value)
        row += 1
    row += 1
    put_cell(sheet, row, 1, "Overall status by theme").font = Font(bold=True, size=12)
    row += 1
    headers = ["Theme"]
    for rag in RAGS:
        headers += [rag_word(rag), "%"]
    _header(sheet, row, [*headers, "Total"])
    for index, rag in enumerate(RAGS):
        cell = sheet.cell(row=row, column=2 + 2 * index)
        cell.fill = rag_fill(rag)
    for theme, counts in [*report.by_theme.items(), ("Total", report.total)]:
        row += 1
        put_cell(sheet, row, 1, theme)
        for index, rag in enumerate(RAGS):
            put_cell(sheet, row, 2 + 2 * index, counts.counts.get(rag, 0))
            put_cell(sheet, row, 3 + 2 * index, counts.percent(rag) / 100)
            sheet.cell(row=row, column=3 + 2 * index).number_format = "0%"
        put_cell(sheet, row, 2 + 2 * len(RAGS), counts.total)
    for cell in sheet[row]:
        cell.font = _BOLD
    row += 2
    row = _write_status_summary(sheet, report, row)
    row += 1
    for listed in exception_lists(report):
        title = f"{listed.title}: {len(listed.rows)}"
        put_cell(sheet, row, 1, title).font = Font(bold=True, size=12)
        row += 1
        if listed.rows:
            _header(sheet, row, list(EXCEPTION_COLUMNS))
            for action, why in listed.rows:
                row += 1
                for column, value in enumerate(exception_cells(report, action, why), start=1):
                    put_cell(sheet, row, column, value)
                _fill_rag(sheet.cell(row=row, column=RAG_COLUMN + 1), action.rag)
        row += 2
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 14


def _write_status_summary(sheet: Worksheet, report: Report, row: int) -> int:
    put_cell(sheet, row, 1, "Status by theme").font = Font(bold=True, size=12)
    row += 1
    words = [word for word, _rag in report.statuses]
    _header(sheet, row, ["Theme", *(status_heading(w, r) for w, r in report.statuses), "Total"])
    for index, (_word, rag) in enumerate(report.statuses):
        sheet.cell(row=row, column=2 + index).fill = rag_fill(rag)
    for theme, counts in report.status_by_theme.items():
        row += 1
        put_cell(sheet, row, 1, theme)
        for index, word in enumerate(words):
            put_cell(sheet, row, 2 + index, counts.get(word, 0))
        put_cell(sheet, row, 2 + len(words), sum(counts.values()))
    return row + 1


def _fill_rag(cell, rag: str, word: str | None = None) -> None:
    cell.value = word or rag_word(rag)  # one of the fixed words
    cell.fill = rag_fill(rag)
    cell.font = Font(bold=True, color=RAG_COLOURS.get(rag, RAG_COLOURS["grey"])[1].lstrip("#"))


def _write_theme(sheet: Worksheet, report: Report, actions: list[Action]) -> None:
    _header(sheet, 1, [name for name, _width in THEME_COLUMNS])
    for index, (_name, width) in enumerate(THEME_COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    for row, action in enumerate(actions, start=2):
        due = action.due
        latest = action.latest_update
        values = [
            ref_of(report, action),
            action.objective,
            action.title,
            ", ".join(action.officers),
            action.revised_deadline or action.deadline,
            due,
            action.status,
            rag_cell_word(action),
            action.progress,
            "yes" if action.is_overdue(report.as_of) else "",
            f"{latest.period}: {latest.text}".lstrip(": ") if latest else "",
        ]
        for column, value in enumerate(values, start=1):
            cell = put_cell(sheet, row, column, value)
            cell.alignment = _WRAP
            if column == 6 and due is not None:
                cell.number_format = "yyyy-mm-dd"
        _fill_rag(sheet.cell(row=row, column=8), action.rag, rag_cell_word(action))


def put_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell and return it: text as a string cell, never a formula, with its
    control characters made visible (xlsx refuses them), line breaks kept, and cut
    to :data:`bvtui.model.inert.CELL_LIMIT` characters; numbers and dates as they are."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"  # openpyxl reads a text starting with "=" as a formula
    else:
        cell.value = value
    return cell
