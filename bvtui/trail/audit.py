"""The auditor's check of a store's trail: what did not go through bvtui, or was rewritten.

Four kinds of finding:

* commits that changed plan files without bvtui's trailers (a hand edit committed
  with plain git, a merge that resolved a conflict by hand), or whose ``Action:``
  trailer names a different file than the one changed;
* edits on disk not committed (the trail does not show them yet);
* tags (snapshots) that are no longer in the history of HEAD: the history was
  rewritten after the snapshot was presented;
* files that fail validation;
* closures and deadline revisions without the approval their plan's rules required at
  the time, and approvals by someone the rules do not allow (:mod:`bvtui.trail.rule_audit`).

Trailers are a record of intent, not a signature: anyone can write them by hand.
For tamper-evidence, sign commits (the git CLI's signing applies to bvtui's saves).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from bvtui.git import Commit, Repo, commit_of, read_log
from bvtui.model import EVIDENCE_FOLDER, Ref, RefError
from bvtui.store import Problem, Store
from bvtui.trail.rule_audit import RuleBreach, rule_breaches
from bvtui.trail.snapshots import Tag, list_tags

IMPORT_TRAILER = "Import"
PLAN_TRAILER = "Plan"


@dataclass(frozen=True)
class OutsideCommit:
    """A commit to plan files not made by bvtui (or not matching its own trailer)."""

    commit: Commit
    files: list[str]
    reason: str


@dataclass
class AuditReport:
    """Everything the audit found; ``clean`` when there is nothing to look at."""

    outside: list[OutsideCommit] = field(default_factory=list)
    uncommitted: list[tuple[str, str]] = field(default_factory=list)
    """(git status code, path) of each store file edited but not committed."""
    stray_tags: list[Tag] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rule_breaches: list[RuleBreach] = field(default_factory=list)
    """Changes made without the approval their plan's governance rules required."""
    commits_checked: int = 0

    @property
    def clean(self) -> bool:
        found = (self.outside, self.uncommitted, self.stray_tags, self.problems, self.rule_breaches)
        return not any(found)


def _expected_files(commit: Commit, store_path: str) -> set[str] | str | None:
    """The files bvtui's trailers say the commit changes: a set of paths, a folder
    prefix (an import writes one plan folder), or None when there are no trailers."""
    if commit.action_refs:  # one per action a save (or a bulk edit) changed
        expected = set()
        store = PurePosixPath(store_path)
        for ref in commit.action_refs:
            try:
                named = Ref.parse(ref)
            except RefError:  # names no file of the store, so accounts for none
                continue
            # with the action's file, the evidence ``bvtui attach`` committed beside it
            expected.add(str(named.path(store)))
            expected.add(str(store / named.plan / EVIDENCE_FOLDER / named.id) + "/")
        return expected
    plans = commit.trailers.get(PLAN_TRAILER)
    if IMPORT_TRAILER in commit.trailers and plans:
        return str(PurePosixPath(store_path) / plans[-1]) + "/"
    return None


def judge_commit(commit: Commit, store_path: str) -> OutsideCommit | None:
    """Why ``commit`` is outside bvtui's trail, or None when its trailers account for it."""
    files = sorted({f.path for f in commit.files if f.path.endswith(".yaml")})
    if not files:
        return None
    expected = _expected_files(commit, store_path)
    if expected is None:
        reason = "merge changing plan files itself" if commit.is_merge else "no bvtui trailers"
        return OutsideCommit(commit, files, reason)
    if isinstance(expected, str):
        stray = [path for path in files if not path.startswith(expected)]
    else:
        folders = tuple(name for name in expected if name.endswith("/"))
        stray = [path for path in files if path not in expected and not path.startswith(folders)]
    if stray:
        return OutsideCommit(commit, stray, "changes files its trailers do not name")
    return None


def audit_store(store: Store, *, base: str | None = None) -> AuditReport:
    """Check the trail of ``store`` (commits after ``base``; None: the whole history).

    The store is loaded (for validation) by the caller; a store outside git has only
    its validation problems to report.
    """
    report = AuditReport(problems=list(store.problems))
    repo = store.repo
    if repo is None:
        return report
    store_path = repo.relative(store.root)
    if _has_commits(repo):
        commits = read_log(repo, f"{base}..HEAD" if base else "HEAD", paths=[store_path])
        report.commits_checked = len(commits)
        report.outside = [
            found for commit in commits if (found := judge_commit(commit, store_path)) is not None
        ]
        report.stray_tags = list_tags(repo, not_in="HEAD")
        report.rule_breaches = rule_breaches(repo, store_path, base=base)
    report.uncommitted = repo.changed_files(store.root)
    return report


def _has_commits(repo: Repo) -> bool:
    try:
        commit_of(repo, "HEAD")
    except ValueError:
        return False
    return True
