"""Actions as flat records: every stored field plus the derived ones, for output.

One shape serves ``--format json`` and csv, reports and tests, so that what a script
reads is exactly what the app shows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from bvtui.model import RAG_SYMBOLS, Action, csv_text

RECORD_FIELDS: tuple[str, ...] = (
    "ref",
    "plan",
    "id",
    "title",
    "theme",
    "objective",
    "officers",
    "deadline",
    "revised_deadline",
    "due",
    "status",
    "rag",
    "progress",
    "overdue",
    "status_check",
    "latest_update",
    "completion",
)


def action_record(action: Action, as_of: date | None = None) -> dict[str, Any]:
    """Every field of ``action`` with ``rag``, ``due``, ``overdue``, ``status_check``."""
    due, overdue, check = action.judged(as_of)
    updates, evidence, rag = action.updates, action.evidence, action.rag
    return {
        "ref": action.ref,
        "plan": action.plan.slug,
        "id": action.id,
        "title": action.title,
        "theme": action.theme,
        "objective": action.objective,
        "officers": list(action.officers),
        "deadline": action.deadline,
        "revised_deadline": action.revised_deadline,
        "due": due.isoformat() if due else None,
        "status": action.status,
        "rag": rag,
        "progress": action.progress,
        "overdue": overdue,
        "status_check": check,
        "latest_update": updates[-1].text if updates else None,
        "completion": (action.completion or None) if rag == "blue" else None,
        "evidence": [item._asdict() for item in evidence] if evidence else [],
        # an update's fields are text, None or a dict: the empty ones are left out
        "updates": [{k: v for k, v in vars(update).items() if v} for update in updates],
        "extra": dict(action.extra),
    }


def rag_label(rag: str) -> str:
    """A RAG colour with its symbol, readable without colour: ``● red``."""
    return f"{RAG_SYMBOLS.get(rag, '?')} {rag}"


def flags(action: Action, as_of: date | None = None) -> str:
    """Marks for a table: ``!`` overdue, ``?`` status check failed."""
    _due, overdue, check = action.judged(as_of)
    return ("!" if overdue else "") + ("?" if check else "")


def records_csv(
    actions: Iterable[Action], as_of: date | None = None, stamp: dict[str, str] | None = None
) -> str:
    """One csv row per action with :data:`RECORD_FIELDS` (lists joined with ``; ``).

    ``stamp`` adds the same columns to every row (a report's as-of date and commit),
    so a csv file still says where it came from when it is one row per action. Text
    is written inert (:func:`bvtui.model.inert.csv_text`): control characters shown,
    never a formula; numbers stay numbers.
    """
    stamp = stamp or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*RECORD_FIELDS, *stamp])
    for action in actions:
        record = action_record(action, as_of)
        cells = [*(_csv_cell(record[name]) for name in RECORD_FIELDS), *stamp.values()]
        writer.writerow([csv_text(cell) if isinstance(cell, str) else cell for cell in cells])
    return out.getvalue()


def _csv_cell(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if value is None:
        return ""
    return value
