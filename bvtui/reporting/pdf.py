"""A committee report as a PDF, for an agenda pack (fpdf2: pure Python, on PyPI).

The html report's structure on landscape A4 pages: the title and the stamp, the chart
of RAG by theme (:mod:`bvtui.reporting.chart`), the theme x RAG and theme x status
tables, the delivery plan and the exception lists. RAG cells are filled with their
colour and hold the word; a table's heading row repeats on each page it runs onto;
each page's foot names the report, its commit and ``Page n of N``. User text is
written as plain text (fpdf2's markdown is off) with its control characters shown.

The PDF uses the standard Helvetica font, which every reader has and which keeps the
file small; it holds Latin-1 only, so :func:`text` writes other characters in the
nearest Latin-1 (``é`` stays, ``“`` becomes ``"``, ``ŵ`` becomes ``w``) or as
``<U+2603>``. The same report gives the same bytes: the document's date is the
commit's, from which fpdf2 also derives the file's identifier.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

from fpdf import FPDF
from fpdf.fonts import FontFace

from bvtui.model import document_text
from bvtui.reporting import outline as blocks
from bvtui.reporting.chart import chart_png, chart_words, fit_mm
from bvtui.reporting.html import COLUMN_SHARES, RAG_COLOURS
from bvtui.reporting.pack import RAG_COLUMN, Report
from bvtui.reporting.zip_stamp import document_time

_LATIN = {
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "⏎": "|",
    "•": "-",
    "→": "->",
}
_FONT = "helvetica"
_WIDTH = 267
"""The width of the text on a landscape A4 page with 15 mm margins (mm)."""
_HEIGHT = 210 - 15 - 18
"""The height of the text on a landscape A4 page, between the margins (mm)."""
_HEADER = FontFace(emphasis="B", fill_color=(232, 232, 232))
_TOTAL = FontFace(emphasis="B")


def text(value: str) -> str:
    """User text as the PDF writes it: inert and bounded as in every report, in Latin-1."""
    return "".join(_latin(char) for char in document_text(value))


def _latin(char: str) -> str:
    if ord(char) < 256:
        return char
    if char in _LATIN:
        return _LATIN[char]
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if bare and all(ord(c) < 256 for c in bare):
        return bare
    return f"<U+{ord(char):04X}>"


class _Pack(FPDF):
    """Landscape A4 with a foot on every page: the title, the commit, Page n of N."""

    def __init__(self, report: Report) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.foot = f"{text(report.title)} - commit {text(report.stamp.commit)[:12]}"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_FONT, size=8)
        self.set_text_color(80, 80, 80)
        self.cell(0, 5, self.foot, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def render_pdf(report: Report) -> bytes:
    """The report as the bytes of a PDF file."""
    pdf = _Pack(report)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_creation_date(document_time(report.stamp.commit_time, aware=True))
    pdf.set_title(text(report.title))
    pdf.set_creator("bvtui")
    pdf.set_producer("bvtui")
    pdf.add_page()
    png, size = chart_png(report)
    chart = fit_mm(size, _WIDTH, _HEIGHT - 25)
    laid = list(blocks.outline(report))
    for block, following in pairwise([*laid, None]):
        match block:
            case blocks.Heading(level, title):
                keep = _SHRINK * chart[1] + 10 if isinstance(following, blocks.Chart) else None
                _heading(pdf, title, _SIZES[level], keep)
            case blocks.Paragraph(words):
                _paragraph(pdf, words)
            case blocks.StampTable(rows):
                _stamp(pdf, rows)
            case blocks.Chart():
                _chart(pdf, png, size, chart_words(report))
            case blocks.CountTable(headers, rows, rags):
                _summary(pdf, headers, rows, rags)
            case blocks.ActionTable(columns, rows):
                _action_table(pdf, columns, rows)
    return bytes(pdf.output())


_SHRINK = 0.6
"""How far the chart may shrink to start on the page it is headed on."""
_SIZES = {0: 18, 1: 14, 2: 12, 3: 10}
"""The font size of a heading of each level."""
_KEEP = {18: 0, 14: 50, 12: 40, 10: 30}
"""Millimetres a heading of each size needs under it (the headings and table rows it
heads), or it goes to the next page."""


def _heading(pdf: FPDF, title: str, size: int, keep: float | None = None) -> None:
    """A bold heading, on the next page when fewer than ``keep`` mm are left under it."""
    if pdf.will_page_break(_KEEP[size] if keep is None else keep):
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(_FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _chart(pdf: FPDF, png: bytes, size: tuple[int, int], words: str) -> None:
    """The chart within the page; a little smaller rather than a page left blank."""
    width, height = fit_mm(size, _WIDTH, _HEIGHT - 25)
    left = pdf.h - pdf.b_margin - pdf.get_y()
    if _SHRINK * height <= left < height:
        width, height = fit_mm(size, _WIDTH, left)
    pdf.image(io.BytesIO(png), w=width, h=height, alt_text=text(words))
    pdf.ln(3)


def _paragraph(pdf: FPDF, value: str) -> None:
    pdf.set_font(_FONT, size=10)
    pdf.multi_cell(0, 5, text(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _stamp(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    pdf.set_font(_FONT, size=9)
    with pdf.table(
        col_widths=(35, _WIDTH - 35),
        first_row_as_headings=False,
        text_align="LEFT",
        align="LEFT",
        line_height=pdf.font_size * 1.5,
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(text(label), style=_TOTAL)
            row.cell(text(value))
    pdf.ln(3)


def _rag_style(rag: str) -> FontFace:
    fill, ink = RAG_COLOURS.get(rag, RAG_COLOURS["grey"])
    return FontFace(emphasis="B", color=ink, fill_color=fill)


def _summary(pdf: FPDF, headers: list[str], rows: list[list[str]], rags: list[str]) -> None:
    """A count table whose count columns are headed in their RAG colour, Total row bold."""
    many = len(headers) > 9
    pdf.set_font(_FONT, size=7 if many else 9)
    first = 55.0 if many else 70.0
    rest = min(28.0, (_WIDTH - first) / max(1, len(headers) - 1))
    widths = (first, *([rest] * (len(headers) - 1)))
    colours = [None, *rags, None]
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        align="LEFT",
        text_align=("LEFT", *(["RIGHT"] * (len(headers) - 1))),
        line_height=pdf.font_size * 1.5,
        headings_style=_HEADER,
    ) as table:
        heading = table.row()
        for title, rag in zip(headers, colours, strict=True):
            heading.cell(text(title), style=_rag_style(rag) if rag else _HEADER)
        for index, values in enumerate(rows):
            row = table.row()
            style = _TOTAL if index == len(rows) - 1 else None
            for value in values:
                row.cell(text(value), style=style)
    pdf.ln(3)


def _action_table(pdf: FPDF, columns: Sequence[str], rows: list[tuple[str, list[str]]]) -> None:
    pdf.set_font(_FONT, size=8)
    widths = [COLUMN_SHARES[name] for name in columns]
    scale = _WIDTH / sum(widths)
    with pdf.table(
        col_widths=[w * scale for w in widths],
        width=_WIDTH,
        align="LEFT",
        text_align="LEFT",
        v_align="TOP",
        line_height=pdf.font_size * 1.35,
        headings_style=_HEADER,
    ) as table:
        heading = table.row()
        for name in columns:
            heading.cell(text(name))
        for rag, cells in rows:
            row = table.row()
            for index, value in enumerate(cells):
                row.cell(text(value), style=_rag_style(rag) if index == RAG_COLUMN else None)
    pdf.ln(2)
