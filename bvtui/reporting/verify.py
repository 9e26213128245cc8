"""Reading a committee pack back: its stamp, and its rows per action, so that
``bvtui verify`` can make the report again at the stamped commit and say whether the
pack is byte-identical, and if not which actions differ.

Formats read: text, md, html, csv, xlsx and docx; a pdf's stamp is not read back.
The stamp gives the commit and the command that made the report
(:data:`~bvtui.reporting.pack.MADE_WITH`); each row of a table is keyed by its first
cell, the action's ref in every action table.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bvtui.reporting.output import EXTENSIONS
from bvtui.reporting.pack import MADE_WITH

Rows = dict[str, Counter[tuple[str, ...]]]
"""Each table row of a pack, by its first cell (a ref in action tables)."""

UNCOMMITTED = " + uncommitted edits"
"""What the stamp adds to a commit when the report showed edits no commit holds."""


class PackError(ValueError):
    """A file that is not a bvtui report, or whose stamp cannot be read; one line."""


@dataclass(frozen=True)
class PackStamp:
    """What a pack says of where it comes from."""

    commit: str
    """The commit it was made at (full id)."""
    uncommitted: bool
    """The report showed edits saved but not committed: no commit holds them."""
    made_with: str
    """The command that made it (``bvtui report --plan X``)."""


def pack_format(path: Path) -> str:
    """The report format of ``path``, by its extension.

    Raises:
        PackError: an extension no report format has.
    """
    suffix = path.suffix.lower().lstrip(".")
    for fmt, extension in EXTENSIONS.items():
        if suffix == extension:
            return fmt
    known = ", ".join(f".{extension}" for extension in EXTENSIONS.values())
    raise PackError(f"{path}: not a report file ({known})")


def read_stamp(data: bytes, fmt: str, where: str) -> PackStamp:
    """The stamp of a pack: its commit and the command that made it.

    Raises:
        PackError: no stamp of bvtui's in it, or one without a commit.
    """
    try:
        pairs = _stamp_pairs(data, fmt)
    except PackError as err:
        raise PackError(f"{where}: {err}") from None
    commit, made = pairs.get("Commit", ""), pairs.get(MADE_WITH, "")
    if not commit or not made:
        raise PackError(f"{where}: no bvtui report stamp (Commit and {MADE_WITH}) found in it")
    uncommitted = commit.endswith(UNCOMMITTED)
    sha = commit.removesuffix(UNCOMMITTED).strip()
    if not re.fullmatch(r"[0-9a-f]{40}([0-9a-f]{24})?", sha):
        raise PackError(f"{where}: Commit: {sha[:60]!r} names no commit, so it cannot be verified")
    return PackStamp(sha, uncommitted, made)


def _stamp_pairs(data: bytes, fmt: str) -> dict[str, str]:
    if fmt in ("xlsx", "docx"):
        rows = _xlsx_rows(data) if fmt == "xlsx" else _docx_rows(data)
        return {row[0]: row[1] for row in rows if len(row) > 1 and row[0]}
    if fmt == "pdf":
        raise PackError("a pdf pack's stamp cannot be read back: verify its docx or html twin")
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(_text(data))))
        if len(lines) < 2:
            return {}
        first = dict(zip(lines[0], lines[1], strict=False))
        return {
            "Commit": first.get("report_commit", ""),
            MADE_WITH: _uncsv(first.get("report_made_with", "")),
        }
    text = _text(data)
    if fmt == "html":
        found = re.findall(r"<tr><th>([^<]*)</th><td>([^<]*)</td></tr>", text)
        return {html.unescape(label): html.unescape(value) for label, value in found}
    if fmt == "md":
        found = re.findall(r"^- \*\*([^*]+):\*\* (.*)$", text, re.MULTILINE)
        return {label: _unmd(value) for label, value in found}
    found = re.findall(r"^([A-Z][A-Za-z ]+):[ ]+(.*)$", text, re.MULTILINE)
    return {label: value.rstrip() for label, value in found}


def pack_rows(data: bytes, fmt: str) -> Rows:
    """Every table row of a pack, by its first cell."""
    if fmt == "xlsx":
        rows = [row for row in _xlsx_rows(data) if row]
    elif fmt == "docx":
        rows = [row for row in _docx_rows(data) if row]
    elif fmt == "csv":
        rows = [tuple(row) for row in csv.reader(io.StringIO(_text(data))) if row]
    elif fmt == "html":
        rows = [
            tuple(html.unescape(re.sub(r"<[^>]*>", "", cell)) for cell in cells)
            for cells in (
                re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.DOTALL)
                for row in re.findall(r"<tr>(.*?)</tr>", _text(data), re.DOTALL)
            )
            if cells
        ]
    elif fmt == "md":
        rows = [
            tuple(cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1])
            for line in _text(data).splitlines()
            if line.startswith("|")
        ]
    else:
        rows = _text_rows(_text(data))
    found: Rows = {}
    for row in rows:
        found.setdefault(row[0], Counter())[row] += 1
    return found


def differing_keys(pack: bytes, again: bytes, fmt: str, keys: list[str]) -> list[str]:
    """Those of ``keys`` (the actions' refs as the report writes them) whose rows
    differ between the pack and the report made again, in the order given."""
    if pack == again:
        return []
    mine, theirs = pack_rows(pack, fmt), pack_rows(again, fmt)
    return [key for key in keys if mine.get(key) != theirs.get(key)]


def _text_rows(text: str) -> list[tuple[str, ...]]:
    """The rows of text tables: a line starting in the first column starts a row, the
    indented lines under it (a wrapped cell) belong to it."""
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip() or set(line.strip()) <= {"-", " ", "="}:
            rows.append([])
        elif line[0].isspace() and rows and rows[-1]:
            rows[-1].append(line.strip())
        else:
            rows.append([line.split()[0], line.rstrip()])
    return [tuple(row) for row in rows if row]


def _xlsx_rows(data: bytes) -> list[tuple[str, ...]]:
    import openpyxl  # only for an xlsx pack

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception as err:  # openpyxl raises many kinds for a file it cannot read
        raise PackError(f"not a readable xlsx workbook ({err})") from None
    rows = []
    for sheet in book.worksheets:
        for values in sheet.iter_rows(values_only=True):
            cells = tuple("" if value is None else str(value) for value in values)
            while cells and not cells[-1]:
                cells = cells[:-1]
            rows.append(cells)
    book.close()
    return rows


def _docx_rows(data: bytes) -> list[tuple[str, ...]]:
    import docx  # only for a docx pack

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises many kinds for a file it cannot read
        raise PackError(f"not a readable Word document ({err})") from None
    return [
        tuple(cell.text for cell in row.cells) for table in document.tables for row in table.rows
    ]


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise PackError("not a text report (not UTF-8)") from None


def _unmd(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("\\|", "|").replace("\\\\", "\\")


def _uncsv(text: str) -> str:
    """A csv cell without the ``'`` that keeps a spreadsheet from reading a formula."""
    return text[1:] if text.startswith("'") else text
