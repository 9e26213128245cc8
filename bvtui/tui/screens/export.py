"""The export dialog (``w``): write the actions the filters show as a committee report.

The user picks a format (the arrows choose, Enter writes) and a file; the report is
built and written in a thread worker while the dialog says so, then the dialog closes
with the path written. The file offered is named after the plan, the filters and the
as-of date, in a folder outside the store's work tree (where it would sit untracked
among the plans), never over an existing file: writing over one asks first. A path
that cannot be written keeps the dialog open with the reason, so it can be fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioSet, Static

from bvtui.git import GitError
from bvtui.model import Action, Filter
from bvtui.reporting import (
    EXTENSIONS,
    FORMATS,
    build_report,
    default_filename,
    render_report,
    write_report,
)
from bvtui.store import Store, StoreError
from bvtui.trail import report_slips
from bvtui.tui.screens.dialogs import ConfirmScreen
from bvtui.tui.text import line
from bvtui.tui.widgets.ticked import TickedRadioButton


@dataclass(frozen=True)
class Exported:
    """What the dialog wrote: the file, its format and how many actions it holds."""

    path: Path
    fmt: str
    count: int

    def __str__(self) -> str:
        return f"{self.path}: {self.fmt} report of {self.count} actions"


def export_folder(store: Store) -> Path:
    """Where reports go by default: the current folder, unless it is inside the
    store's work tree (reports there would sit untracked among the plans); then
    ``~/Documents``, else the home folder."""
    cwd = Path.cwd()
    tree = store.repo.top if store.repo is not None else store.root
    if not cwd.resolve().is_relative_to(tree.resolve()):
        return cwd
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def free_path(path: Path) -> Path:
    """``path``, or ``<stem>-2<suffix>``, ``-3``... the first that does not exist."""
    number = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


class FormatList(RadioSet):
    """The report formats: the arrows choose one, Enter asks for the report written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "choose(1)", "Next format", show=False),
        Binding("up,left", "choose(-1)", "Previous format", show=False),
        Binding("enter", "submit", "Write", show=False),
    ]

    class Submitted(Message):
        """Enter was pressed on the list."""

    def action_choose(self, step: int) -> None:
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()

    def action_submit(self) -> None:
        self.post_message(self.Submitted())


class ExportScreen(ModalScreen[Exported | None]):
    """Choose a format and a file, and write the report of ``actions`` there."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, store: Store, actions: list[Action], wanted: Filter, as_of: date | None
    ) -> None:
        super().__init__()
        self.store = store
        self.actions = actions
        self.wanted = wanted
        self.as_of = as_of
        self.fmt = FORMATS[0]
        self.folder = export_folder(store)
        self.offered = self._default_path()
        """The file the dialog offered; a format change offers the next one."""

    def _default_path(self) -> Path:
        name = default_filename(
            self.actions, self.as_of, self.store.root.name, self.fmt, self.wanted
        )
        return free_path(self.folder / name)

    def compose(self) -> ComposeResult:
        filters = self.wanted.describe() or "no filters"
        heading = Text(f"Export {len(self.actions)} actions as a report", style="bold")
        heading.append(f"\n{filters}", style="dim")
        with Vertical(classes="dialog", id="export"):
            yield Static(heading, classes="dialog-question")
            with FormatList(id="export-format"):
                for index, fmt in enumerate(FORMATS):
                    yield TickedRadioButton(
                        f"{fmt} (.{EXTENSIONS[fmt]})", value=index == 0, id=f"fmt-{fmt}"
                    )
            yield Input(str(self.offered), id="export-path")
            yield Static(self._where(), id="export-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Write (Enter)", id="write", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def _where(self) -> Text:
        """Why the file offered is not in the current folder, when it is not."""
        if self.folder == Path.cwd():
            return Text("")
        return Text(
            f"In {line(self.folder)}: the current folder is inside the store's git work "
            "tree, where a report would sit untracked among the plans.",
            style="dim",
        )

    @on(RadioSet.Changed)
    def _format_chosen(self) -> None:
        """Follow the format chosen: the file offered, or the extension of the one typed."""
        index = self.query_one(FormatList).pressed_index
        if index < 0 or FORMATS[index] == self.fmt:
            return
        self.fmt = FORMATS[index]
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value)
        if path == self.offered:
            self.offered = self._default_path()
            path_input.value = str(self.offered)
        elif path.suffix.lstrip(".") in EXTENSIONS.values():
            path_input.value = str(path.with_suffix(f".{EXTENSIONS[self.fmt]}"))

    @on(FormatList.Submitted)
    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#write")
    def _write_pressed(self) -> None:
        self._format_chosen()
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self._status("Give a file to write.", error=True)
            return
        path = Path(value).expanduser()
        if not path.exists():
            self._start(path)
            return

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self._start(path)
            else:
                self._status(f"{path} exists: not written; give another name.", error=True)

        self.app.push_screen(ConfirmScreen(f"{path} exists. Write over it?"), answered)

    def _start(self, path: Path) -> None:
        self._status("Writing the report…")
        self.query_one("#write", Button).disabled = True
        self.write(path, self.fmt)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write(self, path: Path, fmt: str) -> None:
        """Build and write the report off the UI thread; close, or say why it failed."""
        try:
            slips = report_slips(self.store, self.actions)
            report = build_report(
                self.store, self.actions, wanted=self.wanted, as_of=self.as_of, slips=slips
            )
            write_report(render_report(report, fmt), path)
        except OSError as err:
            reason = f"{path}: cannot write the report: {err.strerror or err}"
            self.app.call_from_thread(self._failed, reason)
            return
        except (GitError, StoreError) as err:
            self.app.call_from_thread(self._failed, str(err))
            return
        self.app.call_from_thread(self.dismiss, Exported(path, fmt, len(self.actions)))

    def _failed(self, reason: str) -> None:
        self.query_one("#write", Button).disabled = False
        self._status(reason, error=True)

    def _status(self, message: str, *, error: bool = False) -> None:
        self.query_one("#export-status", Static).update(
            Text(line(message), style="bold red" if error else "italic")
        )
