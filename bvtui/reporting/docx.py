"""A committee report as a Word document, for an agenda pack.

The html report's structure, in landscape A4: the title and the stamp, the chart of
RAG by theme as a picture (:mod:`bvtui.reporting.chart`), the theme x RAG and theme x
status tables, the delivery plan (a table per objective under a heading per theme)
and the exception lists. RAG cells are shaded in their colour and hold the word;
every table's heading row repeats on each page. User text goes in as text (python-docx
escapes it; Word interprets nothing in a run) with its control characters shown. The
same report gives the same bytes: the document's dates are the commit's and every zip
entry carries it (:mod:`bvtui.reporting.zip_stamp`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell

from bvtui.model import document_text as text
from bvtui.model import one_line
from bvtui.reporting import outline as blocks
from bvtui.reporting.chart import chart_png, chart_words, fit_mm
from bvtui.reporting.html import COLUMN_SHARES, RAG_COLOURS
from bvtui.reporting.pack import RAG_COLUMN, Report
from bvtui.reporting.zip_stamp import document_time, restamp

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 257, 170
"""The text area of a landscape A4 page with 20 mm margins."""

_HEADER_FILL = "E8E8E8"


def render_docx(report: Report) -> bytes:
    """The report as the bytes of a docx file."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    document.styles["Normal"].font.size = Pt(9)
    _properties(document, report)
    for block in blocks.outline(report):
        _draw(document, report, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return restamp(buffer.getvalue(), document_time(report.stamp.commit_time))


def _draw(document, report: Report, block: blocks.Block) -> None:
    match block:
        case blocks.Heading(level, title):
            document.add_heading(text(title), level=level)
        case blocks.Paragraph(words):
            document.add_paragraph(text(words))
        case blocks.StampTable(rows):
            docx_table(document, ["", ""], [list(row) for row in rows], header=False)
        case blocks.Chart():
            png, size = chart_png(report)
            width, height = fit_mm(size, PAGE_WIDTH_MM, PAGE_HEIGHT_MM - 20)
            picture = document.add_picture(io.BytesIO(png), width=Mm(width), height=Mm(height))
            picture._inline.docPr.set("descr", one_line(text(chart_words(report))))
            document.add_paragraph("Actions by theme and RAG status: the counts of each colour.")
        case blocks.CountTable(headers, rows, rags):
            _summary(document, headers, rows, rags)
        case blocks.ActionTable(columns, rows):
            _action_table(document, columns, rows)


def _properties(document, report: Report) -> None:
    """The document's own dates are the commit's (in UTC, as Word keeps them), so they
    do not change between runs."""
    when = document_time(report.stamp.commit_time, aware=True).astimezone(UTC)
    core = document.core_properties
    core.created = core.modified = core.last_printed = when
    core.author = core.last_modified_by = "bvtui"
    core.title = one_line(report.title)
    core.revision = 1


def _summary(document, headers: list[str], rows: list[list[str]], rags: list[str]) -> None:
    """A count table whose count columns are headed in their RAG colour, Total row bold."""
    grid = docx_table(document, headers, rows)
    for column, rag in enumerate(rags, start=1):
        _shade(grid[0][column], rag)
    _bold(grid[-1])


def _action_table(
    document,
    columns: Sequence[str],
    rows: list[tuple[str, list[str]]],
) -> None:
    grid = docx_table(document, list(columns), [cells for _rag, cells in rows])
    for cells, (rag, _values) in zip(grid[1:], rows, strict=True):
        _shade(cells[RAG_COLUMN], rag)
    widths = [Mm(PAGE_WIDTH_MM * COLUMN_SHARES[name] / 100) for name in columns]
    for cells in grid:
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width


def docx_table(
    document,
    headers: list[str],
    rows: list[list[str]],
    header: bool = True,
) -> list[list[_Cell]]:
    """A grid table, as its cells row by row (python-docx finds a cell by walking the
    whole table: each is fetched once here). The first row, when ``header``, is bold,
    shaded and repeats on each page; else the first column is bold."""
    body = rows if header is False else [headers, *rows]
    table = document.add_table(rows=len(body), cols=len(headers))
    table.style = "Table Grid"
    grid = [row.cells for row in table.rows]
    for cells, values in zip(grid, body, strict=True):
        for cell, value in zip(cells, values, strict=True):
            cell.text = text(value)
    if header:
        _repeat_header(table)
        for cell in grid[0]:
            _fill(cell, _HEADER_FILL)
        _bold(grid[0])
    else:
        _bold([cells[0] for cells in grid])
    return grid


def _bold(cells: list[_Cell]) -> None:
    for cell in cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _repeat_header(table: Table) -> None:
    """Mark the first row as the heading Word repeats at the top of each page."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def _shade(cell: _Cell, rag: str) -> None:
    """A cell in the RAG's colour, its word bold in the colour's ink."""
    fill, ink = RAG_COLOURS.get(rag, RAG_COLOURS["grey"])
    _fill(cell, fill.lstrip("#").upper())
    for run in cell.paragraphs[0].runs:
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(ink.lstrip("#").upper())


def _fill(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties = cell._tc.get_or_add_tcPr()
    for earlier in properties.findall(qn("w:shd")):  # one fill a cell: Word refuses two
        properties.remove(earlier)
    properties.append(shading)
