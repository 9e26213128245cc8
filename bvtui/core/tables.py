"""Reading a council document or spreadsheet as rows of cleaned cell texts.

This is the file-format half of importing: it knows tab-separated text (what PDF and
Word extraction gives), csv and xlsx, and nothing about plans. Every row of the source
comes back, blank ones included, with the line (text) or row (xlsx) number it came
from, so that the importer can report problems where the user will find them.

Cells extracted from PDF or Word often carry HTML left over from the extraction
(``<p>``, ``<i>``, ``<div style=...>70%</div>``, ``<input type="text" value="60%"/>``);
:func:`clean_cell` turns them into the plain text a reader would have seen.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = (".txt", ".tsv", ".tab")
CSV_SUFFIXES = (".csv",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class ImportError_(ValueError):
    """A file that cannot be read as a table at all (missing, unsupported, corrupt).

    The trailing underscore keeps it apart from the builtin ``ImportError``.
    """


@dataclass
class Row:
    """One row of a source table.

    Attributes:
        line: 1-based line (text, csv) or row number (xlsx) in the source file.
        cells: The row's cell texts, HTML removed and whitespace stripped.
        sheet: The workbook sheet it comes from ('' for text files).
        colours: Column index -> the RAG colour its cell is filled or written in.
        merged: Column indices whose text a merged cell above filled in.
    """

    line: int
    cells: list[str]
    sheet: str = ""
    colours: dict[int, str] = field(default_factory=dict)
    merged: frozenset[int] = frozenset()

    @property
    def is_blank(self) -> bool:
        """True when every cell is empty."""
        return not any(self.cells)


def read_table(path: Path, sheet: str | None = None) -> list[Row]:
    """Read every row of a tab-separated, comma-separated or xlsx file.

    ``.txt``/``.tsv`` split on tabs; ``.csv`` goes through the csv module with the
    delimiter sniffed (``,`` or ``;``); a workbook gives the rows of every visible
    sheet in order, or of ``sheet`` alone (see :mod:`bvtui.core.workbooks`).

    Args:
        path: The file to read.
        sheet: The one workbook sheet to read (None: every visible sheet).

    Returns:
        Every row, blank ones included, so that line numbers stay true to the file.

    Raises:
        ImportError_: The file is missing, unreadable, of an unsupported type, or not
            a valid file of its type. The message is one line naming the file.
    """
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + CSV_SUFFIXES + XLSX_SUFFIXES:
        raise ImportError_(
            f"{path}: unsupported file type '{suffix or '(none)'}' "
            "(expected .txt, .tsv, .csv or .xlsx)"
        )
    if not path.is_file():
        raise ImportError_(f"{path}: no such file")
    if suffix in XLSX_SUFFIXES:
        from bvtui.core.workbooks import read_xlsx  # openpyxl: only workbooks pay for it

        return read_xlsx(path, sheet)
    text = _read_text(path)
    if suffix in CSV_SUFFIXES:
        return _read_csv(text, path)
    return _read_tsv(text)


def clean_cell(text: str) -> str:
    """The plain text of a cell that may carry HTML left over from extraction.

    An ``<input value="60%"/>`` becomes its value; paragraph and line-break tags
    become line breaks; every other tag is dropped; entities are decoded; runs of
    spaces inside a line are collapsed. Text without tags is only stripped.

    Args:
        text: The raw cell text.

    Returns:
        The cleaned text, stripped.
    """
    if "<" in text:
        text = _INPUT_VALUE.sub(lambda match: f" {match.group(1)} ", text)
        text = _BREAK_TAGS.sub("\n", text)
        text = _ANY_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line).strip()


_INPUT_VALUE = re.compile(r"<input\b[^>]*?\bvalue\s*=\s*[\"']([^\"']*)[\"'][^>]*>", re.I)
_BREAK_TAGS = re.compile(r"</?(?:p|br|li|div|tr)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def _read_text(path: Path) -> str:
    """The file's text: UTF-8 (a BOM is dropped), else Windows-1252 as councils save it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportError_(f"{path}: cannot be read ({error.strerror or error})") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_tsv(text: str) -> list[Row]:
    """Tab-separated text: one row per line, numbered from 1."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [row_of(number, line.split("\t")) for number, line in enumerate(lines, start=1)]


def _read_csv(text: str, path: Path) -> list[Row]:
    """Comma- or semicolon-separated text; a quoted cell may span lines."""
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            rows.append(row_of(start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportError_(f"{path}: not valid csv near line {start} ({error})") from error
    return rows


def row_of(number: int, cells: list[str]) -> Row:
    """A source row, its cells cleaned (see :func:`clean_cell`)."""
    return Row(line=number, cells=[clean_cell(cell) for cell in cells])
