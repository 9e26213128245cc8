"""The edit screen: status, progress, deadlines, officers and a new update; save commits.

Every field is checked as it is typed by the core's own rules
(:func:`bvtui.model.edit.check_value`, the same ones ``bvtui set`` applies), with the
reason shown under the field. ``ctrl+s`` saves in a thread worker: one write, one
commit. When the commit fails the edit stays on disk and the screen closes with the
reason; when the file changed on disk since it was opened, the user chooses reload,
overwrite or keep both (:mod:`bvtui.tui.screens.dialogs`). "Keep both" keeps the
edit aside, unpublished (:mod:`bvtui.store.unapplied`); the screen offers it again
when the action is next opened. A change the plan's rules govern asks first for an
approver and a reason (:mod:`bvtui.tui.screens.approval`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from bvtui.model import (
    DEADLINE_FIELDS,
    Action,
    Approval,
    ValidationError,
    check_value,
    current_period,
    deadline_doubts,
    due_date,
    edited,
)
from bvtui.store import (
    FileChangedError,
    SaveResult,
    Store,
    StoreError,
    UnappliedEdit,
    UnappliedEditError,
    drop_unapplied,
    edited_on_disk,
    keep_unapplied,
    read_unapplied,
)
from bvtui.tui.screens.approval import ask_approval
from bvtui.tui.screens.dialogs import (
    ConfirmScreen,
    ConflictChoice,
    ConflictScreen,
    UnappliedChoice,
    UnappliedScreen,
)
from bvtui.tui.screens.edit_fields import (
    ASK_BEFORE_CLEARING,
    TEXT_FIELDS,
    Typed,
    error_reason,
    field_text,
    was_text,
)
from bvtui.tui.text import block, line, rag_text


@dataclass
class EditOutcome:
    """How an edit ended: the action as it is on disk now, and the save's result.

    ``result`` is None when nothing was saved (the user reloaded the disk version).
    """

    action: Action
    result: SaveResult | None
    note: str = ""


class EditScreen(ModalScreen[EditOutcome | None]):
    """Edit one action; dismisses with an :class:`EditOutcome`, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # not a priority binding: it runs after the keys typed before it reach their box
        Binding("ctrl+s", "save", "Save (commit)"),
        Binding("escape", "cancel", "Cancel"),
    ]

    @dataclass
    class Saved(Message):
        """The save worker wrote (and maybe committed) the action."""

        action: Action
        result: SaveResult
        note: str = ""

    @dataclass
    class Conflict(Message):
        """The file changed on disk since it was opened; nothing was written."""

        mine: Action

    @dataclass
    class Reloaded(Message):
        """The disk version, read again for a reload (or kept by "keep both")."""

        action: Action
        note: str = "reloaded from disk; your edit was dropped"

    @dataclass
    class Failed(Message):
        """The save could not be done at all; the user's text is still on screen."""

        reason: str

    def __init__(
        self, store: Store, action: Action, *, author: str | None, as_of: date | None
    ) -> None:
        super().__init__()
        self.store = store
        self.action = action
        self.author = author
        self.as_of = as_of
        self.errors: dict[str, str] = {}
        self.busy = False
        self.reapplied = False
        """True once the form holds an edit kept aside (a save then forgets it)."""
        self.approval = Approval()
        """The approver and reason given for the change, when the plan's rules ask."""

    # --- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        action = self.action
        heading = Text(f"Edit {line(action.ref)}  ", style="bold")
        heading.append(line(action.title))
        statuses = list(action.plan.statuses.items())
        options = [(rag_text(word, rag), word) for word, rag in statuses]
        if action.status and action.status not in action.plan.statuses:
            options.append((Text(f"{line(action.status)} (not in the plan's list)"), action.status))
        with VerticalScroll(id="edit-panel"):
            yield Static(heading, id="edit-title")
            with Grid(id="edit-grid"):
                yield Label("Status")
                yield Select(
                    options,
                    value=action.status or Select.NULL,
                    allow_blank=not action.status,
                    id="status",
                )
                yield Static("", id="status-hint", classes="hint")
                for field, label in TEXT_FIELDS:
                    yield Label(label)
                    yield Input(field_text(action, field), id=field)
                    yield Static("", id=f"{field}-hint", classes="hint")
                yield Label("Update period")
                yield Input(self._default_period(), id="period")
                yield Static("", id="period-hint", classes="hint")
            yield Label("New update (optional; added to the action's updates)")
            yield TextArea(id="update", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="edit-message")
        yield Footer()

    def _default_period(self) -> str:
        return self.action.plan.period or current_period(self.as_of)

    def on_mount(self) -> None:
        for field, _label in TEXT_FIELDS:
            self._check(field, field_text(self.action, field))
        self._check("period", self._default_period())
        self.query_one("#status", Select).focus()
        self._offer_unapplied()

    # --- an edit kept aside by "keep both" ---------------------------------------

    def _offer_unapplied(self) -> None:
        """Offer the edit kept aside for this action, if there is one."""
        try:
            kept = read_unapplied(self.store, self.action)
        except (UnappliedEditError, StoreError) as err:
            self._message(line(str(err)))
            return
        if kept is None:
            return

        def chosen(choice: UnappliedChoice | None) -> None:
            if choice is UnappliedChoice.APPLY:
                self._fill(kept)
            elif choice is UnappliedChoice.DISCARD:
                drop_unapplied(self.store, self.action.ref)
                self._message("The kept edit was discarded.", error=False)

        dialog = UnappliedScreen(self.action.ref, kept.kept_on, block(kept.describe()))
        self.app.push_screen(dialog, chosen)

    def _fill(self, kept: UnappliedEdit) -> None:
        """Put the kept edit in the form, to be checked and saved like any edit."""
        for field, value in kept.values.items():
            if field == "status":
                self.query_one("#status", Select).value = value
            elif field in dict(TEXT_FIELDS):
                self.query_one(f"#{field}", Input).value = value
        if kept.update:
            self.query_one("#update", TextArea).text = kept.update
            self.query_one("#period", Input).value = kept.period or self._default_period()
        self.reapplied = True
        self._message("Your kept edit is in the form: check it, then ctrl+s.", error=False)

    # --- validation as you type --------------------------------------------------

    def _hint(self, field: str, text: Text | str, error: bool = False) -> None:
        hint = self.query_one(f"#{field}-hint", Static)
        hint.update(text if isinstance(text, Text) else Text(text))
        hint.set_class(error, "-error")

    def _check(self, field: str, value: str) -> None:
        """Check ``value`` for ``field`` and show why it is refused, or what it means."""
        self.errors.pop(field, None)
        if field == "period":
            if not value.strip():
                self.errors[field] = "period: needed for the new update (e.g. 2017-18 Q2)"
                self._hint(field, self.errors[field], error=True)
            else:
                self._hint(field, Text("the new update's reporting period", style="dim"))
            return
        try:
            check_value(self.action, field, value)
        except ValidationError as err:
            self.errors[field] = error_reason(err)
            self._hint(field, f"{line(err.value)!r} {err.reason}", error=True)
            if field in dict(TEXT_FIELDS):
                self.query_one(f"#{field}", Input).set_class(True, "-invalid")
            return
        if field in dict(TEXT_FIELDS):
            self.query_one(f"#{field}", Input).set_class(False, "-invalid")
        if field in DEADLINE_FIELDS:
            self._hint(field, self._deadline_meaning(field, value))
        elif field == "officers":
            self._hint(field, Text("names separated by , ; or /", style="dim"))
        else:
            self._hint(field, "")

    def _deadline_meaning(self, field: str, value: str) -> Text:
        """What a deadline means: its due date, none, or a warning that it looks mistyped."""
        doubts = deadline_doubts(self.action, {field: value})
        if doubts:
            warning = f"{line(value)!r} {doubts[0].reason}: no due date"
            return Text(warning, style="bold #ffaf00")  # not dim: saving asks first
        due = due_date(value)
        meaning = f"due {due.isoformat()}" if due else "no due date (kept as written)"
        return Text(meaning if value.strip() else "", style="dim")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input.id:
            self._check(event.input.id, event.value)

    @on(Select.Changed, "#status")
    def _status_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else ""
        self._check("status", value)
        if "status" not in self.errors:
            rag = self.action.plan.rag_of(value)
            self._hint("status", rag_text(f"{rag}", rag) if value else "")

    # --- what changed ------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """The fields whose text differs from the action's, as typed."""
        status = self.query_one("#status", Select).value
        typed = {"status": status if isinstance(status, str) else ""}
        for field, _label in TEXT_FIELDS:
            typed[field] = self.query_one(f"#{field}", Input).value
        return {
            field: value
            for field, value in typed.items()
            if value != field_text(self.action, field)
        }

    @property
    def update_text(self) -> str:
        return self.query_one("#update", TextArea).text

    @property
    def period(self) -> str:
        return self.query_one("#period", Input).value.strip()

    @property
    def is_dirty(self) -> bool:
        return bool(self.values() or self.update_text.strip())

    def _message(self, text: str, error: bool = True) -> None:
        message = self.query_one("#edit-message", Static)
        message.update(Text(text))
        message.set_class(error, "-error")

    # --- saving ------------------------------------------------------------------

    def action_save(self) -> None:
        """Check everything, then save in a worker (or say why not)."""
        if self.busy:
            return
        values = self.values()
        update = self.update_text if self.update_text.strip() else None
        if not values and update is None:
            self._message("Nothing changed: no save, no commit.", error=False)
            return
        blocking = [
            reason
            for field, reason in self.errors.items()
            if field in values or (field == "period" and update)
        ]
        if blocking:
            self._message("Cannot save: " + blocking[0])
            return
        try:
            mine = edited(self.action, values, update=update, period=self.period or None)
        except ValidationError as err:
            self._message("Cannot save: " + error_reason(err))
            return
        typed = (values, update, self.period or None)
        ask_approval(
            self, self.store, self.action, mine, lambda given: self._approved(given, mine, typed)
        )

    def _approved(self, given: Approval, mine: Action, typed: Typed) -> None:
        """Save ``mine`` with the approval ``given``, once any doubts are answered."""
        self.approval = given
        doubts = self._doubts(typed[0])
        if doubts:
            self._confirm(doubts, mine, typed)
            return
        self._start("Saving and committing…")
        self.save(mine, force=False, typed=typed)

    def _doubts(self, values: dict[str, str]) -> list[str]:
        """What in ``values`` is probably a mistake, one line each (empty: save at once)."""
        doubts = []
        cleared = [
            f"{field.replace('_', ' ')} (was {was_text(self.action, field)})"
            for field in ASK_BEFORE_CLEARING
            if field in values
            and not values[field].strip()
            and field_text(self.action, field).strip()
        ]
        if cleared:
            doubts.append("This clears " + ", ".join(cleared) + ".")
        for doubt in deadline_doubts(self.action, values):
            doubts.append(
                f"{doubt.field.replace('_', ' ')} {line(doubt.value)!r} {doubt.reason}:"
                " the action would have no due date and never be overdue."
            )
        return doubts

    def _confirm(self, doubts: list[str], mine: Action, typed: Typed) -> None:
        """Save ``mine`` (as ``typed``) only once the user says yes despite ``doubts``."""

        def answered(yes: bool | None) -> None:
            if yes:
                self._start("Saving and committing…")
                self.save(mine, force=False, typed=typed)
            else:
                self._message("Not saved: correct the fields, or ctrl+s and y to save as they are.")

        question = "\n".join([f"Save {line(self.action.ref)}?", *doubts])
        self.app.push_screen(ConfirmScreen(question), answered)

    def _start(self, what: str) -> None:
        self.busy = True
        self._message(what, error=False)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, mine: Action, force: bool, typed: Typed | None = None) -> None:
        """Write and commit ``mine`` (off the UI thread: git takes tens of ms or more).

        Unless ``force``, the edit ``typed`` (values, update, period) is applied to the
        file as it is on disk, so what was not edited is written back from its bytes.
        """
        try:
            if typed is not None and not force:
                values, update, period = typed
                mine = edited_on_disk(self.store, self.action, values, update=update, period=period)
            approval = self.approval
            result = self.store.save_action(
                mine, author=self.author, force=force, approval=approval
            )
        except FileChangedError:
            self.post_message(self.Conflict(mine))
            return
        # ValueError too (StoreError and ValidationError are ones): a file that no longer
        # parses, or a path swapped for a link out of the repository, must end the
        # save with its reason, never leave the screen saving
        except (ValueError, OSError) as err:
            self.post_message(self.Failed(str(err)))
            return
        self.post_message(self.Saved(mine, result))

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def keep_both(self, kept: UnappliedEdit) -> None:
        """Keep the disk version as it is and the user's edit aside, unpublished."""
        try:
            disk = self.store.reread(self.action)
            path = keep_unapplied(self.store, kept)
        except (ValueError, OSError) as err:
            self.post_message(self.Failed(str(err)))
            return
        note = (
            f"kept the version on disk; your edit was NOT saved: it is kept aside in {path} "
            "and offered again when you next open this action (Enter)"
        )
        self.post_message(self.Reloaded(disk, note))

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def reload(self) -> None:
        """Read the disk version again, dropping the edit."""
        try:
            self.post_message(self.Reloaded(self.store.reread(self.action)))
        except StoreError as err:
            self.post_message(self.Failed(str(err)))

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        if self.reapplied:
            drop_unapplied(self.store, self.action.ref)
        self.dismiss(EditOutcome(event.action, event.result, event.note))

    @on(Reloaded)
    def _reloaded(self, event: Reloaded) -> None:
        self.dismiss(EditOutcome(event.action, None, event.note))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.busy = False
        self._message("Not saved: " + line(event.reason))

    @on(Conflict)
    def _conflict(self, event: Conflict) -> None:
        mine = event.mine
        values = self.values()
        kept = UnappliedEdit(
            self.action.ref,
            values,
            {field: field_text(self.action, field) for field in values},
            self.update_text.strip("\n") if self.update_text.strip() else "",
            self.period,
        )

        def chosen(choice: ConflictChoice | None) -> None:
            if choice is None:
                self.busy = False
                self._message("Not saved: the file changed on disk. Ctrl+S to choose again.")
            elif choice is ConflictChoice.RELOAD:
                self.reload()
            elif choice is ConflictChoice.OVERWRITE:
                self._start("Overwriting…")
                self.save(mine, force=True)
            else:
                self._start("Keeping both…")
                self.keep_both(kept)

        path = str(self.store.action_path(self.action))
        self.app.push_screen(ConflictScreen(self.action.ref, path), chosen)

    # --- leaving -----------------------------------------------------------------

    def action_cancel(self) -> None:
        """Leave; ask first when anything was changed."""
        if self.busy:
            return
        if not self.is_dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(f"Discard your changes to {self.action.ref}?"), answered)
