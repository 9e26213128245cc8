"""The governance rules read back from the history: changes made without the approval
their plan required at the time, and each action's slip ledger.

A commit is judged by the rules of the ``plan.yaml`` in that very commit (rules added
later do not condemn older changes; rules removed later do not excuse them), with
the same function the save path refuses with (:func:`bvtui.model.refusal`), so what
``bvtui set`` would have refused is what the audit finds: a closure or a deadline
revision without its ``Approved-by:`` (or ``Reason:``), and an ``Approved-by:`` naming
someone the rules do not allow (or the commit's own author, under
``anyone-but-author``). Trailers are a record of intent, not a signature: a hand
commit can write them; signing says who wrote the commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from bvtui.git import Commit, Repo, commit_of, read_blobs
from bvtui.model import (
    APPROVED_BY_TRAILER,
    PLAN_FILE,
    REASON_TRAILER,
    Action,
    Approval,
    Plan,
    Ref,
    Slip,
    ValidationError,
    one_line,
    plan_from_mapping,
    refusal,
)
from bvtui.store import Store, YamlFileError, read_mapping
from bvtui.trail.history import Revision, deadline_slips, store_history

JUDGED_LINES = "(status|deadline):"
"""The lines a change the rules judge touches (git ``-G``): the rest are not read."""


@dataclass(frozen=True)
class RuleBreach:
    """A commit that changed an action without what its plan's rules required then."""

    commit: Commit
    ref: str
    why: str


def approval_of(commit: Commit) -> Approval:
    """The approver and reason a commit's trailers give (the last of each)."""
    approvers = commit.trailers.get(APPROVED_BY_TRAILER) or [""]
    reasons = commit.trailers.get(REASON_TRAILER) or [""]
    return Approval(approvers[-1], reasons[-1])


def _ever_governed(repo: Repo, store_path: str, tip: str) -> bool:
    """Whether any plan file up to ``tip`` ever held a ``governance:`` line (git ``-G``
    over the plan files alone: a few commits, however long the history)."""
    plans = f":(glob){PurePosixPath(store_path) / '*' / PLAN_FILE}"
    found = repo.run("log", "-1", "--format=%H", "-Ggovernance:", tip, "--", plans)
    return bool(found.stdout.strip())


def _plans_then(repo: Repo, store_path: str, revisions: list[Revision]) -> dict[str, Plan]:
    """The plan of each revision's action as its commit held it, keyed ``sha:path``;
    a plan file missing or unreadable at that commit is left out (no rules)."""
    names = {
        f"{r.commit.sha}:{PurePosixPath(store_path) / Ref.of_path(r.path).plan / PLAN_FILE}"
        for r in revisions
    }
    plans = {}
    for name, blob in read_blobs(repo, sorted(names)).items():
        slug = PurePosixPath(name.partition(":")[2]).parent.name
        try:
            mapping = read_mapping(blob.decode("utf-8"), name)
            plans[name] = plan_from_mapping(slug, mapping, name)
        except (YamlFileError, ValidationError, UnicodeDecodeError):
            continue
    return plans


def _plan_key(store_path: str, revision: Revision) -> str:
    slug = Ref.of_path(revision.path).plan
    return f"{revision.commit.sha}:{PurePosixPath(store_path) / slug / PLAN_FILE}"


def _judged(revisions: list[Revision]) -> list[Revision]:
    """Changes to existing actions' files (a plan file, a new or removed file: none)."""
    return [
        r
        for r in revisions
        if r.old is not None
        and r.new is not None
        and PurePosixPath(r.path).name != PLAN_FILE
        and any(c.field in ("status", "deadline", "revised_deadline") for c in r.changes)
    ]


def rule_breaches(
    repo: Repo, store_path: str, *, base: str | None = None, tip: str = "HEAD"
) -> list[RuleBreach]:
    """Every change after ``base`` that its plan's rules at the time did not allow,
    newest first. A store whose plan files never held rules up to ``tip`` has none,
    found without reading the actions' history."""
    if not _ever_governed(repo, store_path, tip):
        return []
    changed = store_history(repo, store_path, base=base, tip=tip, lines_matching=JUDGED_LINES)
    revisions = _judged(changed)
    plans = _plans_then(repo, store_path, revisions)
    breaches = []
    for revision in revisions:
        plan = plans.get(_plan_key(store_path, revision))
        if plan is None or not plan.governance.active:
            continue
        commit = revision.commit
        author = f"{commit.author} <{commit.email}>"
        why = refusal(
            plan.governance, revision.old, revision.new, plan.rag_of, approval_of(commit), author
        )
        if why is not None:
            breaches.append(RuleBreach(commit, revision.ref, why))
    return breaches


# --- the slip ledger -------------------------------------------------------------------


def slip_ledger(
    repo: Repo, plan_paths: list[str], *, tip: str = "HEAD", refs: set[str] | None = None
) -> dict[str, list[Slip]]:
    """Each action's deadline revisions up to ``tip``, oldest first, keyed by ref
    (only ``refs`` when given), from the history of the plan folders ``plan_paths``
    (relative to the top of the work tree); an action never revised has no entry,
    and a first deadline is no revision.

    Only the files whose deadline lines changed are read (git ``-G``); a renamed
    action's revisions before its rename stay under its old ref.
    """
    by_ref: dict[str, list[Revision]] = {}
    if not plan_paths:
        return {}
    for revision in store_history(repo, plan_paths, tip=tip, lines_matching="deadline:"):
        action_file = PurePosixPath(revision.path).name != PLAN_FILE
        if action_file and (refs is None or revision.ref in refs):
            by_ref.setdefault(revision.ref, []).append(revision)
    ledger: dict[str, list[Slip]] = {}
    for ref, revisions in by_ref.items():
        commits = {revision.commit.sha: revision.commit for revision in revisions}
        for slip in deadline_slips(revisions):
            if not slip.old:
                continue
            approval = approval_of(commits[slip.sha])
            ledger.setdefault(ref, []).append(
                Slip(
                    when=slip.when,
                    author=slip.author,
                    sha=slip.sha,
                    old=slip.old,
                    new=slip.new,
                    days=slip.days,
                    reason=one_line(approval.reason),
                    approver=one_line(approval.approver),
                )
            )
    return ledger


def report_slips(store: Store, actions: Iterable[Action]) -> dict[str, list[Slip]] | None:
    """The slip ledger of ``actions`` as ``store`` was read (its revision, or HEAD),
    for a report; None when the store has no history to read it from."""
    repo = store.repo
    if repo is None:
        return None
    try:
        tip = commit_of(repo, store.revision or "HEAD")
    except ValueError:
        return None
    actions = list(actions)
    plans = sorted({action.plan.slug for action in actions})
    paths = [str(PurePosixPath(repo.relative(store.root)) / slug) for slug in plans]
    return slip_ledger(repo, paths, tip=tip, refs={action.ref for action in actions})
