"""The audit trail on the command line: timeline, changes, snapshot, audit (``log`` is
:mod:`bvtui.cli.log`, which these share its helpers with).

Each command reads git history through :mod:`bvtui.trail.history`,
:mod:`bvtui.trail.changes`, :mod:`bvtui.trail.snapshots` and :mod:`bvtui.trail.audit`,
and prints readable text or tabulate tables, or every field as json for scripts.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bvtui.cli.errors import fail, user_errors
from bvtui.cli.log import (
    action_file,
    change_record,
    commit_record,
    since_base,
    store_repo,
    when,
)
from bvtui.cli.output import cut_cell, json_dumps
from bvtui.git import resolve_until
from bvtui.model import Plan, ValidationError, one_line, plan_from_mapping
from bvtui.reporting import rag_label
from bvtui.store import (
    PLAN_FILE,
    RefusedFile,
    Store,
    YamlFileError,
    read_mapping,
    read_regular_file,
)
from bvtui.trail import (
    ActionMove,
    AuditReport,
    DeadlineSlip,
    StatusSpell,
    StoreChanges,
    action_history,
    audit_store,
    deadline_slips,
    make_snapshot,
    status_timeline,
    store_changes,
)


def _plan_of(path: Path) -> Plan | None:
    """The action's plan as its ``plan.yaml`` says now (for status colours), if it loads."""
    plan_file = path.parent / PLAN_FILE
    try:
        data = read_mapping(read_regular_file(plan_file).decode("utf-8"), str(plan_file))
        return plan_from_mapping(path.parent.name, data, str(plan_file))
    except (OSError, YamlFileError, ValidationError, UnicodeDecodeError, RefusedFile):
        return None


# --- records (json) ------------------------------------------------------------------


# --- timeline --------------------------------------------------------------------------


def spell_record(spell: StatusSpell) -> dict[str, Any]:
    return {
        "status": spell.status,
        "rag": spell.rag,
        "since": spell.since.isoformat(),
        "author": spell.author,
        "commit": spell.sha,
        "by_bvtui": spell.by_bvtui,
    }


def slip_record(slip: DeadlineSlip) -> dict[str, Any]:
    return {
        "date": slip.when.isoformat(),
        "author": slip.author,
        "commit": slip.sha,
        "old": slip.old,
        "new": slip.new,
        "old_due": slip.old_due.isoformat() if slip.old_due else None,
        "new_due": slip.new_due.isoformat() if slip.new_due else None,
        "days": slip.days,
        "update_period": slip.update_period,
        "update": slip.update_text,
    }


def render_timeline(spells: list[StatusSpell], slips: list[DeadlineSlip], fmt: str) -> str:
    """The status timeline and the deadline-slip log as two tables."""
    status_rows = [
        [
            spell.since.strftime("%Y-%m-%d"),
            one_line(spell.status),
            rag_label(spell.rag) if spell.rag else "",
            one_line(spell.author) + ("" if spell.by_bvtui else " (hand edit)"),
            spell.sha[:10],
        ]
        for spell in spells
    ]
    slip_rows = [
        [
            slip.when.strftime("%Y-%m-%d"),
            f"{one_line(slip.old) or '(none)'} -> {one_line(slip.new) or '(none)'}",
            "?" if slip.days is None else f"{slip.days:+d}",
            one_line(slip.author),
            cut_cell(slip.update_text or "(no update with this change)", 60),
        ]
        for slip in slips
    ]
    parts = [
        "Status timeline",
        tabulate(status_rows, headers=("since", "status", "rag", "set by", "commit"), tablefmt=fmt),
        "",
        "Deadline slips",
        tabulate(slip_rows, headers=("date", "deadline", "days", "by", "update"), tablefmt=fmt)
        if slip_rows
        else "none",
    ]
    return "\n".join(parts)


@user_errors
def timeline(args: argparse.Namespace) -> int:
    """Each status an action held (when, by whom) and each time its deadline slipped."""
    root, repo = store_repo(args)
    file = action_file(root, args.ref)
    revisions = action_history(repo, repo.relative(file))
    repo.complete_commit_graph()  # as in log
    if not revisions:
        return fail(f"{file}: no commits touch this file")
    spells = status_timeline(revisions, _plan_of(file))
    slips = deadline_slips(revisions)
    if args.format == "json":
        data = {
            "statuses": [spell_record(s) for s in spells],
            "deadline_slips": [slip_record(s) for s in slips],
        }
        print(json_dumps(data))
    else:
        print(render_timeline(spells, slips, args.format))
    return 0


# --- changes ---------------------------------------------------------------------------

MOVE_MARKS = {"worse": "▼ worse", "better": "▲ better"}


def move_record(move: ActionMove) -> dict[str, Any]:
    return {
        "ref": move.ref,
        "plan": move.plan,
        "theme": move.theme,
        "title": move.title,
        "kind": move.kind,
        "old_ref": move.old_ref,
        "old_status": move.old_status,
        "new_status": move.new_status,
        "old_rag": move.old_rag,
        "new_rag": move.new_rag,
        "direction": move.direction or None,
        "updates_added": move.updates_added,
        "changes": [change_record(change) for change in move.changes],
        "problem": move.problem,
    }


def _actions(count: int) -> str:
    return f"{count} action{'' if count == 1 else 's'}"


def render_changes(changes: StoreChanges, fmt: str) -> str:
    """Counts first, then one table per plan and theme."""
    counts = (
        f"{_actions(len(changes.moves))} moved: {len(changes.going('worse'))} worse, "
        f"{len(changes.going('better'))} better, {len(changes.of_kind('new'))} new, "
        f"{len(changes.of_kind('removed'))} removed, {len(changes.with_updates)} with new updates"
    )
    parts = [counts]
    for (plan, theme), moves in changes.grouped().items():
        rows = [
            [
                move.id,
                cut_cell(move.title, 44),
                rag_label(move.new_rag or move.old_rag or "grey"),
                MOVE_MARKS.get(move.direction, ""),
                cut_cell("; ".join(move.what()), 72),
            ]
            for move in moves
        ]
        parts.append(f"\n{one_line(plan)} · {one_line(theme) or '(no theme)'}")
        parts.append(tabulate(rows, headers=("id", "title", "rag", "moved", "what"), tablefmt=fmt))
    return "\n".join(parts)


@user_errors
def changes(args: argparse.Namespace) -> int:
    """What moved across the store since a date or a revision (a snapshot tag)."""
    root, repo = store_repo(args)
    base = since_base(repo, args.since)
    try:
        head = resolve_until(repo, args.until)
    except ValueError as err:
        return fail(str(err))
    found = store_changes(repo, repo.relative(root), base, head)
    if args.format == "json":
        data = {
            "base": found.base,
            "head": found.head,
            "moves": [move_record(move) for move in found.moves],
        }
        print(json_dumps(data))
    elif not found.moves:
        print(f"nothing moved since {args.since}")
    else:
        print(render_changes(found, args.format))
    return 0


# --- snapshot --------------------------------------------------------------------------


@user_errors
def snapshot(args: argparse.Namespace) -> int:
    """Tag the store as presented (an annotated tag of HEAD)."""
    root, repo = store_repo(args)
    try:
        tag = make_snapshot(repo, repo.relative(root), args.name, args.message, args.author)
    except ValueError as err:
        return fail(str(err))
    print(f"snapshot {tag.name} = commit {tag.commit[:10]} (bvtui list --at {tag.name})")
    return 0


# --- audit -----------------------------------------------------------------------------


def audit_record(report: AuditReport) -> dict[str, Any]:
    return {
        "clean": report.clean,
        "commits_checked": report.commits_checked,
        "outside_commits": [
            {**commit_record(found.commit), "files": found.files, "reason": found.reason}
            for found in report.outside
        ],
        "uncommitted": [
            {"status": code.strip(), "path": path} for code, path in report.uncommitted
        ],
        "stray_tags": [
            {"tag": tag.name, "commit": tag.commit, "tagger": tag.tagger, "date": tag.date}
            for tag in report.stray_tags
        ],
        "invalid_files": [
            {"path": p.path, "line": p.line, "message": p.message} for p in report.problems
        ],
        "rule_breaches": [
            {**commit_record(b.commit), "action": b.ref, "why": b.why} for b in report.rule_breaches
        ],
    }


def render_audit(report: AuditReport, fmt: str) -> str:
    """One section per kind of finding, each a table; a closing verdict line."""
    parts = []
    if report.outside:
        rows = [
            [
                when(found.commit),
                one_line(found.commit.author),
                found.commit.short,
                cut_cell(found.commit.subject, 40),
                cut_cell(", ".join(found.files), 50),
                found.reason,
            ]
            for found in report.outside
        ]
        parts.append(f"Commits to plan files made outside bvtui ({len(rows)})")
        parts.append(
            tabulate(
                rows, headers=("date", "author", "commit", "subject", "files", "why"), tablefmt=fmt
            )
        )
    if report.uncommitted:
        parts.append(f"\nUncommitted edits ({len(report.uncommitted)})")
        rows = [[code.strip(), one_line(path)] for code, path in report.uncommitted]
        parts.append(tabulate(rows, headers=("git", "file"), tablefmt=fmt))
    if report.stray_tags:
        parts.append(f"\nSnapshot tags not in the history of HEAD ({len(report.stray_tags)})")
        rows = [
            [one_line(t.name), t.commit[:10], one_line(t.tagger), t.date[:16]]
            for t in report.stray_tags
        ]
        parts.append(tabulate(rows, headers=("tag", "commit", "tagged by", "date"), tablefmt=fmt))
    if report.rule_breaches:
        count = len(report.rule_breaches)
        parts.append(f"\nChanges without the approval their plan's rules required ({count})")
        rows = [
            [when(b.commit), one_line(b.commit.author), b.commit.short, one_line(b.ref), b.why]
            for b in report.rule_breaches
        ]
        headers = ("date", "author", "commit", "action", "why")
        parts.append(tabulate(rows, headers=headers, tablefmt=fmt))
    if report.problems:
        parts.append(f"\nFiles that fail validation ({len(report.problems)})")
        parts.extend(one_line(str(problem)) for problem in report.problems)
    verdict = (
        f"audit: {report.commits_checked} commit{'s' * (report.commits_checked != 1)} checked, "
        "nothing found"
        if report.clean
        else "audit: findings above"
    )
    parts.append(("\n" if parts else "") + verdict)
    return "\n".join(parts).lstrip("\n")


@user_errors
def audit(args: argparse.Namespace) -> int:
    """Check the trail; exit 1 when anything is found."""
    if args.signatures:
        from bvtui.cli.signing import audit_signatures

        return audit_signatures(args)
    store = Store.open(args.store)
    base = since_base(store.repo, args.since) if store.repo is not None else None
    report = audit_store(store, base=base)
    if args.format == "json":
        print(json_dumps(audit_record(report)))
    else:
        print(render_audit(report, args.format))
    return 0 if report.clean else 1


# --- parsers ---------------------------------------------------------------------------


def tabulate(*args: Any, **kwargs: Any) -> str:
    """tabulate's table, imported on first use rather than with every command."""
    from tabulate import tabulate as table

    return table(*args, **kwargs)
