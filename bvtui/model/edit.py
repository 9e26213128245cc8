"""Editing an action: new values checked by the store's rules, and new updates.

Used by ``bvtui set`` and by the app's edit screen alike, so both accept and refuse
exactly the same input.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

from bvtui.model.dates import looks_like_a_date
from bvtui.model.excerpt import fold
from bvtui.model.model import EDITABLE_FIELDS, Action, Update
from bvtui.model.ref import Ref
from bvtui.model.schema import (
    ValidationError,
    check_extra_key,
    parse_progress,
    parse_status,
)

_OFFICER_SPLIT = re.compile(r"\s*[,;/]\s*")


def split_officers(text: str) -> list[str]:
    """Officer names typed as one line: ``Will Tuckley, Louise Stamp`` (``,`` ``;`` ``/``)."""
    return [" ".join(name.split()) for name in _OFFICER_SPLIT.split(text) if name.strip()]


def current_period(today: date | None = None) -> str:
    """The UK financial-year quarter of a date: 2017-09-29 is ``2017-18 Q2``."""
    today = today or date.today()
    start = today.year if today.month >= 4 else today.year - 1
    quarter = (today.month - 4) % 12 // 3 + 1
    return f"{start}-{(start + 1) % 100:02d} Q{quarter}"


def check_value(action: Action, field: str, value: str) -> str | int | list[str] | None:
    """``value`` typed for ``field`` as the file stores it.

    Raises:
        ValidationError: the value breaks a rule (message names file, field, value).
    """
    path = action.path or str(Ref(action.plan.slug, action.id).path(PurePath()))
    if field == "progress":
        return parse_progress(value, path)
    if field == "status":
        return parse_status(value, action.plan, path)
    if field == "officers":
        return split_officers(value)
    if field.startswith("extra."):
        check_extra_key(field.removeprefix("extra."), path)
        return value
    if field not in EDITABLE_FIELDS:
        fields = ", ".join((*EDITABLE_FIELDS, "extra.NAME"))
        raise ValidationError(path, field, value, f"is not a field you can set ({fields})")
    if field in ("title",) and not value.strip():
        raise ValidationError(path, field, value, "cannot be empty")
    return value.strip() if "\n" not in value else value


DEADLINE_FIELDS = ("deadline", "revised_deadline")


def deadline_doubts(action: Action, values: dict[str, str]) -> list[ValidationError]:
    """New deadlines in ``values`` that name no date yet look like one (``31/13/2025``).

    The rules accept them (a deadline may be any words), but the action would have no
    due date and so could never be overdue: ``bvtui set`` refuses them without
    ``--force`` and the edit screen asks before saving one. Values already stored are
    not doubted again.
    """
    path = action.path or f"{action.ref}.yaml"
    return [
        ValidationError(path, field, values[field], "looks like a date but names none")
        for field in DEADLINE_FIELDS
        if field in values
        and values[field].strip() != getattr(action, field).strip()
        and looks_like_a_date(values[field])
    ]


def edited(
    action: Action,
    values: dict[str, str],
    *,
    update: str | None = None,
    period: str | None = None,
    today: date | None = None,
) -> Action:
    """A copy of ``action`` with ``values`` set and, when given, a new update added.

    The update goes to ``period``, else the plan's current period, else the quarter
    of today's date; one the action already holds for that period (the same command
    run twice) is not added again.

    Raises:
        ValidationError: a value breaks a rule; nothing is changed.
    """
    new = action.copy()
    new.officers = list(action.officers)
    new.updates = list(action.updates)
    new.extra = dict(action.extra)
    for field, value in values.items():
        typed = check_value(action, field, value)
        if field.startswith("extra."):
            key = field.removeprefix("extra.")
            if value == "":
                new.extra.pop(key, None)
            else:
                new.extra[key] = value
        else:
            setattr(new, field, typed)
    when = today or date.today()
    period = period or action.plan.period or current_period(when)
    if update is not None and update.strip() and not holds_update(action, period, update):
        new.updates.append(Update(period=period, text=update.strip("\n"), date=when.isoformat()))
    return new


def holds_update(action: Action, period: str, text: str) -> bool:
    """Whether ``action`` has an update of ``period`` saying ``text`` (spacing aside at
    the ends, the period's case and spacing aside)."""
    wanted = fold(period)
    return any(fold(u.period) == wanted and u.text.strip() == text.strip() for u in action.updates)
