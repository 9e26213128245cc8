"""A plan's governance rules: which changes need a reason or an approver, and who may approve.

The rules are the ``governance:`` key of ``plan.yaml``::

    governance:
      close_needs_approval: true     # status to a complete (blue) word, or Closed
      revise_needs_reason: true      # the deadline in force moved
      revise_needs_approval: true
      approvers: [Louise Stamp, ce@council.example]   # or anyone-but-author (the default)
      evidence_to_close: true        # a rule the evidence checks read

A plan without the key has no rules, and nothing changes for it. Pure: the save path
refuses a change with :func:`refusal`, the audit judges history with the same function,
so what ``set`` refuses is exactly what ``audit`` finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

ANYONE_BUT_AUTHOR = "anyone-but-author"
"""The ``approvers`` value letting anyone approve except the change's author."""

CLOSED_WORD = "closed"
"""A status closing an action whatever colour the plan gives it."""

FLAG_RULES: tuple[str, ...] = (
    "close_needs_approval",
    "revise_needs_reason",
    "revise_needs_approval",
    "evidence_to_close",
)
RULE_KEYS: tuple[str, ...] = (*FLAG_RULES, "approvers")
"""The keys ``governance:`` may hold, in the order they are written."""

_PERSON = re.compile(r"^\s*(?P<name>[^<>]*?)\s*(?:<(?P<email>[^<>\s]+)>)?\s*$")


class RuleError(ValueError):
    """A ``governance:`` value that is not a rule; the schema names the file."""

    def __init__(self, key: str, value: Any, reason: str) -> None:
        self.key, self.value, self.reason = key, value, reason
        super().__init__(f"governance.{key}: {value!r} {reason}")


class Person(NamedTuple):
    """Someone named as ``Name <email>``, a bare name or a bare e-mail."""

    name: str
    email: str

    @classmethod
    def parse(cls, text: str) -> Person:
        match = _PERSON.match(" ".join(text.split()))
        if match is None:
            return cls(" ".join(text.split()).lower(), "")
        name, email = match["name"] or "", (match["email"] or "").lower()
        if not email and "@" in name and " " not in name:
            name, email = "", name.lower()
        return cls(name.lower(), email)

    def same(self, other: Person) -> bool:
        """One person when the e-mails (both given) or the names (both given) agree."""
        if self.email and other.email:
            return self.email == other.email
        return bool(self.name) and self.name == other.name


class Governance(NamedTuple):
    """One plan's rules; the default has none."""

    close_needs_approval: bool = False
    revise_needs_reason: bool = False
    revise_needs_approval: bool = False
    evidence_to_close: bool = False
    approvers: tuple[str, ...] = ()
    """Names or e-mails allowed to approve; empty: anyone but the author."""

    @property
    def active(self) -> bool:
        """Whether any rule is set (a plan without rules is never checked)."""
        return any(getattr(self, key) for key in FLAG_RULES)

    def to_mapping(self) -> dict[str, Any]:
        """The ``governance:`` mapping written to ``plan.yaml`` (rules set only)."""
        data: dict[str, Any] = {key: True for key in FLAG_RULES if getattr(self, key)}
        if self.approvers:
            data["approvers"] = list(self.approvers)
        return data

    def may_approve(self, approver: str, author: str) -> bool:
        """Whether ``approver`` may approve a change made by ``author``."""
        who = Person.parse(approver)
        if not (who.name or who.email):
            return False
        if not self.approvers:
            return not who.same(Person.parse(author))
        return any(who.same(Person.parse(allowed)) for allowed in self.approvers)

    def approvers_text(self) -> str:
        return ", ".join(self.approvers) if self.approvers else ANYONE_BUT_AUTHOR


def parse_governance(raw: Any) -> Governance:
    """The rules of a ``governance:`` value (None or empty: no rules).

    Raises:
        RuleError: an unknown key, a flag that is not true/false, approvers that are
            not a list of names (or ``anyone-but-author``).
    """
    if raw is None or raw == {}:
        return Governance()
    if not isinstance(raw, dict):
        raise RuleError("", raw, f"must map rules to values ({', '.join(RULE_KEYS)})")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in RULE_KEYS:
            raise RuleError("", key, f"is not a rule (rules: {', '.join(RULE_KEYS)})")
        if key == "approvers":
            values[key] = _approvers(value)
        else:
            values[key] = _flag(key, value)
    return Governance(**values)


def _flag(key: str, value: Any) -> bool:
    """A rule's true/false (the store reads every scalar as text: ``true``, ``yes``)."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    word = value.strip().lower() if isinstance(value, str) else None
    if word in ("true", "yes", "on"):
        return True
    if word in ("false", "no", "off", ""):
        return False
    raise RuleError(key, value, "must be true or false")


def _approvers(value: Any) -> tuple[str, ...]:
    if value is None or value == ANYONE_BUT_AUTHOR:
        return ()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise RuleError(
            "approvers", value, f"must be a list of names or e-mails, or {ANYONE_BUT_AUTHOR}"
        )
    if any("\n" in name or "\r" in name for name in names):
        raise RuleError("approvers", value, "must hold one name per line")
    return tuple(" ".join(name.split()) for name in names)


# --- what a change is ------------------------------------------------------------------


def _text(mapping: dict[str, Any], key: str) -> str:
    value = mapping.get(key)
    return " ".join(str(value).split()) if value not in (None, "") else ""


def deadline_in_force(mapping: dict[str, Any] | None) -> str:
    """The deadline that counts: the revised one when set, else the original."""
    mapping = mapping or {}
    return _text(mapping, "revised_deadline") or _text(mapping, "deadline")


def is_closing(
    old: dict[str, Any] | None, new: dict[str, Any] | None, rag_of: Callable[[str], str]
) -> bool:
    """Whether the change takes an existing action from open to complete or Closed."""
    if old is None or new is None:
        return False

    def closed(mapping: dict[str, Any]) -> bool:
        status = _text(mapping, "status")
        return bool(status) and (status.lower() == CLOSED_WORD or rag_of(status) == "blue")

    return closed(new) and not closed(old)


def is_revising(old: dict[str, Any] | None, new: dict[str, Any] | None) -> bool:
    """Whether the change moves an existing deadline (a first deadline is no revision)."""
    if old is None or new is None:
        return False
    before = deadline_in_force(old)
    return bool(before) and deadline_in_force(new) != before


class Approval(NamedTuple):
    """The approver and the reason given with a change (empty: none given)."""

    approver: str = ""
    reason: str = ""


def needs(
    rules: Governance,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    rag_of: Callable[[str], str],
) -> tuple[bool, bool]:
    """(needs an approver, needs a reason) for the change from ``old`` to ``new``."""
    if not rules.active:
        return False, False
    closing = is_closing(old, new, rag_of)
    revising = is_revising(old, new)
    approver = (closing and rules.close_needs_approval) or (
        revising and rules.revise_needs_approval
    )
    return approver, revising and rules.revise_needs_reason


def refusal(
    rules: Governance,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    rag_of: Callable[[str], str],
    approval: Approval,
    author: str,
) -> str | None:
    """Why the change may not be made as given, naming the rule; None when it may."""
    if not rules.active:
        return None
    closing = is_closing(old, new, rag_of)
    revising = is_revising(old, new)
    if closing and rules.close_needs_approval and not approval.approver.strip():
        return "closing it needs an approver (governance: close_needs_approval)"
    if revising and rules.revise_needs_reason and not approval.reason.strip():
        return (
            f"revising its deadline ({deadline_in_force(old)} -> "
            f"{deadline_in_force(new) or '(none)'}) needs a reason (governance: "
            "revise_needs_reason)"
        )
    if revising and rules.revise_needs_approval and not approval.approver.strip():
        return (
            f"revising its deadline ({deadline_in_force(old)} -> "
            f"{deadline_in_force(new) or '(none)'}) needs an approver (governance: "
            "revise_needs_approval)"
        )
    if approval.approver.strip() and not rules.may_approve(approval.approver, author):
        who = " ".join(approval.approver.split())
        if rules.approvers:
            return f"{who} may not approve it (governance: approvers: {rules.approvers_text()})"
        return f"{who} may not approve it: they are its author (governance: {ANYONE_BUT_AUTHOR})"
    return None


class Slip(NamedTuple):
    """One revision of an action's deadline in force, with its reason and approver
    (the commit's ``Reason:`` and ``Approved-by:`` trailers; empty when it had none)."""

    when: datetime
    author: str
    sha: str
    old: str
    new: str
    days: int | None
    """Days the due date moved (negative: brought forward); None when either has none."""
    reason: str
    approver: str


def slip_totals(slips: list[Slip]) -> tuple[int, int]:
    """How many revisions, and the days they moved the due date in all (known ones)."""
    return len(slips), sum(slip.days for slip in slips if slip.days is not None)
