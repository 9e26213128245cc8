"""Reading a council document or spreadsheet as rows of cleaned cell texts.

This is the file-format half of importing: it knows tab-separated text (what PDF and
Word extraction gives), csv and workbooks (xlsx in :mod:`bvtui.importing.workbooks`, xls and
ods in :mod:`bvtui.importing.workbook_formats`), and nothing about plans. Every row of the source
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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".tsv", ".tab")
CSV_SUFFIXES = (".csv",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")
XLS_SUFFIXES = (".xls",)
ODS_SUFFIXES = (".ods",)


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
    sheet in order, or of ``sheet`` alone (see :mod:`bvtui.importing.workbooks`).

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
    if suffix not in TEXT_SUFFIXES + CSV_SUFFIXES + XLSX_SUFFIXES + XLS_SUFFIXES + ODS_SUFFIXES:
        raise ImportError_(
            f"{path}: unsupported file type '{suffix or '(none)'}' "
            "(expected .txt, .tsv, .csv, .xlsx, .xls or .ods)"
        )
    if not path.is_file():
        raise ImportError_(f"{path}: no such file")
    if suffix in XLSX_SUFFIXES:
        from bvtui.importing.workbooks import read_xlsx  # openpyxl: only workbooks pay for it

        return read_xlsx(path, sheet)
    if suffix in XLS_SUFFIXES + ODS_SUFFIXES:
        from bvtui.importing.workbook_formats import read_ods, read_xls

        return (read_xls if suffix in XLS_SUFFIXES else read_ods)(path, sheet)
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
    """The file's text: UTF-16 (Excel's "Unicode Text", with or without a BOM), UTF-8 (a
    BOM is dropped), else Windows-1252 as councils save it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportError_(f"{path}: cannot be read ({error.strerror or error})") from error
    encoding = _utf16(data)
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError as error:
            raise ImportError_(f"{path}: not valid UTF-16 text ({error.reason})") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ImportError_(
            f"{path}: not a text file (it holds NUL bytes): save it as csv or Unicode text"
        )
    return text


def _utf16(data: bytes) -> str | None:
    """``utf-16`` for a BOM, ``utf-16-le``/``-be`` for text whose every other byte is NUL."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > 0.4 * len(sample) / 2 and even == 0:
        return "utf-16-le"
    if even > 0.4 * len(sample) / 2 and odd == 0:
        return "utf-16-be"
    return None


def _read_tsv(text: str) -> list[Row]:
    """Tab-separated text: one row per line, numbered from 1."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [row_of(number, line.split("\t")) for number, line in enumerate(lines, start=1)]


def _read_csv(text: str, path: Path) -> list[Row]:
    """Comma- or semicolon-separated text; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            rows.append(row_of(start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportError_(f"{path}: not valid csv near line {start} ({error})") from error
    return rows


def _delimiter(text: str) -> str:
    """The delimiter of the table, found below any report lines above it.

    Each candidate (``,`` ``;`` tab ``|``) splits the first lines as csv (quotes
    respected, so a comma inside a quoted title does not count); the one that gives the
    most rows of one width (two cells or more) wins, so that a title line with a comma
    in its prose does not decide.
    """
    sample = "\n".join(text[:65536].splitlines()[:200])
    best, score = ",", (0, 0)
    for candidate in (",", ";", "\t", "|"):
        try:
            widths = Counter(
                len(cells)
                for cells in csv.reader(io.StringIO(sample), delimiter=candidate)
                if len(cells) > 1
            )
        except csv.Error:
            continue
        if widths:
            width, rows = widths.most_common(1)[0]
            if (rows, width) > score:
                best, score = candidate, (rows, width)
    return best


def row_of(number: int, cells: list[str]) -> Row:
    """A source row, its cells cleaned (see :func:`clean_cell`)."""
    return Row(line=number, cells=[clean_cell(cell) for cell in cells])
