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
    ID: (
        "ref",
        "actioncode",
        "id",
        "reference",
        "refno",
        "actionref",
        "actionid",
        "actionno",
        "actionnumber",
        "no",
        "number",
        "recno",
        "recommendationno",
        "recommendationref",
        "riskref",
        "riskid",
        "riskno",
        "itemno",
    ),
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
        "agreedaction",
        "agreedactions",
        "agreedmanagementaction",
        "managementaction",
        "actionrequired",
        "actionsrequired",
        "keyaction",
        "keyactions",
        "improvementaction",
        "actiondescription",
        "whatwewilldo",
        "deliverable",
        "deliverables",
        "risktitle",
        "risk",
        "riskdescription",
        "description",
    ),
    THEME: (
        "theme",
        "improvementtheme",
        "priorityarea",
        "priority",
        "bestvaluearea",
        "workstream",
        "themearea",
    ),
    OBJECTIVE: (
        "objective",
        "strategicobjective",
        "strategicaction",
        "recommendation",
        "ofstedrecommendation",
        "auditrecommendation",
        "recommendations",
        "outcome",
    ),
    OFFICERS: (
        "leadofficer",
        "leadofficers",
        "responsibleofficer",
        "responsibleofficers",
        "owner",
        "owners",
        "actionowner",
        "riskowner",
        "ownershipmanagedby",
        "managedby",
        "accountableofficer",
        "responsibleperson",
        "responsibility",
        "officer",
        "lead",
        "leads",
        "smtlead",
    ),
    DEADLINE: (
        "deadline",
        "timescale",
        "timescales",
        "duedate",
        "targetdate",
        "due",
        "targetcompletiondate",
        "completiondate",
        "implementationdate",
        "agreedimplementationdate",
        "bywhen",
        "when",
        "timeframe",
        "enddate",
    ),
    REVISED: (
        "revisedtargetdate",
        "reviseddeadline",
        "reviseddate",
        "revisedduedate",
        "revisedimplementationdate",
        "revisedtimescale",
        "newtargetdate",
    ),
    STATUS: (
        "status",
        "ragstatus",
        "rag",
        "ragrating",
        "brag",
        "bragstatus",
        "bragrating",
        "progressrag",
        "statusrag",
        "currentstatus",
        "overallstatus",
        "implementationstatus",
        "progressstatus",
        "deliverystatus",
    ),
    PROGRESS: (
        "percentcomp",
        "progresspercent",
        "percentcomplete",
        "percentagecomplete",
        "percentcompleted",
        "progress",
    ),
    UPDATE: (
        "comments",
        "comment",
        "update",
        "updates",
        "latestupdate",
        "progressupdate",
        "commentary",
        "progresscommentary",
        "progresstodate",
        "progressnotes",
        "currentposition",
        "latestposition",
        "actiontodate",
        "actionplannedandrisks",
    ),
}

_TITLE_FALLBACK = ("recommendation", "ofstedrecommendation", "auditrecommendation", "objective")
"""Columns that carry the actions when a table has no title column of its own (an
audit tracker's "Recommendation"); with a title column they are the objective."""

FIELDS = (ID, TITLE, THEME, OBJECTIVE, OFFICERS, DEADLINE, REVISED, STATUS, PROGRESS, UPDATE)
"""The fields a column can feed, besides ``extra`` (what ``--map`` accepts)."""

_FIELD_BY_NAME = {name: field for field, names in _SYNONYMS.items() for name in names}
_RANK = {name: rank for names in _SYNONYMS.values() for rank, name in enumerate(names)}

# "QUARTER 2 COMMENTS", "Q2 Update", "Quarter 3 update": an update column for a quarter.
_QUARTER_UPDATE = re.compile(r"^(?:quarter|qtr|q)([1-4])(?:comments?|updates?|progress)$")
# "Update as at 31 Dec 2024", "Commentary (March 2025)": an update column with its date.
_DATED_UPDATE = re.compile(
    r"^(?:progress)?(?:updates?|commentary|comments?|position)(?:asat|at|as|for|on)?"
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|quarter)"
)

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


ColumnMap = dict[str, str]
"""The user's own column names (normalised header -> field), from ``--map``."""


def parse_map(items: list[str]) -> ColumnMap:
    """``--map "Commentary=update"`` options as a column map.

    Raises:
        ValueError: an item is not ``HEADER=FIELD`` or names no known field (one line).
    """
    mapping: ColumnMap = {}
    for item in items:
        header, _, wanted = item.rpartition("=")
        wanted = wanted.strip().lower().replace(" ", "_")
        if wanted == "revised":
            wanted = REVISED
        if not normalise(header) or wanted not in (*FIELDS, EXTRA):
            raise ValueError(
                f"--map '{item}': expected HEADER=FIELD, FIELD one of {', '.join(FIELDS)}, extra"
            )
        mapping[normalise(header)] = wanted
    return mapping


def field_of(header: str, mapping: ColumnMap | None = None) -> str | None:
    """The model field a header names, or None when it names none."""
    key = normalise(header)
    if not key:
        return None
    if mapping and key in mapping:
        return mapping[key]
    if _QUARTER_UPDATE.match(key) or _DATED_UPDATE.match(key):
        return UPDATE
    return _FIELD_BY_NAME.get(key)


def quarter_of(header: str) -> int | None:
    """The quarter an update header names ("QUARTER 2 COMMENTS" -> 2), else None."""
    match = _QUARTER_UPDATE.match(normalise(header))
    return int(match.group(1)) if match else None


def header_fields(cells: list[str], mapping: ColumnMap | None = None) -> list[str | None]:
    """The field each header cell names; with no title column, a recommendation is it."""
    fields = [field_of(cell, mapping) for cell in cells]
    if TITLE not in fields:
        keys = [normalise(cell) for cell in cells]
        for name in _TITLE_FALLBACK:
            if name in keys and fields[keys.index(name)] == OBJECTIVE:
                fields[keys.index(name)] = TITLE
                break
    return fields


def is_header(cells: list[str], mapping: ColumnMap | None = None) -> bool:
    """True for a table header row: a title column, other known columns, mostly known.

    Narrative tables in reports ("Key achievements | Measurable outcomes", "OUTCOME |
    DATE | CURRENT STATUS") have no title column and are not taken for plan tables. A
    wide register (a risk register's cause, consequence, likelihood...) is a table when
    at least three of its columns are known.
    """
    named = zip(cells, header_fields(cells, mapping), strict=True)
    fields = [field for cell, field in named if cell]
    known = [field for field in fields if field is not None]
    if TITLE not in known or len(set(known)) < 2:
        return False
    return len(set(known)) >= 3 or 2 * len(known) >= len(fields)


def map_header(cells: list[str], mapping: ColumnMap | None = None) -> list[Column]:
    """The columns of a header row, one per cell.

    Each field is fed by one column only (updates excepted: a plan may split its
    comment over "Action to Date" and "Action planned and risks"); when two columns
    name the same field, the better-ranked synonym wins (see ``_SYNONYMS``) and the
    other is kept in ``extra``. A column with no header is ``extra`` named "Column N".
    """
    fields = header_fields(cells, mapping)
    winners: dict[str, tuple[int, int]] = {}
    for index, (cell, field) in enumerate(zip(cells, fields, strict=True)):
        if field is None or field in (UPDATE, EXTRA):
            continue
        chosen = mapping is not None and normalise(cell) in mapping
        rank = (-1 if chosen else _RANK.get(normalise(cell), 0), index)
        if field not in winners or rank < winners[field]:
            winners[field] = rank
    columns = []
    for index, (cell, field) in enumerate(zip(cells, fields, strict=True)):
        if field is not None and field not in (UPDATE, EXTRA) and winners[field][1] != index:
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
