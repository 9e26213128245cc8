"""A returned update packet read back: whose it is, and each action row's cells.

The layout is :mod:`bvtui.model.packet`'s. Nothing in the workbook is trusted: the
hidden sheet must say it is a packet (its format cell) and name an officer and a
period; each cell is read as the text (or number) it holds, a formula never run nor
taken as a value. Anything typed outside the action rows or into the rows above them
is reported, one line per cell (file, sheet, row, column, value); whether an action
row's own locked cells still say what they said is for the collector to judge, who
knows the action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from bvtui.importing.tables import ImportError_
from bvtui.model import one_line
from bvtui.model.packet import COLUMNS, FORMAT, HEADER_ROW, META_SHEET, SHEET, PacketInfo


@dataclass(frozen=True)
class ReturnedRow:
    """One action row of a returned packet: its sheet row and every column's value."""

    row: int
    cells: dict[str, str | int | None]
    """By column key: text, a whole number, or None for an empty cell."""
    formulas: tuple[str, ...] = ()
    """Keys of the cells holding a formula (never run; their text is in ``cells``)."""

    @property
    def ref(self) -> str:
        return str(self.cells.get("ref") or "")


@dataclass
class ReturnedPacket:
    """A packet as it came back: its file, what it is, its action rows, and the cells
    edited outside them (one line each)."""

    path: Path
    info: PacketInfo
    rows: list[ReturnedRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def where(self, row: int, key: str | None = None) -> str:
        """``FILE: sheet Updates, row 7, New status`` for a message."""
        heading = next((c.heading for c in COLUMNS if c.key == key), key)
        return f"{self.path}: sheet {SHEET}, row {row}" + (f", {heading}" if heading else "")


def read_packet(path: Path) -> ReturnedPacket:
    """The packet in ``path``.

    Raises:
        ImportError_: not a readable xlsx workbook, or not an update packet bvtui made
            (the one-line message says which).
    """
    from openpyxl import load_workbook  # imported here: only collect pays for it

    try:
        book = load_workbook(path)  # formulas as written: never evaluated or trusted
    except Exception as error:  # openpyxl raises many types for a bad file
        raise ImportError_(f"{path}: not a readable xlsx workbook ({error})") from error
    try:
        if SHEET not in book.sheetnames or META_SHEET not in book.sheetnames:
            raise ImportError_(
                f"{path}: not an update packet (no sheets {SHEET!r} and {META_SHEET!r}; "
                "bvtui packets makes them)"
            )
        info = _info(path, book[META_SHEET])
        packet = ReturnedPacket(path, info)
        _read_rows(packet, book[SHEET])
        return packet
    finally:
        book.close()


def _info(path: Path, meta: Any) -> PacketInfo:
    if meta.cell(1, 1).value != FORMAT:
        raise ImportError_(
            f"{path}: sheet {META_SHEET}: A1: {one_line(meta.cell(1, 1).value)!r} "
            f"is not {FORMAT!r}: not a packet this bvtui reads"
        )
    values = {}
    for row in range(2, 5):
        key, value = meta.cell(row, 1).value, meta.cell(row, 2).value
        values[str(key)] = "" if value is None else str(value)
    if not values.get("officer", "").strip() or not values.get("period", "").strip():
        raise ImportError_(
            f"{path}: sheet {META_SHEET}: names no officer or no period: not a packet"
        )
    return PacketInfo(
        " ".join(values["officer"].split()), values["period"].strip(), values.get("commit", "")
    )


def _read_rows(packet: ReturnedPacket, sheet: Any) -> None:
    """Action rows into ``packet.rows``; any other cell holding something that was not
    written there into ``packet.problems``."""
    width = len(COLUMNS)
    for index, column in enumerate(COLUMNS, start=1):
        found = sheet.cell(HEADER_ROW, index).value
        if found != column.heading:
            packet.problems.append(
                f"{packet.where(HEADER_ROW)}, column {index}: {one_line(found)!r}: "
                f"the heading {column.heading!r} was changed; the packet is not read"
            )
            return
    for cells in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        for cell in cells:
            number, column = cell.row, cell.column
            if cell.value is None or (number > HEADER_ROW and column <= width):
                continue
            if number < HEADER_ROW and column == 1:
                continue  # the title and the instructions
            if number == HEADER_ROW and column <= width:
                continue
            packet.problems.append(
                f"{packet.where(number)}, column {cell.column_letter}: "
                f"{one_line(cell.value)!r}: written outside the packet's action rows, not read"
            )
    for number in range(HEADER_ROW + 1, sheet.max_row + 1):
        values: dict[str, str | int | None] = {}
        formulas = []
        for index, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(number, index)
            values[column.key] = _value(cell)
            if cell.data_type == "f":
                formulas.append(column.key)
        if all(value is None for value in values.values()):
            continue
        if not values["ref"]:
            text = next(str(v) for v in values.values() if v is not None)
            packet.problems.append(
                f"{packet.where(number)}: {one_line(text)!r}: a row with no Ref "
                "(added outside the packet's actions), not read"
            )
            continue
        packet.rows.append(ReturnedRow(number, values, tuple(formulas)))


def _value(cell: Any) -> str | int | None:
    """A cell as text or a whole number: a percentage cell as its percent (40% is 40),
    a whole float as an int, a date as ISO text, a formula as its text."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        if "%" in (cell.number_format or ""):
            value = value * 100
        if float(value).is_integer():
            return int(value)
        return f"{value:g}"
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date().isoformat()
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)
