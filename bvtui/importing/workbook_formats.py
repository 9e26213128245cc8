"""Workbooks in the older and the open formats: ``.xls`` (xlrd) and ``.ods`` (odfpy).

They give what :mod:`bvtui.importing.workbooks` gives for xlsx, sheet after sheet: hidden
sheets and columns left out, a cell merged down a column filling every row it covers,
dates as ISO text, percentages with ``%``, and (xls) a blank cell's RAG fill colour.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bvtui.importing.tables import ImportError_, Row, row_of
from bvtui.importing.workbooks import colour_name, number_text


def _only(path: Path, names: list[str], only: str | None) -> None:
    if only is not None and only not in names:
        raise ImportError_(f"{path}: no sheet '{only}' (sheets: {', '.join(names)})")


# -- xls ------------------------------------------------------------------------------


def read_xls(path: Path, only: str | None = None) -> list[Row]:
    """The rows of every visible sheet of an Excel 97-2003 workbook (or of ``only``)."""
    import xlrd  # imported here: only xls imports pay for it

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except Exception as error:  # xlrd raises many types for a bad file
        raise ImportError_(f"{path}: not a readable xls workbook ({error})") from error
    try:
        _only(path, book.sheet_names(), only)
        rows: list[Row] = []
        for sheet in book.sheets():
            if only not in (None, sheet.name) or (only is None and sheet.visibility):
                continue
            rows.extend(_xls_rows(book, sheet))
        return rows
    finally:
        book.release_resources()


def _xls_rows(book: Any, sheet: Any) -> list[Row]:
    hidden = {index for index, info in sheet.colinfo_map.items() if info.hidden}
    down: dict[tuple[int, int], str] = {}
    for first_row, end_row, first_col, _ in sheet.merged_cells:
        text = _xls_text(book, sheet.cell(first_row, first_col))
        for number in range(first_row + 1, end_row):
            down[(number, first_col)] = text
    rows = []
    for number in range(sheet.nrows):
        cells = sheet.row(number)
        texts = [
            "" if index in hidden else down.get((number, index), _xls_text(book, cell))
            for index, cell in enumerate(cells)
        ]
        row = row_of(number + 1, texts)
        row.sheet = sheet.name
        row.merged = frozenset(i for i in range(len(texts)) if (number, i) in down)
        row.colours = {
            index: colour
            for index, cell in enumerate(cells)
            if index not in hidden and not texts[index] and (colour := _xls_colour(book, cell))
        }
        rows.append(row)
    return rows


def _xls_text(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        moment = xlrd.xldate_as_datetime(cell.value, book.datemode)
        return moment.date().isoformat() if moment.time().isoformat() == "00:00:00" else str(moment)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        style = book.format_map.get(book.xf_list[cell.xf_index].format_key)
        return number_text(cell.value, style.format_str if style else "")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return str(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ""
    return str(cell.value)


def _xls_colour(book: Any, cell: Any) -> str | None:
    background = book.xf_list[cell.xf_index].background
    if background.fill_pattern != 1:  # 1: solid
        return None
    rgb = book.colour_map.get(background.pattern_colour_index)
    return colour_name("".join(f"{part:02X}" for part in rgb)) if rgb else None


# -- ods ------------------------------------------------------------------------------

_REPEAT_LIMIT = 1024
"""Repeated empty rows or cells beyond this (a sheet padded to its end) are not spelt out."""


def read_ods(path: Path, only: str | None = None) -> list[Row]:
    """The rows of every visible sheet of an OpenDocument spreadsheet (or of ``only``)."""
    from odf.opendocument import load  # imported here: only ods imports pay for it
    from odf.table import Table

    try:
        document = load(str(path))
    except Exception as error:  # odfpy raises many types for a bad file
        raise ImportError_(f"{path}: not a readable ods spreadsheet ({error})") from error
    tables = document.spreadsheet.getElementsByType(Table)
    names = [str(table.getAttribute("name")) for table in tables]
    _only(path, names, only)
    hidden_styles = _hidden_styles(document)
    rows: list[Row] = []
    for name, table in zip(names, tables, strict=True):
        hidden = table.getAttribute("stylename") in hidden_styles
        if only not in (None, name) or (only is None and hidden):
            continue
        rows.extend(_ods_rows(name, table))
    return rows


def _hidden_styles(document: Any) -> set[str]:
    """The names of table styles that hide their sheet (``table:display="false"``)."""
    from odf.style import Style, TableProperties

    hidden = set()
    for style in document.automaticstyles.getElementsByType(Style):
        for properties in style.getElementsByType(TableProperties):
            if str(properties.getAttribute("display")).lower() == "false":
                hidden.add(style.getAttribute("name"))
    return hidden


def _ods_rows(name: str, table: Any) -> list[Row]:
    from odf.table import TableColumn, TableRow

    hidden: set[int] = set()
    position = 0
    for column in table.getElementsByType(TableColumn):
        repeat = int(column.getAttribute("numbercolumnsrepeated") or 1)
        if column.getAttribute("visibility") in ("collapse", "filter"):
            hidden.update(range(position, position + min(repeat, _REPEAT_LIMIT)))
        position += repeat
    rows: list[Row] = []
    down: dict[tuple[int, int], str] = {}
    number = 0
    for element in table.getElementsByType(TableRow):
        repeat = int(element.getAttribute("numberrowsrepeated") or 1)
        texts, spans = _ods_cells(element)
        for _ in range(min(repeat, _REPEAT_LIMIT) if any(texts) else 1):
            number += 1
            cells = [
                "" if index in hidden else down.get((number, index), text)
                for index, text in enumerate(texts)
            ]
            for index, span in spans.items():
                for below in range(number + 1, number + span):
                    down[(below, index)] = texts[index]
            row = row_of(number, cells)
            row.sheet = name
            row.merged = frozenset(i for i in range(len(cells)) if (number, i) in down)
            rows.append(row)
        if not any(texts):
            number += repeat - 1
    return rows


def _ods_cells(row: Any) -> tuple[list[str], dict[int, int]]:
    """A row's cell texts (covered cells blank) and its cells merged down: index -> rows."""
    texts: list[str] = []
    spans: dict[int, int] = {}
    for cell in row.childNodes:
        if cell.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
        text = _ods_text(cell) if cell.qname[1] == "table-cell" else ""
        span = int(cell.getAttribute("numberrowsspanned") or 1) if text else 1
        if span > 1:
            spans[len(texts)] = span
        texts.extend([text] * (repeat if text else min(repeat, _REPEAT_LIMIT)))
    while texts and not texts[-1]:
        texts.pop()
    return texts, spans


def _ods_text(cell: Any) -> str:
    from odf import teletype
    from odf.text import P

    kind = cell.getAttribute("valuetype")
    if kind == "percentage":
        return f"{float(cell.getAttribute('value')) * 100:g}%"
    if kind == "date":
        return str(cell.getAttribute("datevalue"))[:10]
    if kind in ("float", "currency"):
        return number_text(float(cell.getAttribute("value")), "")
    return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P))
