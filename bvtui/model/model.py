"""The domain model: plans, actions, RAG colours and the values derived from them.

Plain data, no I/O. An :class:`Action` holds what its YAML file says (the stored
fields) plus the plan it belongs to; everything derived (``rag``, ``due``,
``overdue``, ``status_check``) is computed here and never written to disk.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from bvtui.model.dates import due_date, month_end
from bvtui.model.excerpt import ActionExcerpt, search_text
from bvtui.model.governance import Governance
from bvtui.model.record import Record
from bvtui.model.ref import Ref, ref_text

RAGS: tuple[str, ...] = ("red", "amber", "green", "blue", "grey")
"""Every RAG colour, in the order reports list them."""

RAG_SYMBOLS: dict[str, str] = {
    "red": "●",
    "amber": "▲",
    "green": "■",
    "blue": "✔",
    "grey": "○",
}
"""A symbol per colour, shown beside it so that a RAG never depends on colour alone."""

# How good a RAG is for the status check: higher is better. Blue (complete) and
# grey (not started, cancelled, unknown) are outside the scale.
_RAG_RANK = {"red": 0, "amber": 1, "green": 2}

_DEFAULT_STATUS_RAG: dict[str, str] = {
    "completed": "blue",
    "complete": "blue",
    "complete and ongoing": "blue",
    "completed and ongoing": "blue",
    "delivered": "blue",
    "done": "blue",
    "closed": "blue",
    "on target": "green",
    "on track": "green",
    "in progress": "green",
    "ongoing": "green",
    "on-going": "green",
    "underway": "green",
    "green": "green",
    "delayed": "amber",
    "off target but recovery plans in place": "amber",
    "at risk": "amber",
    "slipped": "amber",
    "amber": "amber",
    "check progress": "amber",
    "overdue": "red",
    "off-track": "red",
    "off track": "red",
    "off target": "red",
    "neglected": "red",
    "overdue/neglected": "red",
    "red": "red",
    "": "grey",
    "not started": "grey",
    "cancelled": "grey",
    "canceled": "grey",
    "unassigned": "grey",
    "assigned": "grey",
    "withdrawn": "grey",
    "superseded": "grey",
    "grey": "grey",
}

CLOSED_STATUS_WORDS = ("cancel", "withdrawn", "superseded", "closed")
"""Statuses containing these words end an action without completing it: never overdue."""

RESERVED_IDS = frozenset({"plan"})
"""Ids that would collide with a plan's own files (``plan.yaml``)."""

STORED_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "theme",
    "objective",
    "officers",
    "deadline",
    "revised_deadline",
    "status",
    "progress",
    "updates",
    "evidence",
    "extra",
)
"""The keys of an action file, in the order a new file is written."""

EDITABLE_FIELDS: tuple[str, ...] = tuple(
    name for name in STORED_FIELDS if name not in ("id", "updates", "evidence", "extra")
)
"""Fields that ``bvtui set`` and the edit screen change (updates and evidence are
added, not set)."""

EVIDENCE_FOLDER = "evidence"
"""The folder of a plan holding each action's evidence: ``<plan>/evidence/<id>/``."""


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders numbers inside text by value: A2 before A10, 1.9 before 1.10."""
    return tuple(
        (0, int(part))
        if part.isdecimal()
        else (1, part.lower())  # "²" is a digit to isdigit, not to int
        for part in _DIGITS.split(text)
        if part
    )


def default_rag(status: str | None) -> str:
    """The RAG colour a status word gets when a plan does not say otherwise.

    The table follows the seed plans' own definitions: Completed / Complete /
    Complete and Ongoing are blue; On Target / On track / Ongoing green; Delayed and
    "Off target but recovery plans in place" amber; Overdue / Off-track red; blank,
    Not Started, Cancelled and anything unknown grey. Matching ignores case and
    surrounding spaces.
    """
    key = " ".join((status or "").split()).lower()
    return _DEFAULT_STATUS_RAG.get(key, "grey")


def rag_is_better(reported: str, expected: str) -> bool:
    """True when ``reported`` is a better RAG than ``expected`` on the red-amber-green scale."""
    if reported not in _RAG_RANK or expected not in _RAG_RANK:
        return False
    return _RAG_RANK[reported] > _RAG_RANK[expected]


class Update(Record):
    """A dated comment for a reporting period."""

    FIELDS = ("period", "text", "date", "author", "other")

    def __init__(
        self,
        period: str,
        text: str,
        date: str | None = None,
        author: str | None = None,
        other: dict[str, Any] | None = None,
    ) -> None:
        self.period = period
        self.text = text
        self.date = date
        self.author = author
        self.other: dict[str, Any] = {} if other is None else other
        """Keys of the update this version does not know, kept as they are."""


class Evidence(NamedTuple):
    """A file committed as evidence for an action, under ``<plan>/evidence/<id>/``."""

    file: str
    """The file's name in the action's evidence folder."""
    blob: str
    """git's blob id of the file's bytes, as committed."""
    added: str
    """The day it was attached (ISO date)."""


class Plan(Record):
    """One improvement plan: a folder holding ``plan.yaml`` and one file per action."""

    FIELDS = (
        "slug",
        "title",
        "organisation",
        "as_of",
        "period",
        "themes",
        "statuses",
        "officer_aliases",
        "officers",
        "governance",
        "extra",
    )

    def __init__(
        self,
        slug: str,
        title: str = "",
        organisation: str = "",
        as_of: date | None = None,
        period: str = "",
        themes: list[str] | None = None,
        statuses: dict[str, str] | None = None,
        officer_aliases: dict[str, str] | None = None,
        officers: dict[str, str] | None = None,
        governance: Governance | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.slug = slug
        self.title = title
        self.organisation = organisation
        self.as_of = as_of
        self.period = period
        self.themes: list[str] = [] if themes is None else themes
        self.statuses: dict[str, str] = {} if statuses is None else statuses
        self.officer_aliases: dict[str, str] = {} if officer_aliases is None else officer_aliases
        self.officers: dict[str, str] = {} if officers is None else officers
        """Officer name -> e-mail, where a plan keeps such a table (for "me" and
        authorship)."""
        self.governance = Governance() if governance is None else governance
        """The plan's rules for closing actions and revising deadlines (none by default)."""
        self.extra: dict[str, Any] = {} if extra is None else extra

    def rag_of(self, status: str | None) -> str:
        """The RAG colour of a status word, by this plan's table, else the default one.

        Remembered per status for as long as the plan's table is unchanged: a filter
        on 100,000 actions asks ~170,000 times, each a scan of the table otherwise.
        """
        statuses = self.statuses
        # the memo's usual case inline (a listing asks about twice per action)
        entry = _RAG_MEMOS.get(id(statuses))
        if status and entry is not None and entry[0] is statuses and entry[1] == statuses:
            rag = entry[2].get(status)
            if rag is not None:
                return rag
        if not status:
            return "grey"
        memo = _rag_memo(statuses)
        rag = memo.get(status)
        if rag is None:
            spelled = self.spell_status(status)
            if spelled is not None and spelled in self.statuses:
                rag = self.statuses[spelled]
            else:
                rag = default_rag(status)
            memo[status] = rag
        return rag

    def spell_status(self, status: str) -> str | None:
        """The plan's own spelling of a status, matched ignoring case; None if unknown."""
        wanted = " ".join(status.split()).lower()
        for word in self.statuses:
            if word.lower() == wanted:
                return word
        return None

    def canonical_officer(self, name: str) -> str:
        """The one name an officer goes by: ``officer_aliases`` maps the others to it."""
        name = " ".join(name.split())
        return self.officer_aliases.get(name, name)

    def judged_on(self, as_of: date | None = None) -> date:
        """The date "overdue" is judged on: the given one, the plan's ``as_of``, or today."""
        return as_of or self.as_of or date.today()


_RAG_MEMOS: dict[int, tuple[dict[str, str], dict[str, str], dict[str, str]]] = {}
"""Per status table (by id): the table itself (kept alive, so its id stays its own),
a copy of it as it was, and the RAG of each status asked for under that copy."""

_RAG_MEMO_LIMIT = 1024


def _rag_memo(statuses: dict[str, str]) -> dict[str, str]:
    """The RAG-by-status memo of ``statuses``, emptied whenever the table has changed."""
    entry = _RAG_MEMOS.get(id(statuses))
    if entry is None or entry[0] is not statuses or entry[1] != statuses:
        if len(_RAG_MEMOS) >= _RAG_MEMO_LIMIT:  # tables of stores loaded long ago
            _RAG_MEMOS.clear()
        entry = (statuses, dict(statuses), {})
        _RAG_MEMOS[id(statuses)] = entry
    return entry[2]


class Action(Record):
    """One tracked action, as its file holds it, with the plan it belongs to."""

    FIELDS = ("plan", *STORED_FIELDS, "other", "path", "digest")
    """The fields in the order ``__init__`` takes them: the plan, what the file holds
    in the order it is written, then what the file does not hold by those names."""

    def __init__(
        self,
        plan: Plan,
        id: str,
        title: str = "",
        theme: str = "",
        objective: str = "",
        officers: list[str] | None = None,
        deadline: str = "",
        revised_deadline: str = "",
        status: str = "",
        progress: int | None = None,
        updates: list[Update] | None = None,
        evidence: list[Evidence] | None = None,
        extra: dict[str, Any] | None = None,
        other: dict[str, Any] | None = None,
        path: str = "",
        digest: str = "",
    ) -> None:
        self.plan = plan
        self.id = id
        self.title = title
        self.theme = theme
        self.objective = objective
        self.officers: list[str] = [] if officers is None else officers
        self.deadline = deadline
        self.revised_deadline = revised_deadline
        self.status = status
        self.progress = progress
        self.updates: list[Update] = [] if updates is None else updates
        self.evidence: list[Evidence] = [] if evidence is None else evidence
        """Files committed as evidence (``bvtui attach``), oldest first."""
        self.extra: dict[str, Any] = {} if extra is None else extra
        self.other: dict[str, Any] = {} if other is None else other
        """Top-level keys this version does not know, kept as they are."""
        self.path = path
        self.digest = digest
        """Hash of the file's bytes when read, to notice edits made on disk since."""

    @property
    def ref(self) -> str:
        """The store-wide reference ``plan/id``."""
        return ref_text(self.plan.slug, self.id)

    @property
    def rag(self) -> str:
        return self.plan.rag_of(self.status)

    @property
    def is_complete(self) -> bool:
        return self.rag == "blue"

    @property
    def completion(self) -> str:
        """``complete - evidenced`` (evidence attached), ``complete - self-reported``
        (a complete status alone), or "" for an action not complete."""
        if not self.is_complete:
            return ""
        return "complete - evidenced" if self.evidence else "complete - self-reported"

    @property
    def is_closed(self) -> bool:
        """Complete, or ended without completion (cancelled, withdrawn...)."""
        return _closed(self.rag, self.status)

    @property
    def due_update(self) -> bool:
        """Open, and no update for its plan's current ``period`` (never, for a plan
        without one): what the quarterly round asks of its lead officer."""
        return self.due_update_for(self.plan.period)

    def due_update_for(self, period: str) -> bool:
        """Open, and no update filed under ``period`` (ignoring case); never for ``""``."""
        wanted = period.strip().casefold()
        if not wanted or self.is_closed:
            return False
        return all(update.period.strip().casefold() != wanted for update in self.updates)

    @property
    def due(self) -> date | None:
        """The last day the deadline covers; a revised deadline wins when it can be read."""
        return due_date(self.revised_deadline) or due_date(self.deadline)

    @property
    def canonical_officers(self) -> list[str]:
        return [self.plan.canonical_officer(name) for name in self.officers]

    @property
    def latest_update(self) -> Update | None:
        return self.updates[-1] if self.updates else None

    def excerpt(self, search: bool = True) -> ActionExcerpt:
        """What lists and filters judge this action on (see :mod:`bvtui.model.excerpt`);
        without ``search``, with an empty search text (a load that does not search).

        Repeated values (statuses, themes, objectives, names) are interned: a store's
        excerpts then hold each one once, in memory and in the parse cache's index.
        """
        plan, intern = self.plan, sys.intern
        canonical = tuple(intern(plan.canonical_officer(name)) for name in self.officers)
        return ActionExcerpt(
            ref=Ref(intern(plan.slug), self.id),
            status=intern(self.status),
            rag=intern(self.rag),
            theme=intern(self.theme),
            objective=intern(self.objective),
            officers=canonical,
            names=tuple(dict.fromkeys([*map(intern, self.officers), *canonical])),
            due=self.due,
            closed=self.is_closed,
            plan_as_of=plan.as_of,
            search=self.search_text() if search else "",
            due_update=self.due_update,
        )

    def search_text(self) -> str:
        """The folded text free search looks in (:attr:`ActionExcerpt.search`)."""
        updates = [update.text for update in self.updates]
        return search_text(self.ref, self.title, self.objective, self.officers, updates)

    def is_overdue(self, as_of: date | None = None) -> bool:
        """Not closed and due before the date the plan is judged on."""
        return self.judged(as_of)[1]

    def status_check(self, as_of: date | None = None) -> str | None:
        """Why the reported status is better than its dates allow, or None when it is not.

        The rule is the 2017-18 plan's own: an action not complete within a month of
        its deadline is Delayed (amber); more than a month past it, Overdue (red). A
        status whose RAG is better than that (a stale "On Target") is flagged.
        """
        return self.judged(as_of)[2]

    def judged(self, as_of: date | None = None) -> tuple[date | None, bool, str | None]:
        """``(due, overdue, status check)`` worked out together, as a listing needs them.

        Only an overdue action can fail the status check, so most actions stop early.
        """
        due = self.due
        if due is None:
            return None, False, None
        today = self.plan.judged_on(as_of)
        if due >= today:
            return due, False, None
        rag = self.rag
        if _closed(rag, self.status):
            return due, False, None
        expected = "red" if _more_than_a_month(due, today) else "amber"
        if not rag_is_better(rag, expected):
            return due, True, None
        word = "Overdue" if expected == "red" else "Delayed"
        check = (
            f"reported {self.status or 'no status'} ({rag}) but due {due.isoformat()}, "
            f"{(today - due).days} days before {today.isoformat()}: "
            f"the rule says {word} ({expected})"
        )
        return due, True, check


def _closed(rag: str, status: str) -> bool:
    """Whether an action of ``status`` (of RAG colour ``rag``) is closed: complete, or
    ended without completion."""
    return rag == "blue" or _ends_without_completion(status)


@lru_cache(maxsize=1024)
def _ends_without_completion(status: str) -> bool:
    """Whether ``status`` holds one of :data:`CLOSED_STATUS_WORDS` (ignoring case);
    remembered per status word, of which a store has a few dozen."""
    low = status.lower()
    return any(word in low for word in CLOSED_STATUS_WORDS)


def _more_than_a_month(due: date, today: date) -> bool:
    """True when ``today`` is more than one calendar month after ``due``."""
    year, month = (due.year, due.month + 1) if due.month < 12 else (due.year + 1, 1)
    day = min(due.day, month_end(year, month).day)
    return today > date(year, month, day)
