"""Returned update packets into the store: what each officer changed, checked, then saved.

:func:`plan_collection` compares each returned row with its action as it is now:

- the action must be the one the packet was made from (the row's hidden digest is the
  file's digest now), and every locked cell of the row must still say what the packet
  said; otherwise the row is refused (one line naming file, sheet, row, column, value);
- the new status and progress are checked by the rules of ``bvtui set``
  (:func:`bvtui.model.check_value`), and a formula is never taken as a value.

Nothing an officer returned is lost: a refused row's values are kept aside for its
action (:func:`bvtui.store.keep_unapplied`, the edit screen's "keep both" place, which
offers them again when the action is next opened in the app) and printed. Every
accepted change is saved through :meth:`Store.save_action` authored as the officer
(``Name <e-mail>`` from a plan's ``officers`` table, else ``Name <>``: git's way of
saying no e-mail); the committer stays whoever collects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bvtui.git import check_author
from bvtui.importing.packet_reading import ReturnedPacket, ReturnedRow
from bvtui.model import Action, ValidationError, check_value, edited, holds_update, one_line
from bvtui.model.packet import COLUMN_OF, COLUMNS, email_of, packet_values
from bvtui.store import (
    SaveResult,
    Store,
    StoreError,
    UnappliedEdit,
    keep_unapplied,
)

_RETURNED = {"new_status": "status", "new_progress": "progress"}
"""The returned columns that set a field, and the field each sets."""


@dataclass
class RowEdit:
    """One action's returned values, checked: what will be saved, and as whom."""

    packet: ReturnedPacket
    row: ReturnedRow
    action: Action
    author: str
    values: dict[str, str] = field(default_factory=dict)
    update: str = ""

    def changes(self) -> list[str]:
        """``status: On Target -> Delayed`` for each field, then the update."""
        lines = []
        for name, value in self.values.items():
            was = getattr(self.action, name)
            lines.append(f"{name}: {one_line(was) or '(empty)'} -> {one_line(value)}")
        if self.update:
            lines.append(f"update ({self.packet.info.period}): {one_line(self.update)}")
        return lines

    def edited_action(self) -> Action:
        return edited(self.action, self.values, update=self.update, period=self.packet.info.period)

    def kept(self) -> UnappliedEdit:
        """The returned values as an edit kept aside for the action."""
        was = {name: one_line(getattr(self.action, name)) for name in self.values}
        return UnappliedEdit(
            self.action.ref, dict(self.values), was, self.update, self.packet.info.period
        )


@dataclass
class Refusal:
    """A returned row (or cell) not applied: why, in one line, and its values kept."""

    line: str
    kept: UnappliedEdit | None = None


@dataclass
class Collection:
    """What the returned packets say: the edits to save and the rows refused."""

    edits: list[RowEdit] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    untouched: int = 0
    """Action rows returned with nothing filled in."""
    already: int = 0
    """Action rows whose values the store holds already (the packet was collected before)."""


def plan_collection(store: Store, packets: Iterable[ReturnedPacket]) -> Collection:
    """Every returned row judged against the store as it is now; nothing is written."""
    collection = Collection()
    by_ref = {action.ref: action for action in store.actions}
    seen: dict[str, str] = {}
    for packet in packets:
        collection.refused.extend(Refusal(line) for line in packet.problems)
        for row in packet.rows:
            edit = _row_edit(store, packet, row, by_ref.get(row.ref), collection)
            if edit is None:
                continue
            if not edit.values and not edit.update:
                collection.untouched += 1
                continue
            earlier = seen.get(edit.action.ref)
            if earlier is not None:
                collection.refused.append(
                    Refusal(
                        f"{packet.where(row.row, 'ref')}: {row.ref!r}: also returned in "
                        f"{earlier}; not applied",
                        edit.kept(),
                    )
                )
                continue
            seen[edit.action.ref] = packet.where(row.row)
            collection.edits.append(edit)
    collection.edits.sort(key=lambda edit: edit.author)  # one officer's saves together
    return collection


def _row_edit(
    store: Store,
    packet: ReturnedPacket,
    row: ReturnedRow,
    action: Action | None,
    collection: Collection,
) -> RowEdit | None:
    """The row's edit, or None with the reason added to ``collection.refused``."""

    def refuse(key: str, value: object, why: str, edit: RowEdit | None = None) -> None:
        kept = edit.kept() if edit is not None and (edit.values or edit.update) else None
        collection.refused.append(
            Refusal(f"{packet.where(row.row, key)}: {one_line(value)!r}: {why}", kept)
        )

    if action is None:
        refuse("ref", row.ref, f"no such action in {store.root}; row not read")
        return None
    edit = RowEdit(packet, row, action, _author(store, packet.info.officer))
    update = row.cells.get("new_update")
    edit.update = "" if update is None else str(update).strip()
    raw = {name: row.cells.get(key) for key, name in _RETURNED.items()}
    returned = {name: str(value) for name, value in raw.items() if str(value or "").strip()}
    edit.values = dict(returned)  # as typed, until checked: what is kept if refused
    formula = next((key for key in row.formulas if COLUMNS[COLUMN_OF[key] - 1].returned), None)
    if formula is not None:
        refuse(formula, row.cells[formula], "a formula, not a value: type the value itself", edit)
        return None
    expected = packet_values(action)
    edited_cell = next(
        (
            column.key
            for column in COLUMNS
            if not column.returned
            and _blank(row.cells.get(column.key)) != _blank(expected[column.key])
        ),
        None,
    )
    changed_since = row.cells.get("made_from") != action.digest
    if not returned and not edit.update and (changed_since or edited_cell is None):
        return edit  # nothing filled in: the row is as sent (its action may have moved on)
    if changed_since and _already_saved(action, returned, edit.update, packet.info.period):
        collection.already += 1  # this packet was collected before
        return None
    if changed_since:
        why = "the action changed in the store since the packet was made; not applied"
        refuse("ref", row.ref, why, edit)
        return None
    if edited_cell is not None:
        said = one_line(expected[edited_cell])
        why = f"edited outside the update columns; the packet said {said!r}; not applied"
        refuse(edited_cell, row.cells.get(edited_cell), why, edit)
        return None
    edit.values = {}
    for (key, name), value in zip(_RETURNED.items(), raw.values(), strict=True):
        if value is None or not str(value).strip():
            continue
        try:
            typed = check_value(action, name, str(value))
        except ValidationError as err:
            edit.values = returned
            refuse(key, value, f"{err.reason}; not applied", edit)
            return None
        if typed != getattr(action, name):
            edit.values[name] = str(typed)  # as the file will hold it: the plan's spelling
    try:
        check_author(edit.author)
    except ValueError as err:
        refuse("ref", row.ref, f"{err}; not applied", edit)
        return None
    return edit


def _already_saved(action: Action, returned: dict[str, str], update: str, period: str) -> bool:
    """Whether the action already holds every returned value: the update among those
    of the period, each field as it would be checked (a packet collected twice)."""
    try:
        same = all(
            check_value(action, name, value) == getattr(action, name)
            for name, value in returned.items()
        )
    except ValidationError:
        return False
    return same and (not update or holds_update(action, period, update))


def _blank(value: object) -> object:
    """An empty text cell reads back as no value: the two compare equal."""
    return None if value == "" else value


def _author(store: Store, officer: str) -> str:
    """``Name <e-mail>`` from a plan's officers table, else ``Name <>`` (no e-mail)."""
    return f"{officer} <{email_of(officer, store.plans.values())}>"


@dataclass
class Collected:
    """What applying a collection did: each save, and the edits kept aside instead."""

    saved: list[tuple[RowEdit, SaveResult]] = field(default_factory=list)
    kept: list[tuple[str, Path]] = field(default_factory=list)
    """(one line saying why, where the values are kept) per edit not saved."""
    failed: list[str] = field(default_factory=list)


def apply_collection(store: Store, collection: Collection) -> Collected:
    """Save every edit (one commit per action, authored as its officer) and keep the
    refused rows' values aside. An edit whose file changed since it was read (another
    save meanwhile) is kept aside too, never written over.

    One commit per action: the save path commits one file; a save of several
    actions in one commit would make it one per officer.
    """
    done = Collected()
    for refusal in collection.refused:
        if refusal.kept is not None:
            done.kept.append((refusal.line, keep_unapplied(store, refusal.kept)))
    for edit in collection.edits:
        try:
            result = store.save_action(edit.edited_action(), author=edit.author)
        except (StoreError, ValidationError) as err:
            where = edit.packet.where(edit.row.row)
            done.kept.append((f"{where}: {err}", keep_unapplied(store, edit.kept())))
            continue
        done.saved.append((edit, result))
        if result.error:
            done.failed.append(f"{result.path}: saved but not committed: {result.error}")
    return done
