"""Which model field a column header names, matched ignoring case, spaces and punctuation.

Councils name the same column many ways (``Lead Officer``, ``Ownership Managed By``,
``SMT Lead``; ``%Comp``, ``% Comp``, ``Progress %``...). :func:`field_of` maps one header
to a field of the model, or to ``extra`` when the model has no place for it;
:func:`map_header` maps a whole header row, deciding which column wins when two name
the same field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID = "id"
TITLE = "title"
THEME = "theme"
OBJECTIVE = "objective"
OFFICERS = "officers"
DEADLINE = "deadline"
REVISED = "revised_deadline"
STATUS = "status"
PROGRESS = "progress"
UPDATE = "update"
EXTRA = "extra"

# Synonyms per field, normalised by :func:`normalise`. Where a sheet has two columns
# for one field, the one whose synonym comes first here wins and the other goes to
# ``extra`` under its own name: "Lead Officer" beats "Lead", an "Objective" column
# beats "Outcome", and "SMT Lead" (a named officer) is the officers column of last
# resort, so "Member Lead" and "Officer or Member action" always stay in ``extra``.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    ID: ("ref", "actioncode", "id", "reference", "refno", "actionref", "actionid"),
    TITLE: (
        "milestones",
        "milestone",
        "activities",
        "actiontitle",
        "action",
        "actions",
        "title",
        "keymilestone",
        "task",
    ),
    THEME: ("theme", "improvementtheme", "priorityarea", "priority", "bestvaluearea"),
    OBJECTIVE: (
        "objective",
        "strategicobjective",
        "strategicaction",
        "recommendation",
        "outcome",
    ),
    OFFICERS: (
        "leadofficer",
        "leadofficers",
        "responsibleofficer",
        "owner",
        "ownershipmanagedby",
        "managedby",
        "lead",
        "smtlead",
    ),
    DEADLINE: ("deadline", "timescale", "timescales", "duedate", "targetdate", "due"),
    REVISED: ("revisedtargetdate", "reviseddeadline", "reviseddate", "revisedduedate"),
    STATUS: ("status", "ragstatus", "rag", "ragrating"),
    PROGRESS: (
        "percentcomp",
        "progresspercent",
        "percentcomplete",
        "percentagecomplete",
        "progress",
    ),
    UPDATE: (
        "comments",
        "comment",
        "update",
        "latestupdate",
        "progressupdate",
        "actiontodate",
        "actionplannedandrisks",
    ),
}

_FIELD_BY_NAME = {name: field for field, names in _SYNONYMS.items() for name in names}
_RANK = {name: rank for names in _SYNONYMS.values() for rank, name in enumerate(names)}

# "QUARTER 2 COMMENTS", "Q2 Update", "Quarter 3 update": an update column for a quarter.
_QUARTER_UPDATE = re.compile(r"^(?:quarter|qtr|q)([1-4])(?:comments?|updates?|progress)$")

OBJECTIVE_HEADER = ("actionrecommendation", "actionrecommendationlead")
"""A row naming the objective of the milestones below it ("Action / Recommendation")."""

STATUS_KEY = ("actionstatus", "statuskey", "key")
"""A row introducing a list of the plan's status words (a performance-system key)."""

THEME_MARKER = ("bestvaluearea", "theme", "priorityarea", "improvementtheme")
"""A row ``Best Value Area<TAB>Procurement``: the theme of the tables after it."""

KEY_MILESTONES = "keymilestones"


@dataclass(frozen=True)
class Column:
    """One column of a table: the field it feeds and its header as written."""

    field: str
    name: str


def normalise(text: str) -> str:
    """A header reduced to lowercase letters and digits; ``%`` reads as "percent"."""
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("%", "percent"))


def field_of(header: str) -> str | None:
    """The model field a header names, or None when it names none."""
    key = normalise(header)
    if not key:
        return None
    if _QUARTER_UPDATE.match(key):
        return UPDATE
    return _FIELD_BY_NAME.get(key)


def quarter_of(header: str) -> int | None:
    """The quarter an update header names ("QUARTER 2 COMMENTS" -> 2), else None."""
    match = _QUARTER_UPDATE.match(normalise(header))
    return int(match.group(1)) if match else None


def is_header(cells: list[str]) -> bool:
    """True for a table header row: a title column, another known column, mostly known.

    Narrative tables in reports ("Key achievements | Measurable outcomes", "OUTCOME |
    DATE | CURRENT STATUS") have no title column and are not taken for plan tables.
    """
    named = [cell for cell in cells if cell]
    fields = [field_of(cell) for cell in named]
    known = [field for field in fields if field is not None]
    return TITLE in known and len(known) >= 2 and 2 * len(known) >= len(named)


def map_header(cells: list[str]) -> list[Column]:
    """The columns of a header row, one per cell.

    Each field is fed by one column only (updates excepted: a plan may split its
    comment over "Action to Date" and "Action planned and risks"); when two columns
    name the same field, the better-ranked synonym wins (see ``_SYNONYMS``) and the
    other is kept in ``extra``. A column with no header is ``extra`` named "Column N".
    """
    winners: dict[str, tuple[int, int]] = {}
    for index, cell in enumerate(cells):
        field = field_of(cell)
        if field is None or field == UPDATE:
            continue
        rank = (_RANK.get(normalise(cell), 0), index)
        if field not in winners or rank < winners[field]:
            winners[field] = rank
    columns = []
    for index, cell in enumerate(cells):
        field = field_of(cell)
        if field is not None and field != UPDATE and winners[field][1] != index:
            field = None
        # one line: the name becomes an ``extra`` key, which holds no line break
        name = " ".join(cell.split())
        columns.append(Column(field or EXTRA, name or f"Column {index + 1}"))
    return columns


def merge_repeated_header(new: list[str], previous: list[str] | None) -> list[str]:
    """A page-break header with the names extraction lost filled in from the last one.

    PDF extraction sometimes drops a header cell of a repeated header ("Activities |
    Lead Officer | ... | %Comp |" with the comments column blank). When every named
    cell of ``new`` matches ``previous`` at the same position, the blanks take the
    previous names; otherwise ``new`` is a different table and is returned as it is.
    """
    if not previous:
        return new
    named = [(index, cell) for index, cell in enumerate(new) if cell]
    if any(index >= len(previous) or previous[index] != cell for index, cell in named):
        return new
    width = max(len(new), len(previous))
    padded = new + [""] * (width - len(new))
    return [cell or (previous[i] if i < len(previous) else "") for i, cell in enumerate(padded)]
