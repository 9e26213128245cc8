"""The file format: raw YAML mappings to typed plans and actions, and back.

Every rule the store enforces lives here, each failing with a :class:`ValidationError`
whose message is one line naming the file, the field and the value.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bvtui.model.diff import has_control
from bvtui.model.governance import Governance, RuleError, parse_governance
from bvtui.model.model import RAGS, RESERVED_IDS, STORED_FIELDS, Action, Evidence, Plan, Update
from bvtui.model.ref import ID_PATTERN
from bvtui.model.validation import ValidationError

PLAN_FIELDS: tuple[str, ...] = tuple(name for name in Plan.FIELDS if name not in ("slug", "extra"))
"""The keys of ``plan.yaml``, in the order a new one is written: a plan's fields but its
slug (the folder's name) and the keys it does not know (``extra``)."""


def _text(raw: Any, path: str, field: str) -> str:
    """A single text field: strings only; an empty or null value reads as ""."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise ValidationError(path, field, raw, "must be text")
    return raw


def _text_list(raw: Any, path: str, field: str) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [" ".join(raw.split())] if raw.strip() else []
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ValidationError(path, field, raw, "must be a list of names")
    return [" ".join(item.split()) for item in raw if item.strip()]


def check_id(value: Any, path: str, field: str = "id") -> str:
    """An action id or plan slug: letters, digits, ``.``, ``_``, ``-``; never a path."""
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise ValidationError(
            path, field, value, "must use only letters, digits, '.', '_', '-' (no leading '.')"
        )
    if value.lower() in RESERVED_IDS:
        raise ValidationError(path, field, value, "is reserved (plan.yaml)")
    return value


def check_extra_key(key: Any, path: str) -> str:
    """The name of a plan's own column (``extra.NAME``): any text but blank or a control
    character, since it is written into commit messages and reports as a field name."""
    if not isinstance(key, str) or not key.strip() or has_control(key):
        raise ValidationError(
            path, "extra", key, "is not a column name (text without control characters)"
        )
    return key


def parse_progress(raw: Any, path: str) -> int | None:
    """Progress as a whole number 0-100 (``40``, ``'40'`` and ``'40%'`` accepted); blank is None."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).strip().removesuffix("%").strip()
    if not (text.isascii() and text.isdigit()) or int(text) > 100:  # "²" is a digit to isdigit
        raise ValidationError(path, "progress", raw, "is not a whole number from 0 to 100")
    return int(text)


def parse_status(raw: Any, plan: Plan, path: str) -> str:
    """The status in the plan's own spelling (matched ignoring case); blank is allowed."""
    status = " ".join(_text(raw, path, "status").split())
    if not status or not plan.statuses:
        return status
    spelled = plan.spell_status(status)
    if spelled is None:
        words = ", ".join(plan.statuses)
        raise ValidationError(path, "status", raw, f"is not one of this plan's statuses: {words}")
    return spelled


def parse_date(raw: Any, path: str, field: str) -> date | None:
    text = _text(raw, path, field).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(path, field, raw, "is not a date (YYYY-MM-DD)") from None


def plan_from_mapping(slug: str, data: dict[str, Any], path: str) -> Plan:
    """A :class:`Plan` from the mapping of its ``plan.yaml``.

    Raises:
        ValidationError: a field breaks a rule.
    """
    statuses_raw = data.get("statuses") or {}
    if not isinstance(statuses_raw, dict):
        raise ValidationError(path, "statuses", statuses_raw, "must map each status to a RAG")
    statuses: dict[str, str] = {}
    for word, rag in statuses_raw.items():
        colour = _text(rag, path, f"statuses.{word}").strip().lower()
        if colour not in RAGS:
            raise ValidationError(path, f"statuses.{word}", rag, f"is not one of {', '.join(RAGS)}")
        statuses[" ".join(str(word).split())] = colour
    aliases_raw = data.get("officer_aliases") or {}
    if not isinstance(aliases_raw, dict):
        raise ValidationError(path, "officer_aliases", aliases_raw, "must map alias: full name")
    officers_raw = data.get("officers") or {}
    if not isinstance(officers_raw, dict):
        raise ValidationError(path, "officers", officers_raw, "must map officer name: e-mail")
    return Plan(
        slug=slug,
        title=_text(data.get("title"), path, "title"),
        organisation=_text(data.get("organisation"), path, "organisation"),
        as_of=parse_date(data.get("as_of"), path, "as_of"),
        period=_text(data.get("period"), path, "period"),
        themes=_text_list(data.get("themes"), path, "themes"),
        statuses=statuses,
        officer_aliases={
            " ".join(str(k).split()): " ".join(_text(v, path, f"officer_aliases.{k}").split())
            for k, v in aliases_raw.items()
        },
        officers={
            " ".join(str(k).split()): _text(v, path, f"officers.{k}").strip()
            for k, v in officers_raw.items()
        },
        governance=_governance(data.get("governance"), path),
        extra={k: v for k, v in data.items() if k not in PLAN_FIELDS},
    )


def _governance(raw: Any, path: str) -> Governance:
    try:
        return parse_governance(raw)
    except RuleError as err:
        field = f"governance.{err.key}" if err.key else "governance"
        raise ValidationError(path, field, err.value, err.reason) from None


def plan_to_mapping(plan: Plan) -> dict[str, Any]:
    """The mapping written to ``plan.yaml`` (empty optional fields left out)."""
    data: dict[str, Any] = {"title": plan.title}
    if plan.organisation:
        data["organisation"] = plan.organisation
    if plan.as_of:
        data["as_of"] = plan.as_of  # a date object: written as a plain YAML date
    if plan.period:
        data["period"] = plan.period
    data["themes"] = list(plan.themes)
    data["statuses"] = dict(plan.statuses)
    if plan.officer_aliases:
        data["officer_aliases"] = dict(plan.officer_aliases)
    if plan.officers:
        data["officers"] = dict(plan.officers)
    if plan.governance.active or plan.governance.approvers:
        data["governance"] = plan.governance.to_mapping()
    data.update(plan.extra)
    return data


def _updates(raw: Any, path: str) -> list[Update]:
    if raw is None or raw == "":
        return []
    if not isinstance(raw, list):
        raise ValidationError(path, "updates", raw, "must be a list of {period, text}")
    updates = []
    for index, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise ValidationError(path, f"updates[{index}]", item, "must be a mapping")
        known = {"period", "text", "date", "author"}
        updates.append(
            Update(
                period=_text(item.get("period"), path, f"updates[{index}].period"),
                text=_text(item.get("text"), path, f"updates[{index}].text"),
                date=_text(item.get("date"), path, f"updates[{index}].date") or None,
                author=_text(item.get("author"), path, f"updates[{index}].author") or None,
                other={k: v for k, v in item.items() if k not in known},
            )
        )
    return updates


_BLOB = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
"""A git object id: SHA-1 (40 hex digits) or SHA-256 (64)."""


def check_evidence_name(name: Any, path: str, field: str = "evidence") -> str:
    """The name of an evidence file: a plain file name (no folder, no leading ``.``, no
    control character), since it names a file under the action's evidence folder."""
    if (
        not isinstance(name, str)
        or not name.strip()
        or name.startswith(".")
        or "/" in name
        or "\\" in name
        or has_control(name)
    ):
        raise ValidationError(
            path, field, name, "is not a file name (no folder, no leading '.', no control)"
        )
    return name


def _evidence(raw: Any, path: str) -> list[Evidence]:
    if raw is None or raw == "":
        return []
    if not isinstance(raw, list):
        raise ValidationError(path, "evidence", raw, "must be a list of {file, blob, added}")
    found = []
    for index, item in enumerate(raw, 1):
        where = f"evidence[{index}]"
        if not isinstance(item, dict):
            raise ValidationError(path, where, item, "must be a mapping of file, blob, added")
        name = check_evidence_name(item.get("file"), path, f"{where}.file")
        blob = _text(item.get("blob"), path, f"{where}.blob")
        if not _BLOB.fullmatch(blob):
            raise ValidationError(path, f"{where}.blob", blob, "is not a git blob id")
        added = item.get("added")
        day = added.isoformat() if isinstance(added, date) else added
        if parse_date(day, path, f"{where}.added") is None:
            raise ValidationError(path, f"{where}.added", day, "is not a date (YYYY-MM-DD)")
        found.append(Evidence(file=name, blob=blob, added=str(day)))
    return found


def action_from_mapping(plan: Plan, data: dict[str, Any], path: str, stem: str) -> Action:
    """An :class:`Action` from the mapping of its file ``<stem>.yaml``.

    Raises:
        ValidationError: a field breaks a rule, or the id does not match the file name.
    """
    action_id = check_id(data.get("id", stem), path)
    if action_id != stem:
        raise ValidationError(path, "id", action_id, f"does not match the file name {stem}.yaml")
    extra = data.get("extra") or {}
    if not isinstance(extra, dict):
        raise ValidationError(path, "extra", extra, "must be a mapping of column: value")
    for key in extra:
        check_extra_key(key, path)
    return Action(
        plan=plan,
        id=action_id,
        title=_text(data.get("title"), path, "title"),
        theme=_text(data.get("theme"), path, "theme"),
        objective=_text(data.get("objective"), path, "objective"),
        officers=_text_list(data.get("officers"), path, "officers"),
        deadline=_text(data.get("deadline"), path, "deadline"),
        revised_deadline=_text(data.get("revised_deadline"), path, "revised_deadline"),
        status=parse_status(data.get("status"), plan, path),
        progress=parse_progress(data.get("progress"), path),
        updates=_updates(data.get("updates"), path),
        evidence=_evidence(data.get("evidence"), path),
        extra=extra,
        other={k: v for k, v in data.items() if k not in STORED_FIELDS},
        path=path,
    )


def action_to_mapping(action: Action) -> dict[str, Any]:
    """The mapping written to an action's file: every stored field, then unknown keys."""
    data: dict[str, Any] = {
        "id": action.id,
        "title": action.title,
        "theme": action.theme,
        "objective": action.objective,
        "officers": list(action.officers),
        "deadline": action.deadline or None,
        "revised_deadline": action.revised_deadline or None,
        "status": action.status or None,
        "progress": action.progress,
        "updates": [update_to_mapping(update) for update in action.updates],
    }
    if action.evidence:
        data["evidence"] = [
            {"file": item.file, "blob": item.blob, "added": _as_date(item.added)}
            for item in action.evidence
        ]
    if action.extra:
        data["extra"] = dict(action.extra)
    data.update(action.other)
    return data


def _as_date(text: str) -> date | str:
    """An ISO date as a date object (written unquoted); any other text as it is."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def update_to_mapping(update: Update) -> dict[str, Any]:
    data: dict[str, Any] = {"period": update.period}
    if update.date:
        data["date"] = _as_date(update.date)
    if update.author:
        data["author"] = update.author
    data["text"] = update.text
    data.update(update.other)
    return data
