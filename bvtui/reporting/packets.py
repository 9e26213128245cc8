"""Update packets: one xlsx per lead officer, for officers who update without the app.

The layout is :mod:`bvtui.model.packet`'s. Each workbook holds the officer's actions
due an update with their current values and last update, and three columns to fill
in: the new update, a new status (a drop-down of the action's plan's statuses) and a
new progress (a whole number 0-100, checked by Excel as it is typed). The sheet is
protected without a password, every cell but those three locked: a guard against
slips, not a lock (``bvtui collect`` checks every cell again). All text is written
as string cells, never formulas. Imports openpyxl: imported by module path where used.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bvtui.model import Action, Plan
from bvtui.model.packet import (
    COLUMN_OF,
    COLUMNS,
    FORMAT,
    HEADER_ROW,
    META_SHEET,
    SHEET,
    PacketInfo,
    by_lead_officer,
    packet_file_name,
    packet_values,
)
from bvtui.reporting.xlsx import put_cell

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
_INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")
_WRAP = Alignment(wrap_text=True, vertical="top")
_OPEN = Protection(locked=False)


@dataclass(frozen=True)
class Packet:
    """One officer's packet: the file name it is written under and its actions."""

    info: PacketInfo
    file_name: str
    actions: list[Action]


def plan_packets(
    actions: Iterable[Action], period: str, commit: str = ""
) -> tuple[list[Packet], list[Action]]:
    """The packets for every lead officer with actions due an update for ``period``
    (each plan's own current period when ``period`` is empty), and the actions due one
    that name no officer (no packet can go to anybody)."""
    packets, taken = [], set[str]()
    grouped = by_lead_officer(actions, period)
    unowned = grouped.pop(None, [])
    for officer, owned in grouped.items():
        assert officer is not None
        periods = {period or action.plan.period for action in owned}
        info = PacketInfo(officer, ", ".join(sorted(periods)), commit)
        packets.append(Packet(info, packet_file_name(officer, taken), owned))
    return packets, unowned


def render_packet(packet: Packet) -> bytes:
    """The packet as the bytes of an xlsx file."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    lists = _write_meta(meta, packet)
    _write_actions(sheet, packet, lists)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_meta(meta: Worksheet, packet: Packet) -> dict[str, str]:
    """The packet's info in A:B, each plan's statuses in a column from D; the range of
    each plan's list by slug."""
    put_cell(meta, 1, 1, FORMAT)
    for row, (key, value) in enumerate(packet.info.rows(), start=2):
        put_cell(meta, row, 1, key)
        put_cell(meta, row, 2, value)
    plans: dict[str, Plan] = {action.plan.slug: action.plan for action in packet.actions}
    lists = {}
    for offset, (slug, plan) in enumerate(sorted(plans.items())):
        column = 4 + offset
        letter = get_column_letter(column)
        put_cell(meta, 1, column, slug)
        for row, word in enumerate(plan.statuses, start=2):
            put_cell(meta, row, column, word)
        last = max(2, len(plan.statuses) + 1)
        lists[slug] = f"{quote_sheetname(META_SHEET)}!${letter}$2:${letter}${last}"
    meta.protection.sheet = True
    return lists


def _write_actions(sheet: Worksheet, packet: Packet, lists: dict[str, str]) -> None:
    info = packet.info
    put_cell(sheet, 1, 1, f"Update for {info.period}: {info.officer}").font = Font(
        bold=True, size=13
    )
    put_cell(
        sheet,
        2,
        1,
        "Fill in the yellow columns only (a new update, and a new status or progress "
        "where they change), save, and return this file as it is.",
    )
    for index, column in enumerate(COLUMNS, start=1):
        cell = put_cell(sheet, HEADER_ROW, index, column.heading)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.column_dimensions[get_column_letter(COLUMN_OF["made_from"])].hidden = True
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=COLUMN_OF["title"] + 1)
    progress = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Progress",
        error="A whole number from 0 to 100",
    )
    sheet.add_data_validation(progress)
    by_plan: dict[str, DataValidation] = {}
    for row, action in enumerate(packet.actions, start=HEADER_ROW + 1):
        for key, value in packet_values(action).items():
            cell = put_cell(sheet, row, COLUMN_OF[key], value)
            cell.alignment = _WRAP
        for column in COLUMNS:
            if column.returned:
                cell = sheet.cell(row=row, column=COLUMN_OF[column.key])
                cell.protection, cell.fill = _OPEN, _INPUT_FILL
        progress.add(sheet.cell(row=row, column=COLUMN_OF["new_progress"]))
        if action.plan.statuses:
            statuses = by_plan.get(action.plan.slug)
            if statuses is None:
                statuses = DataValidation(
                    type="list",
                    formula1=f"={lists[action.plan.slug]}",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Status",
                    error="One of the plan's statuses (pick from the list)",
                )
                sheet.add_data_validation(statuses)
                by_plan[action.plan.slug] = statuses
            statuses.add(sheet.cell(row=row, column=COLUMN_OF["new_status"]))
    sheet.protection.sheet = True


def write_packets(packets: list[Packet], folder: Path, *, overwrite: bool = False) -> list[Path]:
    """Write each packet into ``folder``; the paths written.

    Raises:
        FileExistsError: a packet's file is there already and ``overwrite`` is False
            (nothing is written: a returned packet is never written over by mistake).
        OSError: the folder cannot be written.
    """
    from bvtui.reporting.output import write_report

    paths = [folder / packet.file_name for packet in packets]
    if not overwrite:
        for path in paths:
            if path.exists():
                raise FileExistsError(path)
    for packet, path in zip(packets, paths, strict=True):
        write_report(render_packet(packet), path)
    return paths
