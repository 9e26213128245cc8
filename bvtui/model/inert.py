"""Field text made inert for every output: nothing a user typed acts on its reader.

The control characters themselves are made visible by :func:`bvtui.model.diff.one_line`
(one line) and :func:`bvtui.model.diff.printable_block` (line breaks kept): every text
output (tables, reports, csv) goes through one of them, so no ESC, BEL, OSC or C1
byte from a field reaches a terminal. This module adds what particular readers need
on top:

- spreadsheets run a cell starting with ``=`` ``+`` ``-`` ``@`` (or a tab or carriage
  return) as a formula: :func:`spreadsheet_text` prefixes such a cell with ``'``, the
  usual OWASP defence, in csv; xlsx cells are written as strings instead;
- JSON keeps the text whole but writes DEL, C1 and the Unicode line separators as
  ``\\u`` escapes (:func:`json_inert`), which the standard encoder leaves raw;
- one field must not cost a report more than a page: :func:`cut` bounds a cell of a
  table format to :data:`CELL_LIMIT` characters with an ellipsis;
- Markdown reads ``|`` as a cell's end and ``<`` as a tag: :func:`markdown_text`
  escapes them (and ``\\``), on one line.
"""

from __future__ import annotations

import re

from bvtui.model.diff import one_line, printable_block

CELL_LIMIT = 2000
"""The most characters of one field a table cell of a report shows."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list)."""

_MARKDOWN_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;"})

_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")


def cut(text: str, limit: int = CELL_LIMIT) -> str:
    """``text`` within ``limit`` characters, ending with ``…`` when it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def document_text(text: str) -> str:
    """A field in a document (docx, pdf): control characters shown, line breaks kept,
    at most :data:`CELL_LIMIT` characters."""
    return printable_block(cut(text))


def cell_text(text: str) -> str:
    """A field in a spreadsheet's cell (xlsx reports, update packets): control
    characters shown, line breaks kept, at most :data:`CELL_LIMIT` characters."""
    return cut(one_line(text)).replace(" ⏎ ", "\n")


def markdown_text(value: object) -> str:
    """A field in a Markdown table cell or line: one line, bounded, nothing read as markup."""
    return cut(one_line(value)).translate(_MARKDOWN_ESCAPES)


def spreadsheet_text(text: str) -> str:
    """``text`` as a spreadsheet shows it as text: ``'`` before a formula's first character."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(text: str) -> str:
    """A csv cell: control characters shown (line breaks kept), never a formula."""
    return spreadsheet_text(printable_block(text))


def json_inert(encoded: str) -> str:
    """Encoded JSON with DEL, C1 controls and U+2028/9 written as ``\\u`` escapes.

    Outside strings JSON is ASCII, so each such character is inside a string, where
    the escape means the same character: the data is unchanged, the terminal safe.
    Text all ASCII (known without a scan) can hold only DEL of them, looked for alone.
    """
    if encoded.isascii():
        return encoded.replace("\x7f", "\\u007f")
    if _JSON_RAW.search(encoded) is None:
        return encoded
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
