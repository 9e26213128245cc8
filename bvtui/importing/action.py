"""Reading the values of one imported action from the cells its rows gave.

Every cell that reads becomes its field; a cell that does not read is kept as written
(in ``extra`` under its column's name) with a warning naming the row, column and value:
an action with a title is never dropped for one bad cell.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bvtui.importing.columns import (
    DEADLINE,
    EXTRA,
    ID,
    OBJECTIVE,
    OFFICERS,
    PROGRESS,
    REVISED,
    STATUS,
    THEME,
    TITLE,
    UPDATE,
    quarter_of,
)
from bvtui.importing.fields import (
    clean_id,
    fraction_column,
    looks_like_name,
    split_officers,
    split_progress,
    surname_first_column,
)
from bvtui.importing.rag import known_rag
from bvtui.importing.walk import Draft, excerpt
from bvtui.model import due_date

Warn = Callable[[str], None]
"""Where a doubtful value is reported: a one-line reason, for the draft's row."""


@dataclass(frozen=True)
class ColumnFacts:
    """What a whole column says about how to read each of its cells."""

    fractions: bool = False
    """The progress column holds fractions (0.5 for 50%): a General-format cell."""
    surname_first: bool = False
    """The officers column holds "Surname, Forename" names."""


def column_facts(drafts: list[Draft]) -> ColumnFacts:
    """The facts of the plan's progress and officers columns, read over every row."""
    return ColumnFacts(
        fractions=fraction_column([draft.text(PROGRESS) for draft in drafts]),
        surname_first=surname_first_column([draft.text(OFFICERS) for draft in drafts]),
    )


def objective_of(draft: Draft) -> str:
    return draft.text(OBJECTIVE) or draft.objective


def draft_action(
    draft: Draft,
    raw_id: str,
    period: str,
    context: tuple[dict[str, str], dict[str, str], ColumnFacts],
    warn: Warn,
) -> dict:
    """The action dict of a draft; only a missing or unusable id raises ValueError.

    Args:
        context: The plan's themes (cell -> theme), summary objectives (id token ->
            objective) and column facts.
        warn: Told of each cell kept as written rather than read.
    """
    themes, summaries, facts = context
    if draft.has(ID) and not raw_id:
        raise ValueError(f"no {_name_of(draft, ID)} for '{excerpt(draft.text(TITLE))}'")
    action_id = clean_id(raw_id)
    theme_cell = draft.text(THEME)
    extra = _extra(draft)
    if theme_cell in themes and themes[theme_cell] != theme_cell:
        extra[_name_of(draft, THEME)] = theme_cell
    action = {
        "id": action_id,
        "title": " ".join(draft.text(TITLE).split()),
        "theme": themes.get(theme_cell, theme_cell) or draft.theme,
        "objective": objective_of(draft) or summaries.get(action_id.split(".")[0], ""),
        "officers": split_officers(draft.text(OFFICERS), facts.surname_first),
        "deadline": _excel_date(draft.text(DEADLINE)),
        "revised_deadline": _excel_date(draft.text(REVISED)),
        "status": _status_text(draft),
        "progress": None,
        "updates": _updates(draft, period),
        "extra": extra,
    }
    _read_progress(draft, action, facts, warn, period)
    _read_status(draft, action, warn)
    return action


_BULLETS = ("●", "•", "⬤", "○", "■", "▲", "◆")


def _status_text(draft: Draft) -> str:
    """The status as written, or the RAG colour its cell is filled with ("Green")."""
    text = " ".join(draft.text(STATUS).split())
    if text and text not in _BULLETS:
        return text
    column = next((i for i, c in enumerate(draft.columns) if c.field == STATUS), None)
    colour = draft.colours.get(column, "") if column is not None else ""
    return colour.capitalize()


def _read_progress(draft: Draft, action: dict, facts: ColumnFacts, warn: Warn, period: str) -> None:
    """Progress from its cell; text after the figure joins the update; else kept in extra."""
    text = draft.text(PROGRESS)
    try:
        action["progress"], rest = split_progress(text, facts.fractions)
    except ValueError as error:
        action["extra"][_name_of(draft, PROGRESS)] = text
        warn(f"column '{_name_of(draft, PROGRESS)}': {error}; kept as written in extra")
        return
    if rest:
        updates = action["updates"]
        if updates:
            updates[-1]["text"] = f"{updates[-1]['text']}\n\n{rest}"
        else:
            updates.append({"period": period, "text": rest})


_RUN_TOGETHER = re.compile(r"\s+[–—-]\s+")


def _read_status(draft: Draft, action: dict, warn: Warn) -> None:
    """A status cell that also names the officer and date ("On track – J. Smith – 31/03/25").

    Each part goes to its field when that field is empty; the cell is read so only
    when its first part is a status word and every other part is a name or a date.
    """
    parts = _RUN_TOGETHER.split(action["status"])
    if len(parts) < 2 or known_rag(parts[0]) is None:
        return
    officers = [part for part in parts[1:] if due_date(part) is None]
    dates = [part for part in parts[1:] if due_date(part) is not None]
    if len(dates) > 1 or not all(looks_like_name(name) for name in officers):
        return
    written = action["status"]
    action["status"] = parts[0]
    if officers and not action["officers"]:
        action["officers"] = officers
    if dates and not action["deadline"]:
        action["deadline"] = dates[0]
    warn(f"column '{_name_of(draft, STATUS)}': '{excerpt(written)}' read as status '{parts[0]}'")


_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?(Z?)$")


def _excel_date(text: str) -> str:
    """A deadline cell that is a date in a machine's form, as the date it means.

    An Excel serial number (45747, a General cell) and an export's timestamp
    ("2025-03-31T00:00:00Z", SharePoint and JSON exports) become the ISO date; a
    SharePoint date kept in UTC shows British Summer Time's midnight as 23:00 the day
    before ("2025-06-29T23:00:00Z"), which is the next day's date.
    """
    if _EXCEL_SERIAL.match(text) and 20000 <= float(text) <= 80000:
        return (_EXCEL_EPOCH + datetime.timedelta(days=int(float(text)))).isoformat()
    stamp = _TIMESTAMP.match(text)
    if not stamp:
        return text
    try:
        day = datetime.date.fromisoformat(stamp[1])
    except ValueError:
        return text  # no such day: kept as written, and reported as naming no date
    if stamp[3] and stamp[2] == "23":
        day += datetime.timedelta(days=1)
    return day.isoformat()


def _updates(draft: Draft, period: str) -> list[dict[str, str]]:
    """The draft's comments as updates: one per quarter column, else one for the period.

    A plan with a column per quarter ("Q1 update", "Q2 update") gives one update per
    quarter, in order, each for its quarter of the plan's year. A plan that splits one
    comment over several columns ("Action to Date", "Action planned and risks") keeps
    every part in one update, each labelled with its column name.
    """
    parts = [
        (column.name, draft.values.get(index, ""))
        for index, column in enumerate(draft.columns)
        if column.field == UPDATE
    ]
    texts = [(name, text) for name, text in parts if text]
    if not texts:
        return []
    quarters = [quarter_of(name) for name, _ in parts]
    if len(parts) > 1 and all(quarters) and len(set(quarters)) == len(quarters):
        year = re.sub(r"\s*[QH][1-4]$", "", period)
        dated = sorted((quarter_of(name) or 0, text) for name, text in texts)
        return [{"period": f"{year} Q{quarter}".strip(), "text": text} for quarter, text in dated]
    if len(parts) == 1:
        return [{"period": period, "text": texts[0][1]}]
    return [{"period": period, "text": "\n\n".join(f"{name}: {text}" for name, text in texts)}]


def _extra(draft: Draft) -> dict[str, str]:
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


def _name_of(draft: Draft, wanted: str) -> str:
    return next(column.name for column in draft.columns if column.field == wanted)
