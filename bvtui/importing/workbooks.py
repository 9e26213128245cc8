"""Reading a workbook as councils build them: visible sheets, merged cells, colours.

A council's workbook is rarely one clean table. :func:`read_xlsx` gives the rows of
every visible sheet in order, each row naming its sheet (the importer decides which
sheets hold the plan and whether their names are themes); a hidden sheet (the
drop-down "Lists") and hidden columns are left out, as the user does not see them. A
cell merged down a column (a theme, an objective, a Ref over its milestone rows)
fills every row it covers, marked as merged; a cell merged across a row stays in its
first cell, so a section row stays one cell. A cell whose fill or font is a RAG
colour records it (a status given only as a colour, or a coloured ``●``).
"""

from __future__ import annotations

import colorsys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from bvtui.importing.tables import ImportError_, Row, row_of


def read_xlsx(path: Path, only: str | None = None) -> list[Row]:
    """The rows of every visible sheet (or of sheet ``only``), sheet after sheet.

    Raises:
        ImportError_: The workbook cannot be read, or has no sheet ``only``.
    """
    from openpyxl import load_workbook  # imported here: only xlsx imports pay for it

    try:
        book = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many types for a bad file
        raise ImportError_(f"{path}: not a readable xlsx workbook ({error})") from error
    try:
        names = [sheet.title for sheet in book.worksheets]
        if only is not None and only not in names:
            raise ImportError_(f"{path}: no sheet '{only}' (sheets: {', '.join(names)})")
        rows: list[Row] = []
        for sheet in book.worksheets:
            if (only is None and sheet.sheet_state != "visible") or only not in (None, sheet.title):
                continue
            rows.extend(_sheet_rows(sheet))
        return rows
    finally:
        book.close()


def _sheet_rows(sheet: Any) -> list[Row]:
    hidden = _hidden_columns(sheet)
    down: dict[tuple[int, int], str] = {}
    for merged in sheet.merged_cells.ranges:
        text = _text(sheet.cell(merged.min_row, merged.min_col))
        for number in range(merged.min_row + 1, merged.max_row + 1):
            down[(number, merged.min_col)] = text
    rows = []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        texts = [
            "" if index + 1 in hidden else down.get((number, index + 1), _text(cell))
            for index, cell in enumerate(cells)
        ]
        row = row_of(number, texts)
        row.sheet = sheet.title
        row.merged = frozenset(i for i in range(len(texts)) if (number, i + 1) in down)
        row.colours = {
            index: colour
            for index, cell in enumerate(cells)
            if index + 1 not in hidden and (colour := _rag_colour(cell))
        }
        rows.append(row)
    return rows


def _hidden_columns(sheet: Any) -> set[int]:
    """The 1-based numbers of the sheet's hidden columns."""
    hidden: set[int] = set()
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden and dimension.min and dimension.max:
            hidden.update(range(dimension.min, dimension.max + 1))
    return hidden


def _text(cell: Any) -> str:
    """A spreadsheet cell as the text the user sees (dates ISO, percentages with %)."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return number_text(value, getattr(cell, "number_format", "") or "")
    return str(value)


def number_text(value: float, number_format: str) -> str:
    """A number as a spreadsheet shows it: ``50%`` under a percent format, no ``.0``."""
    if "%" in number_format:
        return f"{value * 100:g}%"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


_BULLETS = frozenset({"", "●", "•", "⬤", "○", "■", "▲", "◆"})


def _rag_colour(cell: Any) -> str | None:
    """The RAG colour of a blank or bullet cell's fill (else font), None when not one."""
    value = getattr(cell, "value", None)
    if value is not None and str(value).strip() not in _BULLETS:
        return None
    fill = getattr(cell, "fill", None)
    if fill is not None and fill.fill_type == "solid":
        colour = _named(fill.fgColor)
        if colour:
            return colour
    font = getattr(cell, "font", None)
    return _named(font.color) if value is not None and font is not None else None


def _named(color: Any) -> str | None:
    if color is None or getattr(color, "type", None) != "rgb" or not isinstance(color.rgb, str):
        return None
    return colour_name(color.rgb[-6:])


def colour_name(rgb: str) -> str | None:
    """red / amber / green / blue for an RGB colour (``00B050``) of that hue, strong enough."""
    try:
        red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < 0.35 or value < 0.35:
        return None
    degrees = hue * 360
    for limit, name in ((20, "red"), (70, "amber"), (170, "green"), (265, "blue"), (330, "")):
        if degrees < limit:
            return name or None
    return "red"
