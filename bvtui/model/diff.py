"""Field-by-field differences between two versions of a file, and the commit message.

The same decoding serves a save (old = the file at HEAD, new = what is written),
``bvtui commit`` for edits left uncommitted, and the audit log reading history.

A commit message is built so that no field text can forge its structure: every value
is folded to one line with control characters shown escaped, update texts are indented
in the body, and the trailer paragraph (``Action:``, ``Fields:``; ``Reason:`` and
``Approved-by:``, folded to one line) is always the last one and written only from
validated ids, field names and the approval given with the save.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

SUBJECT_LIMIT = 72

REASON_TRAILER = "Reason"
APPROVED_BY_TRAILER = "Approved-by"
"""The trailers recording why a change was made and who approved it (governance)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(value: Any) -> str:
    """A value as one printable line: lists joined, line breaks and controls made visible."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(one_line(item) for item in value)
    text = str(value)
    text = text.replace("\r\n", "\n").replace("\n", " ⏎ ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text).strip()


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character (line breaks and tabs included)."""
    return _CONTROL.search(text) is not None


def printable_block(text: str) -> str:
    """Multi-line text with every control character except line breaks made visible."""
    return "\n".join(
        _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", line)
        for line in text.replace("\r\n", "\n").split("\n")
    )


class FieldChange(NamedTuple):
    """One field's change: ``field: old -> new``; for updates, the update added."""

    field: str
    old: Any
    new: Any

    @property
    def is_update(self) -> bool:
        """An update appended (``new`` is that update); other list edits are plain changes."""
        return self.field == "updates" and isinstance(self.new, dict)

    @property
    def is_decision(self) -> bool:
        """A meeting's decision appended (``new`` is that decision, see ``decisions``)."""
        return self.field == "decisions" and isinstance(self.new, dict)

    @property
    def is_evidence(self) -> bool:
        """A file attached as evidence (``new`` is its ``{file, blob, added}``)."""
        return self.field == "evidence" and isinstance(self.new, dict)

    @property
    def name(self) -> str:
        """The field's name as one printable line (a hand-written key may hold anything)."""
        return one_line(self.field)

    def summary(self, limit: int = 40) -> str:
        """Short form for a subject line: ``status On Target -> Delayed``."""
        if self.is_update:
            period = one_line(self.new.get("period", ""))
            return f"update {period}" if period else "update added"
        if self.is_decision:
            return f"decision ({_cut(one_line(self.new.get('meeting', '')), limit)})"
        if self.is_evidence:
            return f"evidence {_cut(one_line(self.new.get('file', '')), limit)}"
        if self.old in (None, "", []):
            return f"{self.name} set to {_cut(one_line(self.new), limit)}"
        if self.new in (None, "", []):
            return f"{self.name} cleared"
        return f"{self.name} {_cut(one_line(self.old), limit)} -> {_cut(one_line(self.new), limit)}"

    def line(self) -> str:
        """Full form for a body line: ``status: On Target -> Delayed``."""
        if self.is_update:
            period = one_line(self.new.get("period", ""))
            return f"update added ({period})" if period else "update added"
        if self.is_decision:
            return f"decision added ({one_line(self.new.get('meeting', ''))})"
        if self.is_evidence:
            file, blob = one_line(self.new.get("file", "")), one_line(self.new.get("blob", ""))
            return f"evidence added: {file} (blob {blob})"
        return f"{self.name}: {one_line(self.old) or '(none)'} -> {one_line(self.new) or '(none)'}"

    def described(self, limit: int = 100) -> str:
        """Form for the audit log: as :meth:`line`, an added update with its text.

        ``update added (2017-18 Q3): Venue fell through; rebooking.``
        """
        if self.is_update or self.is_decision:
            return f"{self.line()}: {_cut(one_line(self.new.get('text', '')), limit)}"
        return self.line()


APPENDED_LISTS = ("updates", "decisions", "evidence")
"""Lists that grow by appending: each item added is a change of its own."""


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _same(old: Any, new: Any) -> bool:
    empty: tuple[Any, ...] = (None, "", [], {})
    if old in empty and new in empty:
        return True
    return old == new


def field_changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[FieldChange]:
    """Every field that differs between two mappings of an action (or plan), in file order.

    Updates (a meeting's decisions, evidence files) appended to their list are reported
    one by one as added; any other change to the list (an edited or removed item) is
    reported as a change of the whole list.
    Nested mappings (``extra``) are compared key by key (``extra.Source``).
    """
    old = old or {}
    new = new or {}
    changes: list[FieldChange] = []
    for key in list(dict.fromkeys([*new, *old])):
        before, after = old.get(key), new.get(key)
        if _same(before, after):
            continue
        if key in APPENDED_LISTS and isinstance(after, list):
            earlier = before if isinstance(before, list) else []
            if after[: len(earlier)] == earlier:
                changes.extend(FieldChange(key, None, item) for item in after[len(earlier) :])
                continue
            changes.append(FieldChange(key, f"{len(earlier)} {key}", f"{len(after)} edited"))
            continue
        if isinstance(before, dict) or isinstance(after, dict):
            for sub in field_changes(
                before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
            ):
                changes.append(FieldChange(f"{key}.{sub.field}", sub.old, sub.new))
            continue
        changes.append(FieldChange(key, before, after))
    return changes


def _subject(ref: str, summaries: list[str]) -> str:
    """``ref: a, b, c`` within 72 characters: whole summaries while they fit, then ``...``."""
    subject = f"{ref}: {summaries[0]}"
    for summary in summaries[1:]:
        longer = f"{subject}, {summary}"
        if len(longer) > SUBJECT_LIMIT:
            return _cut(f"{subject}, ...", SUBJECT_LIMIT)
        subject = longer
    return _cut(subject, SUBJECT_LIMIT)


def commit_message(
    ref: str,
    changes: list[FieldChange],
    *,
    created: bool = False,
    removed: bool = False,
    reverts: str | None = None,
    trailers: dict[str, str] | None = None,
    subject: str | None = None,
    reason: str = "",
    approved_by: str = "",
) -> str:
    """The commit message recording a save of one action (or plan) file.

    Subject ``<plan>/<id>: status On Target -> Delayed, progress 20 -> 40`` cut to 72
    characters (or ``<plan>/<id>: <subject>`` when the caller names the event, e.g. a
    round opened); body with every change as ``field: old -> new`` and each new update's
    text indented; trailers ``Action: <plan>/<id>`` and ``Fields: a, b``. An undo
    (``reverts``: the commit it reverts) says so in its subject and a ``Reverts:``
    trailer; then ``trailers`` (``Meeting: Board 14/09``: keys are bvtui's own, values
    folded to one line), then ``Reason:`` and ``Approved-by:`` when given, each folded
    to one line.
    """
    ref = one_line(ref)  # a ref is validated; a line of its own here would forge a trailer
    undo = [] if reverts is None else [f"undo {_checked_sha(reverts)[:10]}"]
    if subject is not None:
        subject = _subject(ref, [*undo, one_line(subject)])
    elif created:
        subject = f"{ref}: new action"
    elif removed:
        subject = f"{ref}: removed"
    else:
        subject = _subject(ref, undo + [c.summary() for c in changes] or ["no change"])
    body = [change.line() for change in changes]
    parts = [subject]
    if body:
        parts.append("\n".join(body))
    parts.extend(_update_texts([(ref, changes)]))
    extra = _with_approval(trailers, reason, approved_by)
    parts.append("\n".join(_trailers([ref], [changes], reverts, extra)))
    return "\n\n".join(parts) + "\n"


def bulk_commit_message(
    entries: list[tuple[str, list[FieldChange]]],
    *,
    reverts: str | None = None,
    trailers: dict[str, str] | None = None,
    reason: str = "",
    approved_by: str = "",
) -> str:
    """The commit message recording one save of several action files (a bulk edit).

    Subject ``3 actions: status -> Delayed, update 2017-18 Q2`` (the new value where
    every action got the same one) cut to 72 characters; body with one line per change
    naming its action (``<plan>/<id> status: On Target -> Delayed``); each new update's
    text once, with the actions that got it; trailers ``Action: <plan>/<id>`` for every
    action, then ``Fields:`` (and ``Reverts:`` for an undo), then ``trailers``.
    """
    entries = [(one_line(ref), changes) for ref, changes in entries]
    news: dict[str, list[str]] = {}
    for _ref, changes in entries:
        for change in changes:
            key = "update" if change.is_update else change.name
            value = one_line(change.new.get("period", "")) if change.is_update else change.new
            news.setdefault(key, []).append(one_line(value))
    summaries = [_common(key, values) for key, values in news.items()] or ["no change"]
    if reverts is not None:
        summaries.insert(0, f"undo {_checked_sha(reverts)[:10]}")
    subject = _subject(f"{len(entries)} actions", summaries)
    body = [f"{ref} {change.line()}" for ref, changes in entries for change in changes]
    parts = [subject]
    if body:
        parts.append("\n".join(body))
    parts.extend(_update_texts(entries))
    refs = [ref for ref, _changes in entries]
    extra = _with_approval(trailers, reason, approved_by)
    parts.append("\n".join(_trailers(refs, [c for _r, c in entries], reverts, extra)))
    return "\n\n".join(parts) + "\n"


def _common(key: str, values: list[str]) -> str:
    """A field's part of a bulk subject: its one new value, or that it changed."""
    distinct = set(values)
    if key == "update":
        return f"update {values[0]}" if len(distinct) == 1 and values[0] else "update added"
    if len(distinct) == 1:
        return f"{key} -> {_cut(values[0], 40)}" if values[0] else f"{key} cleared"
    return f"{key} changed"


def _update_texts(entries: list[tuple[str, list[FieldChange]]]) -> list[str]:
    """Each new update's (or meeting decision's) text, indented, once per distinct text:
    ``Update <period>:`` or ``Decision <meeting>:``, followed by the actions that got it
    when there are several actions."""
    groups: dict[tuple[str, str], list[str]] = {}
    for ref, changes in entries:
        for change in changes:
            if change.is_update or change.is_decision:
                label = (
                    f"Update {one_line(change.new.get('period', ''))}"
                    if change.is_update
                    else f"Decision {one_line(change.new.get('meeting', ''))}"
                )
                text = printable_block(str(change.new.get("text", ""))).strip("\n")
                groups.setdefault((label, text), []).append(ref)
    texts = []
    for (label, text), refs in groups.items():
        indented = "\n".join(f"    {line}".rstrip() for line in text.split("\n"))
        whose = "" if len(entries) == 1 else f" ({', '.join(refs)})"
        texts.append(f"{label}{whose}:\n{indented}")
    return texts


def _trailers(
    refs: list[str],
    changes: list[list[FieldChange]],
    reverts: str | None,
    extra: dict[str, str] | None = None,
) -> list[str]:
    """The trailer paragraph: ``Action:`` per action, ``Fields:``, ``Reverts:``, then
    ``extra`` (bvtui's own keys, values folded to one line); built only from validated
    refs, field names, a commit id and one-line values, so never forged by field text."""
    trailers = [f"Action: {ref}" for ref in refs]
    fields = ", ".join(
        dict.fromkeys(one_line(c.field.split(".")[0]) for group in changes for c in group)
    )
    if fields:
        trailers.append(f"Fields: {fields}")
    if reverts is not None:
        trailers.append(f"Reverts: {_checked_sha(reverts)}")
    trailers.extend(f"{key}: {one_line(value)}" for key, value in (extra or {}).items())
    return trailers


def _with_approval(
    trailers: dict[str, str] | None, reason: str, approved_by: str
) -> dict[str, str]:
    """``trailers``, then ``Reason:`` and ``Approved-by:`` where given (one line each)."""
    extra = dict(trailers or {})
    if one_line(reason):
        extra[REASON_TRAILER] = reason
    if one_line(approved_by):
        extra[APPROVED_BY_TRAILER] = approved_by
    return extra


_SHA = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})\Z")


def _checked_sha(sha: str) -> str:
    """``sha`` when it is a full commit id (it goes into a trailer as written).

    Raises:
        ValueError: it is not one.
    """
    if not _SHA.match(sha):
        raise ValueError(f"{sha!r} is not a full commit id")
    return sha
