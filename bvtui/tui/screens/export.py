"""The export dialog (``w``): write the actions the filters show as a committee report.

The user picks a format and a file; the report is built and written in a thread
worker while the dialog says so, then the dialog closes with the path written. A path
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
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioSet, Static

from bvtui.core.filters import Filter
from bvtui.core.model import Action
from bvtui.core.repo import GitError
from bvtui.core.report import build_report
from bvtui.core.report_output import (
    EXTENSIONS,
    FORMATS,
    default_filename,
    render_report,
    write_report,
)
from bvtui.core.store import Store, StoreError
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

    def compose(self) -> ComposeResult:
        filters = self.wanted.describe() or "no filters"
        heading = Text(f"Export {len(self.actions)} actions as a report", style="bold")
        heading.append(f"\n{filters}", style="dim")
        name = default_filename(self.actions, self.as_of, self.store.root.name, self.fmt)
        with Vertical(classes="dialog", id="export"):
            yield Static(heading, classes="dialog-question")
            with RadioSet(id="export-format"):
                for index, fmt in enumerate(FORMATS):
                    yield TickedRadioButton(
                        f"{fmt} (.{EXTENSIONS[fmt]})", value=index == 0, id=f"fmt-{fmt}"
                    )
            yield Input(str(Path.cwd() / name), id="export-path")
            yield Static(id="export-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Write (Enter)", id="write", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    @on(RadioSet.Changed)
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        self.fmt = FORMATS[event.index]
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value)
        if path.suffix.lstrip(".") in EXTENSIONS.values():
            path_input.value = str(path.with_suffix(f".{EXTENSIONS[self.fmt]}"))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#write")
    def _write_pressed(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self._status("Give a file to write.", error=True)
            return
        self._status("Writing the report…")
        self.query_one("#write", Button).disabled = True
        self.write(Path(value).expanduser(), self.fmt)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write(self, path: Path, fmt: str) -> None:
        """Build and write the report off the UI thread; close, or say why it failed."""
        try:
            report = build_report(self.store, self.actions, wanted=self.wanted, as_of=self.as_of)
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
