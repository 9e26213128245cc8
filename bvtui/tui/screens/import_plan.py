"""The import dialog (``i``): bring a council's own spreadsheet in as a plan, one commit.

The user names a file and the plan's folder name; the dialog reads the file in a
thread worker and shows what it detected: each column and the field it feeds (with
sample values), the first actions as they will be stored, the warnings and the rows
it cannot read. A column's field can be changed (highlight it, pick the field below):
the file is read again with that choice, as ``bvtui import --map`` does. Import writes
the plan in one commit (:func:`bvtui.importing.commit.import_plan`, the command's
own path); Escape cancels and writes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Select, Static

from bvtui.git import GitError
from bvtui.importing import (
    EXTRA,
    FIELDS,
    ColumnMap,
    ImportedPlan,
    ImportError_,
    ImportResult,
    import_plan,
    normalise,
    parse_file,
)
from bvtui.model import ValidationError
from bvtui.store import Store, StoreError
from bvtui.tui.text import line

PREVIEW_ROWS = 8
"""How many actions the preview shows, as they will be stored."""

_WARNINGS_SHOWN = 6


def plan_slug(path: Path) -> str:
    """A plan folder name offered for a file: its name in lowercase words and dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or "imported-plan"


class ImportScreen(ModalScreen[ImportResult | None]):
    """Read a file, show and adjust what it becomes, and import it as a plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "run_import", "Import"),
    ]

    def __init__(self, store: Store, *, author: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.author = author
        self.mapping: ColumnMap = {}
        """The columns the user gave another field (normalised header -> field)."""
        self.imported: ImportedPlan | None = None
        self.path: Path | None = None
        self.changed_row = 0
        """The columns table's row last given a field, kept highlighted after a re-read."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import"):
            yield Static(Text("Import a plan from a spreadsheet", style="bold"))
            yield Input(placeholder="file: .xlsx .xls .ods .csv .tsv .txt", id="import-file")
            yield Input(placeholder="plan folder name, e.g. improvement-2025", id="import-plan")
            yield DataTable(id="import-columns", cursor_type="row")
            yield Select(
                [(field, field) for field in (*FIELDS, EXTRA)],
                prompt="field of the highlighted column",
                id="import-field",
            )
            yield DataTable(id="import-preview", cursor_type="row")
            yield Static("", id="import-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import (ctrl+s)", id="import-run", variant="primary", disabled=True)
                yield Button("Cancel (Esc)", id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-columns", DataTable).add_columns("column", "field", "e.g.")
        preview = self.query_one("#import-preview", DataTable)
        preview.add_columns("id", "title", "theme", "officers", "deadline", "status", "%")
        self.query_one("#import-file", Input).focus()

    # -- reading ----------------------------------------------------------------------

    @on(Input.Submitted, "#import-file")
    def _file_given(self) -> None:
        value = self.query_one("#import-file", Input).value.strip()
        if not value:
            self._status("Give the file to import.", error=True)
            return
        self.path = Path(value).expanduser()
        plan = self.query_one("#import-plan", Input)
        if not plan.value.strip():
            plan.value = plan_slug(self.path)
        self._read()

    def _read(self) -> None:
        assert self.path is not None
        self._status(f"Reading {line(str(self.path))}…")
        self.query_one("#import-run", Button).disabled = True
        self.read(self.path, dict(self.mapping))

    @work(thread=True, exclusive=True, group="import-read", exit_on_error=False)
    def read(self, path: Path, mapping: ColumnMap) -> None:
        """Parse the file off the UI thread; show what it gives, or why it cannot."""
        try:
            imported = parse_file(path, mapping)
        except (ImportError_, OSError) as err:
            self.app.call_from_thread(self._status, str(err), error=True)
            return
        self.app.call_from_thread(self._show, imported)

    def _show(self, imported: ImportedPlan) -> None:
        self.imported = imported
        columns = self.query_one("#import-columns", DataTable)
        columns.clear()
        shown: set[str] = set()
        for table in imported.tables:
            for index, column in enumerate(table.columns):
                if column.name in shown:
                    continue
                shown.add(column.name)
                samples = ", ".join(line(text)[:30] for text in table.samples.get(index, []))
                columns.add_row(
                    Text(line(column.name)), column.field, Text(samples), key=column.name
                )
        if columns.row_count:
            columns.move_cursor(row=min(self.changed_row, columns.row_count - 1))
        preview = self.query_one("#import-preview", DataTable)
        preview.clear()
        for action in imported.actions[:PREVIEW_ROWS]:
            cells = [action["id"], action["title"], action["theme"], ", ".join(action["officers"])]
            cells += [action["deadline"], action["status"], str(action["progress"] or "")]
            preview.add_row(*(Text(line(cell)[:60]) for cell in cells))
        self.query_one("#import-run", Button).disabled = not imported.actions
        self._status(self._summary(imported), error=not imported.actions)

    def _summary(self, imported: ImportedPlan) -> str:
        lines = [
            f"{len(imported.actions)} actions read, {len(imported.problems)} rows rejected, "
            f"{len(imported.warnings)} warnings"
        ]
        notes = [*imported.problems, *imported.warnings]
        lines += [f"{n.where}: {n.reason}" if n.where else n.reason for n in notes]
        if len(lines) > _WARNINGS_SHOWN + 1:
            lines = [*lines[: _WARNINGS_SHOWN + 1], f"… {len(notes) - _WARNINGS_SHOWN} more"]
        return "\n".join(lines)

    @on(DataTable.RowHighlighted, "#import-columns")
    def _column_highlighted(self, event: DataTable.RowHighlighted) -> None:
        columns = self.query_one("#import-columns", DataTable)
        field = str(columns.get_row(event.row_key)[1])
        with self.prevent(Select.Changed):
            self.query_one("#import-field", Select).value = field

    @on(Select.Changed, "#import-field")
    def _field_chosen(self, event: Select.Changed) -> None:
        """Read the file again with the highlighted column feeding the field chosen."""
        columns = self.query_one("#import-columns", DataTable)
        if self.path is None or columns.row_count == 0 or event.value is Select.BLANK:
            return
        name = str(columns.coordinate_to_cell_key(columns.cursor_coordinate).row_key.value)
        if str(columns.get_row(name)[1]) == event.value:
            return
        self.mapping[normalise(name)] = str(event.value)
        self.changed_row = columns.cursor_row
        self._read()

    # -- importing --------------------------------------------------------------------

    @on(Button.Pressed, "#import-run")
    def action_run_import(self) -> None:
        slug = self.query_one("#import-plan", Input).value.strip()
        if self.imported is None or not self.imported.actions or self.path is None:
            self._status("Read a file with actions first (Enter in the file box).", error=True)
            return
        if not slug:
            self._status("Give the plan a folder name.", error=True)
            return
        self._status(f"Importing {len(self.imported.actions)} actions as {slug}…")
        self.query_one("#import-run", Button).disabled = True
        self.write(self.imported, slug, str(self.path))

    @work(thread=True, exclusive=True, group="import-write", exit_on_error=False)
    def write(self, imported: ImportedPlan, slug: str, source: str) -> None:
        """Write the plan and commit it off the UI thread; close, or say why not."""
        try:
            result = import_plan(self.store, imported, slug, source, author=self.author)
        except (ValidationError, StoreError, GitError, OSError) as err:
            self.app.call_from_thread(self._failed, str(err))
            return
        self.app.call_from_thread(self.dismiss, result)

    def _failed(self, reason: str) -> None:
        self.query_one("#import-run", Button).disabled = False
        self._status(reason, error=True)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _status(self, message: str, *, error: bool = False) -> None:
        shown = "\n".join(line(part) for part in message.split("\n"))
        self.query_one("#import-status", Static).update(
            Text(shown, style="bold red" if error else "italic")
        )
