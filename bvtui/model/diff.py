"""Field-by-field differences between two versions of a file, and the commit message.

The same decoding serves a save (old = the file at HEAD, new = what is written),
``bvtui commit`` for edits left uncommitted, and the audit log reading history.

A commit message is built so that no field text can forge its structure: every value
is folded to one line with control characters shown escaped, update texts are indented
in the body, and the trailer paragraph (``Action:``, ``Fields:``) is always the last
one and written only from validated ids and field names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SUBJECT_LIMIT = 72

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


@dataclass(frozen=True)
class FieldChange:
    """One field's change: ``field: old -> new``; for updates, the update added."""

    field: str
    old: Any
    new: Any

    @property
    def is_update(self) -> bool:
        """An update appended (``new`` is that update); other list edits are plain changes."""
        return self.field == "updates" and isinstance(self.new, dict)

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
        if self.is_evidence:
            file, blob = one_line(self.new.get("file", "")), one_line(self.new.get("blob", ""))
            return f"evidence added: {file} (blob {blob})"
        return f"{self.name}: {one_line(self.old) or '(none)'} -> {one_line(self.new) or '(none)'}"

    def described(self, limit: int = 100) -> str:
        """Form for the audit log: as :meth:`line`, an added update with its text.

        ``update added (2017-18 Q3): Venue fell through; rebooking.``
        """
        if self.is_update:
            return f"{self.line()}: {_cut(one_line(self.new.get('text', '')), limit)}"
        return self.line()


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _same(old: Any, new: Any) -> bool:
    empty: tuple[Any, ...] = (None, "", [], {})
    if old in empty and new in empty:
        return True
    return old == new


def field_changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[FieldChange]:
    """Every field that differs between two mappings of an action (or plan), in file order.

    Updates (and evidence files) appended to their list are reported one by one as
    added; any other change to the list (an edited or removed update) is reported as a
    change of ``updates`` (``evidence``).
    Nested mappings (``extra``) are compared key by key (``extra.Source``).
    """
    old = old or {}
    new = new or {}
    changes: list[FieldChange] = []
    for key in list(dict.fromkeys([*new, *old])):
        before, after = old.get(key), new.get(key)
        if _same(before, after):
            continue
        if key in ("updates", "evidence") and isinstance(after, list):
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
) -> str:
    """The commit message recording a save of one action (or plan) file.

    Subject ``<plan>/<id>: status On Target -> Delayed, progress 20 -> 40`` cut to 72
    characters; body with every change as ``field: old -> new`` and each new update's
    text indented; trailers ``Action: <plan>/<id>`` and ``Fields: a, b``.
    """
    ref = one_line(ref)  # a ref is validated; a line of its own here would forge a trailer
    if created:
        subject = f"{ref}: new action"
    elif removed:
        subject = f"{ref}: removed"
    else:
        subject = _subject(ref, [change.summary() for change in changes] or ["no change"])
    body = [change.line() for change in changes]
    texts = []
    for change in changes:
        if change.is_update:
            text = printable_block(str(change.new.get("text", ""))).strip("\n")
            indented = "\n".join(f"    {line}".rstrip() for line in text.split("\n"))
            texts.append(f"Update {one_line(change.new.get('period', ''))}:\n{indented}")
    fields = ", ".join(dict.fromkeys(one_line(change.field.split(".")[0]) for change in changes))
    parts = [subject]
    if body:
        parts.append("\n".join(body))
    parts.extend(texts)
    trailers = [f"Action: {ref}"]
    if fields:
        trailers.append(f"Fields: {fields}")
    parts.append("\n".join(trailers))
    return "\n\n".join(parts) + "\n"
