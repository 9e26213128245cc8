"""The walk over a document's rows that finds its actions, the way a reader would.

:class:`Walker` goes through the rows once, keeping the context a reader keeps:

- Report text before, between and after the tables is skipped (it only feeds the
  document facts: title, date, period; see :mod:`bvtui.importing.meta`).
- A *header row* (a title column such as "Milestones" / "Activities" / "Action Title"
  and other known columns; see :mod:`bvtui.importing.columns`) opens a table. A
  header repeated after a page break continues the table; cells the extraction lost
  from it are filled in from the previous header.
- Inside a table, a row with a title is an *action*; a row whose only text is
  "N. text" is a numbered *objective* ("1. Planning for 2018 ..."); "Key Milestones"
  is skipped; a row with no title continues the action above it (text wrapped over
  rows, a cell split by a page break), cell by cell, or the labelled field it follows;
  a row whose first cell names a field ("Q2 Update<TAB>text") sets that field of the
  action above.
- Actions belong to the objective above them, even across a repeated header.
- A short line that a table header follows is a *heading*: the theme when the table
  opens with a numbered objective ("Elections", then "1. Planning ..."), a section of
  the theme when an "Action / Recommendation" block follows; otherwise report
  furniture ("Progress Detail"). A line naming the current theme is a running page
  title and skipped. "Best Value Area<TAB>Procurement" rows set the theme directly.
- "Action / Recommendation" + "Lead" blocks give the objective (and its lead) of the
  milestone table after them, however the extraction spread their cells over rows.
- An "Action Status" key lists the plan's status words ("Overdue; Neglected").

What is not read becomes an :class:`ImportProblem` (line and reason) and the rest
imports. The walker gives :class:`Draft` actions, cells as written; reading their
values is :mod:`bvtui.importing.action`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bvtui.importing.columns import (
    EXTRA,
    ID,
    KEY_MILESTONES,
    OBJECTIVE_HEADER,
    STATUS_KEY,
    THEME,
    THEME_MARKER,
    TITLE,
    UPDATE,
    Column,
    ColumnMap,
    field_of,
    is_header,
    map_header,
    merge_repeated_header,
    normalise,
    quarter_of,
)
from bvtui.importing.fields import leading_number
from bvtui.importing.rag import key_row
from bvtui.importing.tables import Row

SECTION = "Section"
"""``extra`` key of the sub-heading a milestone sits under within its theme."""

OBJECTIVE_LEAD = "Action / Recommendation Lead"
"""``extra`` key of the lead named for a milestone's objective (not its own lead)."""

_RULE = re.compile(r"^[-=_–—\s]+$")
_FURNITURE = re.compile(
    r"^(?:(?i:page\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*of\s*\d+|-\s*\d+\s*-)"
    r"|OFFICIAL(?:[-\s]SENSITIVE)?|NOT PROTECTIVELY MARKED|PROTECT|RESTRICTED|UNCLASSIFIED"
    r"|(?i:official(?:[-\s]sensitive)?)(?=$))$"
)
"""Page furniture: page numbers and protective markings, never plan text."""
_SECTION_ROW = re.compile(
    r"^(?P<kind>(?:strategic\s+|corporate\s+)?priority|theme|workstream|section|part|area"
    r"|objective|outcome|recommendation)\s*[\w.]{0,4}\s*[:.)–-]\s*\S",
    re.IGNORECASE,
)
"""A section row ("Priority 2: Governance", "Recommendation 3 - ...") wherever it sits."""
_OBJECTIVE_KINDS = ("objective", "outcome", "recommendation")
_FOOTNOTE = re.compile(r"^(?:[*†‡]|notes?\s*[:.-]|source\s*:|footnote)", re.IGNORECASE)
_HEADING_WORDS = 15


@dataclass
class ImportProblem:
    """A row that could not be imported, and why (one line)."""

    line: int
    reason: str
    sheet: str = ""
    """The workbook sheet of the line, when the file has several."""

    @property
    def where(self) -> str:
        """``LINE``, ``SHEET:LINE`` in a workbook of several sheets, '' for the whole plan."""
        line = str(self.line) if self.line else ""
        return f"{self.sheet}:{line}" if self.sheet and line else line


@dataclass
class TableMap:
    """One table's header as read: its line, what each column became, sample values."""

    line: int
    columns: list[Column]
    sheet: str = ""
    samples: dict[int, list[str]] = field(default_factory=dict)
    """Column index -> its first values (two at most), for the user to check the mapping."""

    def sample(self, index: int, text: str) -> None:
        values = self.samples.setdefault(index, [])
        if len(values) < 2:
            values.append(text)


@dataclass
class Draft:
    """An action as its rows gave it, before its values are read."""

    line: int
    columns: list[Column]
    values: dict[int, str]
    signature: tuple[str, ...]
    theme: str
    objective: str
    group: tuple[str, str] | None
    context: dict[str, str]
    last: int | None = None
    """The labelled column that continuation rows extend, once a label row set one."""
    sheet: str = ""
    colours: dict[int, str] = field(default_factory=dict)
    """Column index -> the RAG colour of its cell (a status given as a colour)."""
    merged: frozenset[int] = frozenset()
    """Column indices whose text a merged cell above filled in."""

    def text(self, wanted: str) -> str:
        """The value of the first column feeding a field ('' when none)."""
        for index, column in enumerate(self.columns):
            if column.field == wanted:
                return self.values.get(index, "")
        return ""

    def has(self, wanted: str) -> bool:
        return any(column.field == wanted for column in self.columns)

    def append(self, index: int, text: str) -> None:
        """Add text wrapped over from another row to a cell (a new paragraph after a stop)."""
        while len(self.columns) <= index:
            self.columns.append(Column(EXTRA, f"Column {len(self.columns) + 1}"))
        before = self.values.get(index, "")
        joiner = "\n" if before.endswith((".", "!", "?", ":")) else " "
        self.values[index] = f"{before}{joiner}{text}" if before else text


@dataclass
class Walker:
    """One pass over the rows, keeping the context a reader keeps (see the module doc)."""

    rows: list[Row]
    mapping: ColumnMap | None = None
    """The user's own column names (``--map``), winning over the recognised ones."""
    drafts: list[Draft] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    key_words: list[str] = field(default_factory=list)
    rag_key: dict[str, str] = field(default_factory=dict)
    """Status codes and words -> RAG colour, from key rows in the file ("B = Complete")."""
    tables: list[TableMap] = field(default_factory=list)
    """Each table header's mapping, in order."""
    quarter: int | None = None
    seen_header: bool = False
    header: list[str] | None = None
    columns: list[Column] | None = None
    title_index: int = 0
    id_index: int | None = None
    theme: str = ""
    section: str = ""
    objective: str = ""
    objective_lead: str = ""
    group: tuple[str, str] | None = None
    objectives_seen: int = 0
    heading: str = ""
    capture: list[str] | None = None
    in_key: bool = False
    current: Draft | None = None
    after_action: bool = False
    sheet: str = ""
    sheets_are_themes: bool = False
    """More than one sheet holds a table: a sheet's name is its theme (no theme column)."""
    several_sheets: bool = False

    def walk(self) -> None:
        sheets = {row.sheet for row in self.rows}
        self.several_sheets = len(sheets) > 1
        if self.several_sheets:
            tables = {row.sheet for row in self.rows if is_header(row.cells, self.mapping)}
            self.sheets_are_themes = len(tables) > 1
        for index, row in enumerate(self.rows):
            if row.sheet != self.sheet:
                self._new_sheet(row.sheet)
            self._row(index, row)

    def _new_sheet(self, name: str) -> None:
        """A sheet starts afresh: no table, no theme, no action to continue."""
        self.sheet = name
        self.columns = self.header = self.current = self.capture = None
        self.theme = self.section = self.objective = self.objective_lead = self.heading = ""
        self.group = None
        self.in_key = self.after_action = False

    def _row(self, index: int, row: Row) -> None:
        if any(_FURNITURE.match(cell) for cell in row.cells):
            row.cells = ["" if _FURNITURE.match(cell) else cell for cell in row.cells]
        filled = [(position, cell) for position, cell in enumerate(row.cells) if cell]
        if not filled:
            self.in_key = self.after_action = False
            return
        if all(_RULE.match(cell) for _, cell in filled):
            return
        first = normalise(filled[0][1])
        key = key_row("; ".join(cell for _, cell in filled)) if len(filled) <= 8 else None
        if key:
            self.rag_key.update(key)
        elif self.in_key:
            self._status_key_row(filled)
        elif is_header(row.cells, self.mapping):
            self._header(index, row.cells)
        elif first in OBJECTIVE_HEADER and len(filled) <= 2:
            self._objective_header()
        elif self.capture is not None:
            self._capture_objective(filled, first)
        elif len(filled) == 1 and first in STATUS_KEY:
            self.in_key = True
        elif first in THEME_MARKER and len(filled) >= 2 and filled[0][0] == 0:
            self._set_theme(filled[1][1])
            self.columns = self.header = self.current = None
        elif self.columns is None:
            self._outside(row, filled)
        else:
            self._table_row(index, row, filled)

    # -- structure rows -------------------------------------------------------------

    def _status_key_row(self, filled: list[tuple[int, str]]) -> None:
        for _, cell in filled:
            self.key_words.extend(word.strip() for word in cell.split(";") if word.strip())

    def _header(self, index: int, cells: list[str]) -> None:
        cells = merge_repeated_header(cells, self.header)
        self.seen_header = True
        self.header = cells
        self.columns = map_header(cells, self.mapping)
        sheet = self.sheet if self.several_sheets else ""
        self.tables.append(TableMap(self.rows[index].line, self.columns, sheet))
        fields = [column.field for column in self.columns]
        self.title_index = fields.index(TITLE)
        self.id_index = fields.index(ID) if ID in fields else None
        quarters = [quarter for quarter in map(quarter_of, cells) if quarter]
        self.quarter = max(quarters) if quarters else self.quarter
        if self.capture is not None:
            self._finish_objective()
        if self.heading and self._opens_with_objective(index):
            self._set_theme(self.heading)
        elif self.sheets_are_themes and THEME not in fields and self.theme != self.sheet:
            self._set_theme(self.sheet)
        self.heading = ""

    def _objective_header(self) -> None:
        if self.heading and not self._names_theme(self.heading):
            self.section = self.heading
        self.heading = ""
        self.capture = []

    def _capture_objective(self, filled: list[tuple[int, str]], first: str) -> None:
        if len(filled) == 1 and first == "lead":
            return
        assert self.capture is not None
        self.capture.extend(cell for _, cell in filled)

    def _finish_objective(self) -> None:
        texts = self.capture or [""]
        self._set_objective(texts[0], texts[1] if len(texts) > 1 else "")
        self.capture = None

    def _set_objective(self, text: str, lead: str = "") -> None:
        self.objectives_seen += 1
        self.objective, self.objective_lead = text, lead
        self.group = ("objective", str(self.objectives_seen))

    def _set_theme(self, theme: str) -> None:
        self.theme = theme
        self.section = self.objective = self.objective_lead = ""
        self.group = None
        if theme not in self.themes:
            self.themes.append(theme)

    def _outside(self, row: Row, filled: list[tuple[int, str]]) -> None:
        """Report text: kept for the document facts; a short line may be a heading."""
        text = " ".join(cell for _, cell in filled)
        self.narrative.append(text)
        self.heading = text if len(filled) == 1 and is_heading(text) else ""
        if len(filled) == 2:  # a key table: "P | Complete" on a Key sheet or below the plan
            self.rag_key.update(key_row(" = ".join(cell for _, cell in filled), pairs=1) or {})

    # -- table rows -----------------------------------------------------------------

    def _table_row(self, index: int, row: Row, filled: list[tuple[int, str]]) -> None:
        label = field_of(filled[0][1], self.mapping)
        text = filled[0][1]
        title = cell_at(row, self.title_index)
        if label and self.current and len(filled) <= 2 and filled[0][0] != self.title_index:
            self._label_row(filled, label)
        elif len(filled) == 1 and normalise(text) == KEY_MILESTONES:
            return
        elif len(filled) == 1 and _FOOTNOTE.match(text):
            self.after_action = False
        elif len(filled) == 1 and self._section(filled[0][0], text):
            self.current = None
        elif len(filled) == 1:
            self._single(index, row, text, filled[0][0] == self.title_index)
        elif not title:
            self._continuation(row, filled)
        else:
            self._new_action(row, filled)

    def _label_row(self, filled: list[tuple[int, str]], label: str) -> None:
        """``Q2 Update<TAB>text``: a field of the action above, named in the row itself."""
        assert self.current is not None
        draft = self.current
        draft.columns.append(Column(label, filled[0][1]))
        draft.last = len(draft.columns) - 1
        draft.values[draft.last] = " ".join(cell for _, cell in filled[1:])
        if label == UPDATE:
            self.quarter = self.quarter or quarter_of(filled[0][1])

    def _section(self, position: int, text: str) -> bool:
        """A section row: a theme or an objective for the actions below it.

        "Priority 2: Governance" or "Recommendation 3 - ..." in any column; in the id
        column, text that is no id ("Governance and leadership") is a theme row.
        """
        match = _SECTION_ROW.match(text)
        if match and match["kind"].lower() in _OBJECTIVE_KINDS:
            self._set_objective(text)
        elif match or (
            position == self.id_index and len(text.split()) > 1 and not text[0].isdigit()
        ):
            self._set_theme(text)
        elif position == self.id_index and leading_number(text) is not None:
            self._set_objective(text)
        else:
            return False
        return True

    def _single(self, index: int, row: Row, text: str, in_title: bool) -> None:
        """A row with one cell of text: heading, objective, page title or wrapped text."""
        if in_title and leading_number(text) is not None:
            self._set_objective(text)
            self.current = None
        elif is_heading(text) and self._header_follows(index):
            self.heading = text
        elif in_title and is_heading(text) and self._names_theme(text):
            return
        elif in_title and self.after_action and self.current:
            self.current.append(self.title_index, text)
        else:
            self._continuation(row, [(i, c) for i, c in enumerate(row.cells) if c])

    def _continuation(self, row: Row, filled: list[tuple[int, str]]) -> None:
        """A row without a title: more text for the action above it."""
        draft = self.current
        row_id = cell_at(row, self.id_index)
        if row_id:
            self._problem(row.line, f"action '{row_id}' has no title")
        elif draft is None:
            self._problem(row.line, f"text outside any action: '{excerpt(filled[0][1])}'")
        elif draft.last is not None:
            draft.append(draft.last, " ".join(cell for _, cell in filled))
        else:
            for index, cell in filled:
                if index not in row.merged:
                    draft.append(index, cell)
        self.after_action = draft is not None

    def _new_action(self, row: Row, filled: list[tuple[int, str]]) -> None:
        assert self.columns is not None
        context = {SECTION: self.section, OBJECTIVE_LEAD: self.objective_lead}
        draft = Draft(
            line=row.line,
            columns=list(self.columns),
            values={},
            signature=tuple(column.field for column in self.columns),
            theme=self.theme,
            objective=self.objective,
            group=self.group,
            context={key: value for key, value in context.items() if value},
            sheet=self.sheet if self.several_sheets else "",
            colours=row.colours,
            merged=row.merged,
        )
        for index, cell in filled:
            draft.append(index, cell)
            if self.tables:
                self.tables[-1].sample(index, cell)
        self.drafts.append(draft)
        self.current = draft
        self.after_action = True

    # -- look-ahead -----------------------------------------------------------------

    def _next_content(self, index: int) -> Row | None:
        for row in self.rows[index + 1 :]:
            cells = [cell for cell in row.cells if cell]
            if cells and not all(_RULE.match(cell) for cell in cells):
                return row
        return None

    def _header_follows(self, index: int) -> bool:
        """True when the next row with text opens a table or an objective block."""
        row = self._next_content(index)
        if row is None:
            return False
        first = normalise(next(cell for cell in row.cells if cell))
        return is_header(row.cells, self.mapping) or first in OBJECTIVE_HEADER

    def _opens_with_objective(self, index: int) -> bool:
        """True when the row after a header is a numbered objective ("1. Planning ...")."""
        row = self._next_content(index)
        cells = [cell for cell in row.cells if cell] if row else []
        return len(cells) == 1 and leading_number(cells[0]) is not None

    def _names_theme(self, text: str) -> bool:
        """True for a running page title naming the current theme ("Best Value: Grants ...").

        The theme must appear as written, capitals included, as whole words: "Policy
        and process for property disposal" is a heading of the Property theme, not
        its page title.
        """
        return bool(self.theme) and re.search(rf"\b{re.escape(self.theme)}\b", text) is not None

    def _problem(self, line: int, reason: str) -> None:
        self.problems.append(ImportProblem(line, reason, self.sheet if self.several_sheets else ""))


def cell_at(row: Row, index: int | None) -> str:
    """The row's cell at a column, '' when the column is absent or the row shorter."""
    return row.cells[index] if index is not None and index < len(row.cells) else ""


def _is_title_like(text: str) -> bool:
    """Words, not an id: "Governance and leadership" in a Ref column is a theme row
    ("A 3", "R1 & R2" are ids: they hold a digit)."""
    return len(text.split()) > 1 and not any(character.isdigit() for character in text)


def is_heading(text: str) -> bool:
    """Short enough to be a heading, and not a sentence."""
    return len(text.split()) <= _HEADING_WORDS and not text.endswith((".", ";", ","))


def excerpt(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."
