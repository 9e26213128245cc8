"""Committee reports: the structure of the 2017-18 update report, built from actions.

A :class:`Report` holds what every output format prints: a stamp (plans, as-of date,
the commit the report was made from), the summary counts by theme x RAG and theme x
status with percentages and totals (the "Overall Q2 Status" chart), the delivery plan
per theme and objective, the exception lists (overdue, status check failed, RAG
worsened since a snapshot) and the slip ledger. Each action is judged on its own
plan's ``as_of`` (unless ``--as-of`` is given), as the list and the app judge it; only
a plan without one is judged on today, and the stamp says so, so the same store at the
same revision gives the same report. No Textual; the CLI and the app share it.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from bvtui.git import GitError
from bvtui.model import RAGS, Action, Filter, Plan, Slip, fold
from bvtui.reporting.stats import NO_THEME, RagCounts, StatusCheck, dashboard
from bvtui.store import Store

NO_OBJECTIVE = "(no objective)"
NO_STATUS = "(no status)"

RAG_WORDS: dict[str, str] = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Complete",
    "grey": "Grey",
}
"""How a report names each colour in words, so a RAG never depends on colour alone."""

_WORSENING_RANK = {"red": 0, "amber": 1, "green": 2, "blue": 3}
"""Red < amber < green < blue (complete); grey (not started, cancelled) is off the scale."""


@dataclass(frozen=True)
class Stamp:
    """Where a report comes from: enough to make the same report again.

    Attributes:
        plans: ``title (slug)`` of every plan the report covers.
        as_of: the date overdue is judged on, in words: ``2017-09-29 (the plan's as_of)``.
        commit: the commit the store was read at, or why there is none.
        commit_time: the commit's date (fixed timestamps in xlsx); None without a commit.
        filters: the filters applied, in one line ("" for none).
        since: the commit ``--since`` named, or None.
        made_with: the command that makes this report again (``bvtui report --plan
            X --as-of D``: the filters, ``--as-of``, ``--since`` as its commit and
            ``--at`` as given), which ``bvtui verify`` runs at the stamped commit.
    """

    plans: tuple[str, ...]
    as_of: str
    commit: str
    commit_time: datetime | None = None
    filters: str = ""
    since: str | None = None
    made_with: str = ""

    def lines(self) -> list[tuple[str, str]]:
        """The stamp as (label, value) pairs, in the order every format prints them."""
        rows = [
            ("Plan" if len(self.plans) == 1 else "Plans", "; ".join(self.plans) or "(none)"),
            ("As of", self.as_of),
            ("Commit", self.commit),
            ("Filters", self.filters or "none: every action"),
        ]
        if self.since:
            rows.append(("RAG compared with", self.since))
        if self.made_with:
            rows.append((MADE_WITH, self.made_with))
        return rows


MADE_WITH = "Made with"
"""The stamp's label of the command that makes the report again."""


def made_with(wanted: Filter | None, as_of: date | None, since: str | None, at: str | None) -> str:
    """The ``bvtui report`` command (shell-quoted) giving the same report: the filters,
    ``--as-of`` when given, ``--since`` as its commit, ``--at`` as given."""
    args = ["bvtui", "report"]
    if at:
        args += ["--at", at]
    if wanted is not None:
        for kind, values in wanted.kinds():
            if values:
                args += [f"--{kind.lower()}", ",".join(sorted(values))]
        if wanted.overdue:
            args.append("--overdue")
        if wanted.search.strip():
            args += ["--search", wanted.search]
    if as_of is not None:
        args += ["--as-of", as_of.isoformat()]
    if since:
        args += ["--since", since]
    return shlex.join(args)


@dataclass
class Objective:
    """The actions of one objective of a theme, in the store's order."""

    name: str
    actions: list[Action] = field(default_factory=list)


@dataclass
class ThemeSection:
    """One theme of the delivery plan: its counts and its objectives."""

    name: str
    counts: RagCounts
    objectives: list[Objective]


@dataclass(frozen=True)
class Worsened:
    """An action whose RAG is worse now than at the ``--since`` revision."""

    action: Action
    before: str
    after: str


@dataclass
class Report:
    """Everything a committee report prints, in the order it prints it."""

    title: str
    organisation: str
    stamp: Stamp
    as_of: date | None
    """The date passed to the actions' overdue rules (None: each plan's own)."""
    actions: list[Action]
    total: RagCounts
    by_theme: dict[str, RagCounts]
    statuses: list[tuple[str, str]]
    """Every status word used, with its RAG, in the plans' order."""
    status_by_theme: dict[str, dict[str, int]]
    themes: list[ThemeSection]
    overdue: list[Action]
    status_checks: list[StatusCheck]
    worsened: list[Worsened] | None = None
    """None when no ``--since`` was given; a list (maybe empty) when it was."""
    slips: dict[str, list[Slip]] | None = None
    """Each revised action's deadline revisions by ref (the slip ledger); None when the
    store has no history to read them from (the report then has no ledger)."""


def rag_word(rag: str) -> str:
    """A colour in words for reports: ``Red``, ``Complete`` (blue)..."""
    return RAG_WORDS.get(rag, rag.title())


def rag_cell_word(action: Action) -> str:
    """An action's RAG in words for its row: a complete one says whether evidence was
    attached (``Complete - evidenced``) or the status alone says so
    (``Complete - self-reported``)."""
    completion = action.completion
    return completion[0].upper() + completion[1:] if completion else rag_word(action.rag)


def resolve_as_of(
    plans: Iterable[Plan], given: date | None, today: date
) -> tuple[date | None, str]:
    """The date to judge overdue on, and how the stamp says where it came from.

    ``--as-of`` wins; else each plan is judged on its own ``as_of`` (None is returned,
    so each action keeps its plan's date, as ``bvtui list`` and the app do), and a plan
    without one on ``today``, which is said, since the report then depends on the day
    it is made.
    """
    if given is not None:
        return given, f"{given.isoformat()} (given)"
    plans = list(plans)
    dates = {plan.as_of for plan in plans}
    if not plans:
        return None, f"{today.isoformat()} (today: no plan, no --as-of)"
    if len(dates) == 1 and None not in dates:
        return None, f"{plans[0].as_of.isoformat()} (the plan's as_of)"  # type: ignore[union-attr]
    if len(plans) == 1:
        return None, f"{today.isoformat()} (today: the plan has no as_of, no --as-of)"
    each = ", ".join(
        f"{p.slug} {p.as_of.isoformat()}"
        if p.as_of
        else f"{p.slug} {today.isoformat()} (today: no as_of)"
        for p in plans
    )
    return None, f"each plan's own as_of: {each}"


def commit_stamp(store: Store) -> tuple[str, datetime | None]:
    """The commit the store was read at (HEAD for the work tree) and its date.

    Edits saved on disk but not committed are said (``+ uncommitted edits``), since
    the report then shows what no commit holds.
    """
    if store.repo is None:
        return "none: the store is not in a git repository", None
    commit = store.revision
    try:
        if commit is None:
            commit = store.repo.run("rev-parse", "--verify", "--quiet", "HEAD").stdout.strip()
        when = store.repo.run("show", "-s", "--format=%cI", commit).stdout.strip()
    except GitError:
        return "none: the repository has no commit yet", None
    text = commit
    if store.revision is None and store.pending_paths():
        text += " + uncommitted edits"
    return text, datetime.fromisoformat(when)


def worsened_since(actions: Iterable[Action], before: Store) -> list[Worsened]:
    """Actions whose RAG is worse than in ``before`` (red < amber < green < blue).

    Actions new since, and moves into or out of grey, are not counted as worse.
    """
    then = {action.ref: action.rag for action in before.actions}
    worse = []
    for action in actions:
        old = then.get(action.ref, "grey")
        now = action.rag
        if _WORSENING_RANK.get(now, -1) < _WORSENING_RANK.get(old, -1) and now != "grey":
            worse.append(Worsened(action, old, now))
    return worse


def build_report(
    store: Store,
    actions: list[Action],
    *,
    wanted: Filter | None = None,
    as_of: date | None = None,
    since: Store | None = None,
    today: date | None = None,
    slips: dict[str, list[Slip]] | None = None,
    at: str | None = None,
) -> Report:
    """The report of ``actions`` (already filtered by ``wanted``) from ``store``.

    Args:
        store: the store the actions were read from (for the commit stamp).
        actions: the actions to report on, in the store's order.
        wanted: the filter that chose them, printed in the stamp.
        as_of: ``--as-of``; None for each plan's own date (see :func:`resolve_as_of`).
        since: the store at the ``--since`` revision, for the RAG-worsened list.
        today: the day the stamp names for a plan without ``as_of`` (default: the
            clock, on which :meth:`Plan.judged_on` judges such a plan).
        slips: the slip ledger of ``actions`` (``bvtui.trail.report_slips``), or None.
        at: ``--at`` as given (a snapshot tag), for the stamp's command.
    """
    plans = list({action.plan.slug: action.plan for action in actions}.values())
    if not plans and wanted and wanted.plans:
        plans = [store.plans[slug] for slug in sorted(wanted.plans) if slug in store.plans]
    judged, as_of_text = resolve_as_of(plans, as_of, today or date.today())
    commit, commit_time = commit_stamp(store)
    stamp = Stamp(
        plans=tuple(f"{plan.title or plan.slug} ({plan.slug})" for plan in plans),
        as_of=as_of_text,
        commit=commit,
        commit_time=commit_time,
        filters=wanted.describe() if wanted else "",
        since=since.revision if since is not None else None,
        made_with=made_with(wanted, as_of, since.revision if since is not None else None, at),
    )
    figures = dashboard(actions, judged)
    single = plans[0] if len(plans) == 1 else None
    return Report(
        title=single.title if single and single.title else "Improvement plans report",
        organisation=single.organisation if single else "",
        stamp=stamp,
        as_of=judged,
        actions=actions,
        total=figures.total,
        by_theme=figures.by_theme,
        statuses=_statuses(plans, actions),
        status_by_theme=_status_by_theme(actions, list(figures.by_theme)),
        themes=_sections(actions, figures.by_theme),
        overdue=figures.overdue,
        status_checks=figures.status_checks,
        worsened=worsened_since(actions, since) if since is not None else None,
        slips=slips,
    )


def theme_of(action: Action) -> str:
    """The theme an action is reported under (``(no theme)`` when blank)."""
    return action.theme.strip() or NO_THEME


def _statuses(plans: list[Plan], actions: list[Action]) -> list[tuple[str, str]]:
    """Every status word used, with its RAG: plan order first, then the order met."""
    used = {action.status or NO_STATUS: action.rag for action in actions}
    ordered: dict[str, str] = {}
    for plan in plans:
        for word in plan.statuses:
            if word in used:
                ordered.setdefault(word, used[word])
    for word, rag in used.items():
        ordered.setdefault(word, rag)
    rank = {rag: index for index, rag in enumerate(RAGS)}
    return sorted(ordered.items(), key=lambda item: rank.get(item[1], len(rank)))


def _status_by_theme(actions: list[Action], themes: list[str]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {theme: {} for theme in themes}
    for action in actions:
        row = table[theme_of(action)]
        word = action.status or NO_STATUS
        row[word] = row.get(word, 0) + 1
    return table


def _sections(actions: list[Action], counts: dict[str, RagCounts]) -> list[ThemeSection]:
    sections = {theme: ThemeSection(theme, counts[theme], []) for theme in counts}
    for action in actions:
        section = sections[theme_of(action)]
        name = action.objective.strip() or NO_OBJECTIVE
        group = next((o for o in section.objectives if o.name == name), None)
        if group is None:
            group = Objective(name)
            section.objectives.append(group)
        group.actions.append(action)
    return list(sections.values())


# --- cells every format prints -----------------------------------------------------

ACTION_COLUMNS: tuple[str, ...] = (
    "Ref",
    "Action",
    "Lead officer",
    "Deadline",
    "Status",
    "RAG",
    "Progress",
    "Latest update",
)
"""The delivery plan's columns: the 2017-18 report's, with the RAG in words."""

EXCEPTION_COLUMNS: tuple[str, ...] = (
    "Ref",
    "Action",
    "Lead officer",
    "Due",
    "Status",
    "RAG",
    "Why",
)

RAG_COLUMN = 5
"""The index of the RAG cell in both column lists: the cell a format colours."""


@dataclass
class ExceptionList:
    """One list of actions a meeting asks about, each with the reason it is listed."""

    title: str
    rows: list[tuple[Action, str]]


def ref_of(report: Report, action: Action) -> str:
    """The bare id in a one-plan report, else ``plan/id``."""
    return action.id if len(report.stamp.plans) == 1 else action.ref


def action_cells(report: Report, action: Action) -> list[str]:
    """One delivery-plan row as raw text (each format escapes it its own way)."""
    deadline = action.deadline
    if action.revised_deadline:
        deadline = f"{deadline} (revised: {action.revised_deadline})".strip()
    latest = action.latest_update
    update = f"{latest.period}: {latest.text}" if latest and latest.period else ""
    if latest and not latest.period:
        update = latest.text
    return [
        ref_of(report, action),
        action.title,
        ", ".join(action.officers),
        deadline,
        action.status,
        rag_cell_word(action),
        "" if action.progress is None else f"{action.progress}%",
        update,
    ]


def exception_cells(report: Report, action: Action, why: str) -> list[str]:
    """One exception row as raw text."""
    due = action.due
    return [
        ref_of(report, action),
        action.title,
        ", ".join(action.officers),
        due.isoformat() if due else action.deadline,
        action.status,
        rag_word(action.rag),
        why,
    ]


def exception_lists(report: Report) -> list[ExceptionList]:
    """Overdue, status check failed, and (with ``--since``) RAG worsened."""
    lists = [
        ExceptionList(
            "Overdue",
            [(action, _overdue_why(action, report.as_of)) for action in report.overdue],
        ),
        ExceptionList(
            "Status check failed",
            [(check.action, check.reason) for check in report.status_checks],
        ),
    ]
    if report.worsened is not None:
        lists.append(
            ExceptionList(
                f"RAG worsened since {(report.stamp.since or '')[:10]}",
                [
                    (w.action, f"{rag_word(w.before)} -> {rag_word(w.after)}")
                    for w in report.worsened
                ],
            )
        )
    return lists


def _overdue_why(action: Action, as_of: date | None) -> str:
    due, today = action.due, action.plan.judged_on(as_of)
    days = (today - due).days if due else 0
    return f"{days} days past due on {today.isoformat()}"


def status_heading(word: str, rag: str) -> str:
    """A status word with its colour in words, unless the word already says it."""
    colour = rag_word(rag)
    return word if fold(word).startswith(fold(colour)) else f"{word} ({colour})"


def count_cell(counts: RagCounts, rag: str) -> str:
    """``3 (23%)``: a count with its share of the row."""
    return f"{counts.counts.get(rag, 0)} ({counts.percent(rag)}%)"


def rag_summary(report: Report) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of theme x RAG with percentages, a Total row last."""
    headers = ["Theme", *(rag_word(rag) for rag in RAGS), "Total"]
    rows = [
        [theme, *(count_cell(counts, rag) for rag in RAGS), str(counts.total)]
        for theme, counts in [*report.by_theme.items(), ("Total", report.total)]
    ]
    return headers, rows


def status_summary(report: Report) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of theme x status (the plans' words), a Total row last."""
    words = [word for word, _rag in report.statuses]
    headers = ["Theme", *(status_heading(word, rag) for word, rag in report.statuses), "Total"]
    rows = []
    totals = dict.fromkeys(words, 0)
    for theme, row in report.status_by_theme.items():
        rows.append([theme, *(str(row.get(word, 0)) for word in words), str(sum(row.values()))])
        for word in words:
            totals[word] += row.get(word, 0)
    rows.append(["Total", *(str(totals[word]) for word in words), str(len(report.actions))])
    return headers, rows
