"""Parsing a council's plan document or spreadsheet into a structured plan (no I/O but reading).

``parse_file`` reads a file with :func:`bvtui.core.tables.read_table` and walks its rows
once, the way a reader would:

- Report text before, between and after the tables is skipped (it only feeds the
  document facts: title, date, period; see :mod:`bvtui.core.import_meta`).
- A *header row* (a title column such as "Milestones" / "Activities" / "Action Title"
  and other known columns; see :mod:`bvtui.core.import_columns`) opens a table. A
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
imports. The result depends on the file's content only, so a re-import of the same
file gives the same plan, ids and order included.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bvtui.core.import_columns import (
    EXTRA,
    ID,
    KEY_MILESTONES,
    OBJECTIVE,
    OBJECTIVE_HEADER,
    OFFICERS,
    PROGRESS,
    STATUS_KEY,
    THEME,
    THEME_MARKER,
    TITLE,
    UPDATE,
    Column,
    field_of,
    is_header,
    map_header,
    merge_repeated_header,
    normalise,
    quarter_of,
)
from bvtui.core.import_fields import (
    clean_id,
    leading_number,
    lettered_themes,
    officer_aliases,
    parse_progress,
    plan_statuses,
    respell_status,
    split_officers,
)
from bvtui.core.import_meta import document_facts
from bvtui.core.tables import ImportError_, Row, read_table

__all__ = ["ImportError_", "ImportProblem", "ImportedPlan", "parse_file", "parse_rows"]

SECTION = "Section"
"""``extra`` key of the sub-heading a milestone sits under within its theme."""

OBJECTIVE_LEAD = "Action / Recommendation Lead"
"""``extra`` key of the lead named for a milestone's objective (not its own lead)."""

_RULE = re.compile(r"^[-=_–—\s]+$")
_HEADING_WORDS = 15


@dataclass
class ImportProblem:
    """A row that could not be imported, and why (one line)."""

    line: int
    reason: str


@dataclass
class ImportedPlan:
    """A plan as read from a document: plan facts, actions as plain dicts, problems."""

    title: str
    organisation: str
    as_of: datetime.date | None
    period: str
    themes: list[str]
    statuses: dict[str, str]
    officer_aliases: dict[str, str]
    actions: list[dict]
    problems: list[ImportProblem]


def parse_file(path: Path) -> ImportedPlan:
    """Read a plan from a tab-separated text, csv or xlsx file.

    Args:
        path: The document or spreadsheet.

    Returns:
        The plan; rows that could not be read are in its ``problems``.

    Raises:
        ImportError_: The file itself cannot be read.
    """
    return parse_rows(read_table(path))


def parse_rows(rows: list[Row]) -> ImportedPlan:
    """Read a plan from rows of cells (see :func:`parse_file`)."""
    walker = _Walker(rows)
    walker.walk()
    return _assemble(walker)


@dataclass
class _Draft:
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
class _Walker:
    """One pass over the rows, keeping the context a reader keeps (see the module doc)."""

    rows: list[Row]
    drafts: list[_Draft] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    key_words: list[str] = field(default_factory=list)
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
    current: _Draft | None = None
    after_action: bool = False

    def walk(self) -> None:
        for index, row in enumerate(self.rows):
            self._row(index, row)

    def _row(self, index: int, row: Row) -> None:
        filled = [(position, cell) for position, cell in enumerate(row.cells) if cell]
        if not filled:
            self.in_key = self.after_action = False
            return
        if all(_RULE.match(cell) for _, cell in filled):
            return
        first = normalise(filled[0][1])
        if self.in_key:
            self._status_key_row(filled)
        elif is_header(row.cells):
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
        self.columns = map_header(cells)
        fields = [column.field for column in self.columns]
        self.title_index = fields.index(TITLE)
        self.id_index = fields.index(ID) if ID in fields else None
        self.quarter = self.quarter or next(filter(None, map(quarter_of, cells)), None)
        if self.capture is not None:
            self._finish_objective()
        if self.heading and self._opens_with_objective(index):
            self._set_theme(self.heading)
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
        self.heading = text if len(filled) == 1 and _is_heading(text) else ""

    # -- table rows -----------------------------------------------------------------

    def _table_row(self, index: int, row: Row, filled: list[tuple[int, str]]) -> None:
        label = field_of(filled[0][1])
        text = filled[0][1]
        title = _cell(row, self.title_index)
        if label and self.current and len(filled) <= 2 and filled[0][0] != self.title_index:
            self._label_row(filled, label)
        elif len(filled) == 1 and normalise(text) == KEY_MILESTONES:
            return
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

    def _single(self, index: int, row: Row, text: str, in_title: bool) -> None:
        """A row with one cell of text: heading, objective, page title or wrapped text."""
        if in_title and leading_number(text) is not None:
            self._set_objective(text)
            self.current = None
        elif _is_heading(text) and self._header_follows(index):
            self.heading = text
        elif in_title and _is_heading(text) and self._names_theme(text):
            return
        elif in_title and self.after_action and self.current:
            self.current.append(self.title_index, text)
        else:
            self._continuation(row, [(i, c) for i, c in enumerate(row.cells) if c])

    def _continuation(self, row: Row, filled: list[tuple[int, str]]) -> None:
        """A row without a title: more text for the action above it."""
        draft = self.current
        row_id = _cell(row, self.id_index)
        if row_id:
            self._problem(row.line, f"action '{row_id}' has no title")
        elif draft is None:
            self._problem(row.line, f"text outside any action: '{_excerpt(filled[0][1])}'")
        elif draft.last is not None:
            draft.append(draft.last, " ".join(cell for _, cell in filled))
        else:
            for index, cell in filled:
                draft.append(index, cell)
        self.after_action = draft is not None

    def _new_action(self, row: Row, filled: list[tuple[int, str]]) -> None:
        assert self.columns is not None
        context = {SECTION: self.section, OBJECTIVE_LEAD: self.objective_lead}
        draft = _Draft(
            line=row.line,
            columns=list(self.columns),
            values={},
            signature=tuple(column.field for column in self.columns),
            theme=self.theme,
            objective=self.objective,
            group=self.group,
            context={key: value for key, value in context.items() if value},
        )
        for index, cell in filled:
            draft.append(index, cell)
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
        return is_header(row.cells) or first in OBJECTIVE_HEADER

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
        self.problems.append(ImportProblem(line, reason))


def _cell(row: Row, index: int | None) -> str:
    """The row's cell at a column, '' when the column is absent or the row shorter."""
    return row.cells[index] if index is not None and index < len(row.cells) else ""


def _is_heading(text: str) -> bool:
    """Short enough to be a heading, and not a sentence."""
    return len(text.split()) <= _HEADING_WORDS and not text.endswith((".", ";", ","))


def _excerpt(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


# -- from drafts to the plan ----------------------------------------------------------


def _assemble(walker: _Walker) -> ImportedPlan:
    """Turn the walker's drafts into the plan: ids, values, statuses, themes, aliases."""
    problems = list(walker.problems)
    drafts, summaries = _split_summaries(walker.drafts)
    ids = _draft_ids(drafts)
    facts = document_facts(walker.narrative, walker.quarter)
    themes = _themes(drafts)
    actions: list[dict] = []
    seen: dict[str, int] = {}
    for draft, raw_id in zip(drafts, ids, strict=True):
        try:
            action = _action(draft, raw_id, facts.period, themes, summaries)
        except ValueError as error:
            problems.append(ImportProblem(draft.line, str(error)))
            continue
        if action["id"] in seen:
            reason = f"id '{action['id']}' is used again (first on line {seen[action['id']]})"
            problems.append(ImportProblem(draft.line, reason))
            continue
        seen[action["id"]] = draft.line
        actions.append(action)
    if not walker.seen_header:
        problems.append(
            ImportProblem(
                1,
                "no table header found (a title column such as "
                "Milestone, Activities or Action Title)",
            )
        )
    statuses = plan_statuses(walker.key_words, [a["status"] for a in actions if a["status"]])
    for action in actions:
        action["status"] = respell_status(action["status"], statuses) if action["status"] else ""
    officers = [name for action in actions for name in action["officers"]]
    declared = [themes.get(theme, theme) for theme in walker.themes]
    return ImportedPlan(
        title=facts.title,
        organisation=facts.organisation,
        as_of=facts.as_of,
        period=facts.period,
        themes=list(dict.fromkeys([*declared, *(a["theme"] for a in actions if a["theme"])])),
        statuses=statuses,
        officer_aliases=officer_aliases(officers),
        actions=actions,
        problems=sorted(problems, key=lambda problem: problem.line),
    )


def _split_summaries(drafts: list[_Draft]) -> tuple[list[_Draft], dict[str, str]]:
    """Separate summary rows (one per objective) from the actions they summarise.

    A performance-system export lists each recommendation ("R1 & R2", "R3") in a
    summary table and its actions ("R2.1", "R2.2") in detail tables. When some ids
    are dotted, a table (rows of one header shape) whose ids are all undotted is a
    summary: its rows are not actions, they name the objectives.

    Returns:
        The action drafts, and each summary row's id token -> its objective label
        ("R2" -> "R1 & R2: The Council now needs to ...").
    """
    with_ids = [draft for draft in drafts if draft.has(ID)]
    if not any("." in draft.text(ID) for draft in with_ids):
        return drafts, {}
    dotted = {draft.signature for draft in with_ids if "." in draft.text(ID)}
    summary = [draft for draft in with_ids if draft.signature not in dotted]
    labels: dict[str, str] = {}
    for draft in summary:
        code = draft.text(ID)
        for token in re.findall(r"[A-Za-z]*\d+", code):
            labels.setdefault(token, f"{code}: {' '.join(draft.text(TITLE).split())}")
    dropped = {id(draft) for draft in summary}
    return [draft for draft in drafts if id(draft) not in dropped], labels


def _draft_ids(drafts: list[_Draft]) -> list[str]:
    """Each draft's id as written, or a stable one where its table has no id column.

    Generated ids are ``<objective number>.<position in it>`` ("1.3"). The number is
    the one the objectives carry ("1. Planning ...") when every objective carries a
    different one, else the objective's order in the document; rows with no objective
    group by theme the same way, rows with neither are numbered by position ("7").
    Ids are fixed before any row is rejected, so mending a bad row never renumbers
    the others.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    loose: list[int] = []
    for index, draft in enumerate(drafts):
        if draft.has(ID):
            continue
        key = _group_key(draft)
        (groups.setdefault(key, []) if key else loose).append(index)
    numbers = _group_numbers(list(groups), drafts, groups)
    ids = [draft.text(ID) if draft.has(ID) else "" for draft in drafts]
    for key, members in groups.items():
        for position, index in enumerate(members, start=1):
            ids[index] = f"{numbers[key]}.{position}"
    for position, index in enumerate(loose, start=1):
        ids[index] = str(position)
    return ids


def _group_key(draft: _Draft) -> tuple[str, str] | None:
    column_objective = draft.text(OBJECTIVE)
    if column_objective:
        return ("objective", column_objective)
    if draft.group:
        return draft.group
    theme = draft.text(THEME) or draft.theme
    return ("theme", theme) if theme else None


def _group_numbers(
    keys: list[tuple[str, str]], drafts: list[_Draft], groups: dict[tuple[str, str], list[int]]
) -> dict[tuple[str, str], int]:
    """The number of each group: the objective's own when all differ, else its order."""
    own = [leading_number(_objective_of(drafts[groups[key][0]])) for key in keys]
    if all(number is not None for number in own) and len(set(own)) == len(own):
        return {key: number for key, number in zip(keys, own, strict=True) if number is not None}
    return {key: position for position, key in enumerate(keys, start=1)}


def _objective_of(draft: _Draft) -> str:
    return draft.text(OBJECTIVE) or draft.objective


def _themes(drafts: list[_Draft]) -> dict[str, str]:
    """Each theme cell -> the plan theme it belongs to (lettered themes merged by letter)."""
    cells = list(dict.fromkeys(draft.text(THEME) for draft in drafts if draft.text(THEME)))
    return lettered_themes(cells) or {}


def _action(
    draft: _Draft, raw_id: str, period: str, themes: dict[str, str], summaries: dict[str, str]
) -> dict:
    """The action dict of a draft. Raises ValueError with the reason it cannot be read."""
    if draft.has(ID) and not raw_id:
        raise ValueError(f"no {_name_of(draft, ID)} for '{_excerpt(draft.text(TITLE))}'")
    action_id = clean_id(raw_id)
    theme_cell = draft.text(THEME)
    extra = _extra(draft)
    if theme_cell in themes and themes[theme_cell] != theme_cell:
        extra[_name_of(draft, THEME)] = theme_cell
    return {
        "id": action_id,
        "title": " ".join(draft.text(TITLE).split()),
        "theme": themes.get(theme_cell, theme_cell) or draft.theme,
        "objective": _objective_of(draft) or summaries.get(action_id.split(".")[0], ""),
        "officers": split_officers(draft.text(OFFICERS)),
        "deadline": draft.text("deadline"),
        "revised_deadline": draft.text("revised_deadline"),
        "status": " ".join(draft.text("status").split()),
        "progress": parse_progress(draft.text(PROGRESS)),
        "updates": _updates(draft, period),
        "extra": extra,
    }


def _updates(draft: _Draft, period: str) -> list[dict[str, str]]:
    """The draft's comment as one update for the period.

    A plan that splits its comment over several columns ("Action to Date", "Action
    planned and risks") keeps every part, each labelled with its column name.
    """
    parts = [
        (column.name, draft.values.get(index, ""))
        for index, column in enumerate(draft.columns)
        if column.field == UPDATE
    ]
    texts = [(name, text) for name, text in parts if text]
    if not texts:
        return []
    if len(parts) == 1:
        return [{"period": period, "text": texts[0][1]}]
    return [{"period": period, "text": "\n\n".join(f"{name}: {text}" for name, text in texts)}]


def _extra(draft: _Draft) -> dict[str, str]:
    """Every other column's value under its own header name, then the structure context."""
    extra: dict[str, str] = {}
    names = Counter[str]()
    for index, column in enumerate(draft.columns):
        text = draft.values.get(index, "")
        if column.field != EXTRA or not text:
            continue
        names[column.name] += 1
        name = column.name if names[column.name] == 1 else f"{column.name} ({names[column.name]})"
        extra[name] = text
    extra.update(draft.context)
    return extra


def _name_of(draft: _Draft, wanted: str) -> str:
    return next(column.name for column in draft.columns if column.field == wanted)
