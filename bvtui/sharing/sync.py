"""Sync a store with its git remote: commit, fetch, integrate, push, in one step.

``sync`` commits pending edits first (so nothing typed can be lost by what follows),
fetches, refuses to integrate when both sides added the same new action with
different content (an id clash: :func:`find_id_clashes`), rebases onto the remote
(or merges, where the clone says so), and pushes. The store's merge driver merges
action files field by field; a true conflict stops the sync with the actions named,
for the user to resolve (the app's resolution screen or ``bvtui resolve``) and finish
with :func:`continue_sync`. Any other failure leaves the clone as it was before the
sync (a failed rebase or merge is aborted) and is said in one line. Files edited by
hand while a sync is stopped survive --continue and --abort
(:mod:`bvtui.sharing.stopped_edits`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bvtui.git import SAFE, GitError, Progress, RemoteError, Repo, fetch, push
from bvtui.model import Ref
from bvtui.sharing.id_clashes import find_id_clashes, store_paths
from bvtui.sharing.merge import CONFLICTS_KEY
from bvtui.sharing.merge_driver import (
    configure_driver,
    driver_configured,
    missing_driver_program,
)
from bvtui.sharing.stopped_edits import put_back, set_aside
from bvtui.store import Store, YamlFileError, read_mapping

_NO_EDITOR = {"GIT_EDITOR": "true"}


class SyncError(RuntimeError):
    """A sync that could not be done, said in one plain line; local work is untouched."""


@dataclass
class SyncResult:
    """What a sync did: what came in, what went out, and what is left to resolve."""

    remote: str
    branch: str
    committed: int = 0
    incoming: int = 0
    incoming_refs: list[str] = field(default_factory=list)
    outgoing: int = 0
    pushed: bool = False
    mode: str = "rebase"
    conflicts: list[str] = field(default_factory=list)
    kept_in_conflict: list[str] = field(default_factory=list)
    """Edits made while the sync was stopped whose fields conflict with the sync's."""

    def line(self) -> str:
        """The one line the CLI prints and the app shows."""
        if self.conflicts:
            return (
                f"{len(self.conflicts)} action(s) in conflict with {self.remote}: "
                f"{_refs_text(self.conflicts)}; resolve them (the app, or bvtui resolve), "
                "then bvtui sync --continue"
            )
        parts = [f"synced with {self.remote}/{self.branch}"]
        if self.committed:
            parts.append(f"{_count(self.committed, 'pending edit')} committed")
        came = f"in: {_count(self.incoming, 'commit')}" if self.incoming else "in: nothing"
        if self.incoming_refs:
            came += f" ({_refs_text(self.incoming_refs)})"
        parts.append(came)
        parts.append(f"out: {_count(self.outgoing, 'commit')}" if self.outgoing else "out: nothing")
        if self.mode == "merge" and self.incoming and self.outgoing:
            parts.append("merged")
        if self.kept_in_conflict:
            parts.append(_conflicts_left(self.kept_in_conflict))
        return "; ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _refs_text(refs: list[str], limit: int = 4) -> str:
    shown = ", ".join(refs[:limit])
    return shown + (f" and {len(refs) - limit} more" if len(refs) > limit else "")


@dataclass
class _Target:
    """The remote and branch a sync talks to."""

    remote: str
    url: str
    branch: str
    remote_branch: str

    @property
    def tracking(self) -> str:
        return f"refs/remotes/{self.remote}/{self.remote_branch}"


def _repo_of(store: Store) -> Repo:
    if store.repo is None:
        raise SyncError(f"{store.root}: not in a git repository, so there is nothing to sync")
    return store.repo


def _config(repo: Repo, key: str) -> str | None:
    result = repo.try_run("config", "--get", key)
    return result.stdout.strip() or None if result.returncode == 0 else None


def _branch(repo: Repo) -> str | None:
    """The checked-out branch; during a stopped rebase, the branch being rebased."""
    for folder in ("rebase-merge", "rebase-apply"):
        head_name = repo.git_dir / folder / "head-name"
        if head_name.exists():
            return head_name.read_text().strip().removeprefix("refs/heads/") or None
    result = repo.try_run("symbolic-ref", "--short", "-q", "HEAD")
    return result.stdout.strip() if result.returncode == 0 else None


def _target(repo: Repo, remote: str | None) -> _Target:
    branch = _branch(repo)
    if not branch:
        raise SyncError("HEAD is detached: check out your branch (git switch main), then sync")
    remotes = repo.try_run("remote").stdout.split()
    if not remotes:
        raise SyncError(
            "no remote to sync with: add one (git remote add origin URL) as the README's "
            f"'Sharing a store' section shows; {SAFE}"
        )
    if remote is None:
        configured = _config(repo, f"branch.{branch}.remote")
        if configured is not None and configured in remotes:
            remote = configured
        elif "origin" in remotes or len(remotes) == 1:
            remote = "origin" if "origin" in remotes else remotes[0]
        else:
            raise SyncError(f"several remotes ({', '.join(remotes)}): say which with --remote")
    elif remote not in remotes:
        raise SyncError(f"no remote named {remote} (this clone has: {', '.join(remotes)})")
    merge_ref = _config(repo, f"branch.{branch}.merge") or ""
    remote_branch = merge_ref.removeprefix("refs/heads/") or branch
    url = _config(repo, f"remote.{remote}.url") or remote
    return _Target(remote, url, branch, remote_branch)


def integration_mode(repo: Repo, branch: str) -> str:
    """``rebase`` (the default: a linear audit trail) or ``merge`` where the clone says so.

    ``git config bvtui.integrate merge`` chooses merge for bvtui alone; otherwise an
    explicit ``branch.<name>.rebase false`` or ``pull.rebase false`` does.
    """
    chosen = _config(repo, "bvtui.integrate")
    if chosen in ("rebase", "merge"):
        return chosen
    for key in (f"branch.{branch}.rebase", "pull.rebase"):
        value = _config(repo, key)
        if value is not None:
            return "merge" if value.lower() in ("false", "no", "off", "0") else "rebase"
    return "rebase"


def _rev(repo: Repo, rev: str) -> str | None:
    result = repo.try_run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    return result.stdout.strip() if result.returncode == 0 else None


def _count_commits(repo: Repo, spec: str) -> int:
    return int(repo.run("rev-list", "--count", spec).stdout.strip() or 0)


def _unmerged(repo: Repo) -> list[str]:
    return sorted(set(repo.run("diff", "--name-only", "--diff-filter=U").stdout.splitlines()))


def has_conflict_record(path: Path) -> bool:
    """True when ``path`` is a store file whose ``conflicts:`` the driver wrote."""
    try:
        data = read_mapping(path.read_text("utf-8"), str(path))
    except (OSError, UnicodeDecodeError, YamlFileError):
        return False
    return isinstance(data.get(CONFLICTS_KEY), dict)


def in_progress(repo: Repo) -> str | None:
    """``rebase`` or ``merge`` when one is stopped in this clone, else None."""
    if (repo.git_dir / "rebase-merge").exists() or (repo.git_dir / "rebase-apply").exists():
        return "rebase"
    if (repo.git_dir / "MERGE_HEAD").exists():
        return "merge"
    return None


def conflicted_refs(store: Store) -> list[str]:
    """Refs of the actions left in conflict by an integration that stopped."""
    repo = _repo_of(store)
    return [
        str(Ref.of_path(name)) for name in _unmerged(repo) if has_conflict_record(repo.top / name)
    ]


def _abort(repo: Repo, mode: str) -> None:
    repo.try_run(mode, "--abort")


def _stopped(repo: Repo, mode: str, output: str, what: str) -> list[str]:
    """After a rebase or merge that stopped: the conflicts the user can resolve, or abort.

    Raises:
        SyncError: the stop is not one the driver recorded (a text conflict, a file
            removed on one side and edited on the other...): the integration is
            aborted and the clone is as it was.
    """
    unmerged = _unmerged(repo)
    ours = [name for name in unmerged if has_conflict_record(repo.top / name)]
    if unmerged and len(ours) == len(unmerged):
        return [str(Ref.of_path(name)) for name in ours]
    _abort(repo, mode)
    if unmerged:
        others = ", ".join(name for name in unmerged if name not in ours)
        reason = f"{others} could not be merged field by field"
    else:
        reason = _first_line(output)
    raise SyncError(
        f"could not {mode} onto {what}: {reason}; the {mode} was undone, {SAFE} "
        "(merge those files by hand with git, or ask the other officer)"
    )


def _first_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("fatal:", "error:", "CONFLICT")):
            return line
    return lines[0] if lines else "git stopped"


def ensure_driver(repo: Repo) -> bool:
    """Configure the merge driver in this clone when it is not (True when it did).

    Raises:
        SyncError: the driver configured runs a program that is not there.
    """
    missing = missing_driver_program(repo)
    if missing:
        raise SyncError(
            f"the merge driver configured in this clone runs {missing}, which is not there "
            "(a moved or removed venv?): run bvtui setup-merge, then sync again; nothing was "
            f"fetched or pushed, {SAFE}"
        )
    if driver_configured(repo):
        return False
    configure_driver(repo)
    return True


def _fetch(repo: Repo, target: _Target, progress: Progress | None) -> None:
    try:
        fetch(repo.top, target.remote, target.url, prune=True, progress=progress)
    except RemoteError as err:
        raise SyncError(str(err)) from None


def _push(repo: Repo, target: _Target, progress: Progress | None) -> None:
    refspec = f"HEAD:refs/heads/{target.remote_branch}"
    try:
        push(repo.top, target.remote, target.url, refspec, set_upstream=True, progress=progress)
    except RemoteError as err:
        raise SyncError(str(err)) from None


def _conflicts_left(refs: list[str]) -> str:
    return (
        f"edits made during the stopped sync left in conflict, uncommitted: "
        f"{_refs_text(refs)} (bvtui resolve {refs[0]})"
    )


def _commit_pending(store: Store, author: str | None, only: set[Path] | None = None) -> int:
    results = store.commit_pending(author=author, only=only)
    failed = [result for result in results if result.error]
    if failed:
        raise SyncError(
            f"edits could not be committed before syncing ({failed[0].ref}: {failed[0].error}); "
            f"they are saved on disk; nothing was fetched or pushed"
        )
    return sum(1 for result in results if result.commit)


def sync(
    store: Store,
    remote: str | None = None,
    author: str | None = None,
    progress: Progress | None = None,
) -> SyncResult:
    """Commit pending edits, fetch, integrate, push (see the module); ``progress`` is
    called with git's (stage, count, total) while fetching and pushing.

    Raises:
        SyncError: no repository or remote, a rebase already stopped, the remote
            refused or unreachable, an id clash, a conflict git could not record,
            or the remote moving on before the push; always one line, local work kept.
    """
    repo = _repo_of(store)
    stopped = in_progress(repo)
    if stopped:
        left = conflicted_refs(store)
        waiting = f" ({_refs_text(left)} still in conflict)" if left else ""
        raise SyncError(
            f"a {stopped} is in progress{waiting}: resolve, then bvtui sync --continue "
            "(or bvtui sync --abort to go back to before it)"
        )
    target = _target(repo, remote)
    ensure_driver(repo)
    committed = _commit_pending(store, author)
    _fetch(repo, target, progress)
    result = SyncResult(target.remote, target.remote_branch, committed=committed)
    result.mode = integration_mode(repo, target.branch)
    upstream = _rev(repo, target.tracking)
    _check_related(repo, target, upstream)
    if upstream is not None and _rev(repo, "HEAD") is not None:
        _count_incoming(repo, store, "HEAD", upstream, result)
        if result.incoming:
            result.conflicts = _integrate(repo, store, target, upstream, result)
            if result.conflicts:
                return result
    return _publish(repo, target, result, progress)


def _count_incoming(repo: Repo, store: Store, head: str, upstream: str, result: SyncResult) -> None:
    """What ``upstream`` brings that ``head`` (the branch before the sync) lacks."""
    result.incoming = _count_commits(repo, f"{head}..{upstream}")
    if result.incoming:
        base = repo.run("merge-base", head, upstream).stdout.strip()
        prefix = repo.relative(store.root)
        changed = store_paths(repo, "diff", "--name-only", base, upstream, "--", prefix)
        result.incoming_refs = [str(Ref.of_path(name)) for name in changed]


def _head_before(repo: Repo, mode: str) -> str | None:
    """The branch's commit before the stopped rebase or merge began."""
    if mode == "merge":
        return _rev(repo, "HEAD")
    for folder in ("rebase-merge", "rebase-apply"):
        orig = repo.git_dir / folder / "orig-head"
        if orig.exists():
            return _rev(repo, orig.read_text().strip())
    return None


def _check_related(repo: Repo, target: _Target, upstream: str | None) -> None:
    """Refuse to push a history that shares nothing with the remote's.

    A clone of a bare repository made with git's old default branch (``master``)
    while the store was pushed as ``main`` checks out an empty branch; pushing from
    it would publish a second, unrelated store.

    Raises:
        SyncError: HEAD shares no commit with the remote branch (or any remote branch).
    """
    if _rev(repo, "HEAD") is None:
        return
    refs = [upstream] if upstream else _remote_branches(repo, target.remote)
    if refs and all(repo.try_run("merge-base", "HEAD", ref).returncode != 0 for ref in refs):
        names = ", ".join(_remote_branches(repo, target.remote, short=True)) or target.remote
        raise SyncError(
            f"this copy's branch {target.branch} shares no history with {target.remote} "
            f"({names}): switch to the shared branch (git switch main) and sync from there; "
            f"nothing was pushed"
        )


def _remote_branches(repo: Repo, remote: str, short: bool = False) -> list[str]:
    fmt = "%(refname:lstrip=2)" if short else "%(refname)"
    out = repo.run("for-each-ref", f"--format={fmt}", f"refs/remotes/{remote}/").stdout
    return [ref for ref in out.splitlines() if not ref.endswith("/HEAD")]


def _integrate(
    repo: Repo, store: Store, target: _Target, upstream: str, result: SyncResult
) -> list[str]:
    """Rebase onto (or merge) ``upstream``; the refs left in conflict, if any."""
    clashes = find_id_clashes(repo, store.root, upstream)
    if clashes.differing:
        refs = [str(Ref.of_path(name)) for name in clashes.differing]
        raise SyncError(
            f"id clash: {_refs_text(refs)} added both here and on {target.remote} with "
            f"different content; rename yours (bvtui rename {refs[0]} NEW-ID), then sync "
            "again; nothing was integrated or pushed"
        )
    if clashes.in_history:
        result.mode = "merge"
    if result.mode == "merge":
        args = ["merge", "--no-edit", "--autostash", upstream]
    else:
        args = ["rebase", "--autostash", upstream]
    outcome = repo.try_run(*args, env=_NO_EDITOR)
    if outcome.returncode == 0:
        return []
    return _stopped(repo, result.mode, outcome.stderr + outcome.stdout, target.tracking)


def _publish(
    repo: Repo, target: _Target, result: SyncResult, progress: Progress | None = None
) -> SyncResult:
    upstream = _rev(repo, target.tracking)
    if _rev(repo, "HEAD") is None:
        return result
    result.outgoing = _count_commits(repo, f"{upstream}..HEAD" if upstream else "HEAD")
    if result.outgoing:
        _push(repo, target, progress)
        result.pushed = True
    return result


def continue_sync(
    store: Store, remote: str | None = None, progress: Progress | None = None
) -> SyncResult:
    """Finish a sync stopped on conflicts once they are resolved, and push (``progress``:
    as for :func:`sync`).

    Raises:
        SyncError: nothing is stopped, conflicts are left, or a later step failed.
    """
    repo = _repo_of(store)
    mode = in_progress(repo)
    if mode is None:
        raise SyncError("no sync is waiting to continue: run bvtui sync")
    unmerged = _unmerged(repo)
    if unmerged:
        refs = [str(Ref.of_path(name)) for name in unmerged]
        raise SyncError(f"still in conflict: {_refs_text(refs)}; resolve them first")
    target = _target(repo, remote)
    result = SyncResult(target.remote, target.remote_branch, mode=mode)
    head, upstream = _head_before(repo, mode), _rev(repo, target.tracking)
    if head and upstream:
        _count_incoming(repo, store, head, upstream, result)
    kept = set_aside(repo)  # edits made meanwhile: rebase --continue refuses a changed tree
    left: list[str] = []
    try:
        if mode == "merge":
            outcome = repo.try_run("commit", "--no-edit", env=_NO_EDITOR)
        else:
            outcome = repo.try_run("rebase", "--continue", env=_NO_EDITOR)
            while outcome.returncode != 0 and in_progress(repo) and _nothing_staged(repo):
                # the resolution made the replayed commit empty (theirs kept): drop it
                outcome = repo.try_run("rebase", "--skip", env=_NO_EDITOR)
        if outcome.returncode != 0:
            output = outcome.stderr + outcome.stdout
            result.conflicts = _stopped(repo, mode, output, target.tracking)
            return result
    finally:
        left = put_back(repo, kept)
    if kept:  # on top of the sync: recorded and pushed with it, unless left in conflict
        clean = {repo.top / edit.name for edit in kept if edit.name not in left}
        result.committed = _commit_pending(store, None, clean)
        result.kept_in_conflict = [str(Ref.of_path(name)) for name in left]
    return _publish(repo, target, result, progress)


def _nothing_staged(repo: Repo) -> bool:
    return (
        not _unmerged(repo) and repo.try_run("diff", "--cached", "--quiet", "HEAD").returncode == 0
    )


def abort_sync(store: Store) -> str:
    """Undo a stopped sync: the clone goes back to before it (local commits kept)."""
    repo = _repo_of(store)
    mode = in_progress(repo)
    if mode is None:
        raise SyncError("no sync is stopped: nothing to abort")
    kept = set_aside(repo)
    left: list[str] = []
    try:
        outcome = repo.try_run(mode, "--abort")
    finally:
        left = put_back(repo, kept)
    if outcome.returncode != 0:
        raise GitError(_first_line(outcome.stderr + outcome.stdout))
    if kept:
        names = ", ".join(edit.name for edit in kept)
        line = (
            f"the {mode} was undone: the clone is as before the sync, with the edits made "
            f"meanwhile kept, uncommitted ({names}): bvtui commit records them"
        )
        if left:
            line += f"; {_conflicts_left([str(Ref.of_path(name)) for name in left])}"
        return line
    return f"the {mode} was undone: the clone is as before the sync; {SAFE}"
