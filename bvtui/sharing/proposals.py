"""Proposals: a change that waits for approval, kept as one commit on a branch
``proposals/<plan>/<id>``, never in anyone's work tree.

``propose`` builds the commit without touching the user's files or index: the
action's file at HEAD is edited in memory, written as a blob, put in a tree made with
a temporary index (``GIT_INDEX_FILE``), and committed with ``git commit-tree`` on top
of HEAD (so the user's hooks do not run, but ``commit.gpgSign`` does). With a remote,
the branch is pushed and kept as ``refs/remotes/<remote>/proposals/...``, which every
fetch (``bvtui proposals``, ``bvtui sync``) brings and prunes.

``approve`` applies the proposal's fields to the action as it is now, through the one
save path (:meth:`Store.save_action`), with an ``Approved-by:`` trailer, the proposer
as the commit's author, and the plan's governance rules checked; then the branch is
deleted, here and on the remote.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from bvtui.git import NULL_BLOB, GitError, Repo, check_author, read_blobs, read_log
from bvtui.model import (
    REASON_TRAILER,
    Action,
    Approval,
    FieldChange,
    Ref,
    action_from_mapping,
    action_to_mapping,
    commit_message,
    field_changes,
    one_line,
)
from bvtui.store import (
    SaveResult,
    Store,
    StoreError,
    YamlFileError,
    read_mapping,
    render_action,
)

BRANCHES = "proposals"
"""The branches (``refs/heads/proposals/<plan>/<id>``) proposals are kept on."""


class ProposalError(StoreError):
    """A proposal that cannot be made, found or applied; one line, nothing changed."""


@dataclass(frozen=True)
class Proposal:
    """A change waiting for approval: one commit on its branch."""

    ref: str
    """The action, ``plan/id``."""
    git_ref: str
    """Where it is kept: ``refs/heads/...`` (here only) or ``refs/remotes/<r>/...``."""
    commit: str
    base: str
    """The commit it was proposed on (its parent)."""
    author: str
    """Who proposed it, ``Name <email>``."""
    date: datetime
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    new: dict[str, Any] = field(default_factory=dict)
    old: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        """``status On Target -> Completed, progress 20 -> 100``."""
        return ", ".join(change.summary() for change in self.changes) or "no change"


def remote_of(repo: Repo) -> str | None:
    """The remote proposals are shared through: the branch's, ``origin`` or the only
    one; None without a remote."""
    remotes = repo.try_run("remote").stdout.split()
    branch = repo.try_run("symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    configured = repo.try_run("config", f"branch.{branch}.remote").stdout.strip()
    if configured in remotes:
        return configured
    if "origin" in remotes or len(remotes) == 1:
        return "origin" if "origin" in remotes else remotes[0]
    return None


def branch_of(ref: str) -> str:
    """``refs/heads/proposals/<plan>/<id>`` for an action ``plan/id``."""
    return f"refs/heads/{BRANCHES}/{ref}"


def _repo(store: Store) -> Repo:
    if store.repo is None:
        raise ProposalError(f"{store.root}: not in a git repository, so no proposals")
    return store.repo


def _check_ref_name(repo: Repo, name: str, ref: str) -> None:
    if repo.try_run("check-ref-format", name).returncode != 0:
        raise ProposalError(f"{ref}: this id cannot name a git branch, so it cannot be proposed")


# --- proposing ---------------------------------------------------------------------


def propose(
    store: Store,
    action: Action,
    edit: Callable[[Action], Action],
    *,
    author: str | None = None,
    reason: str = "",
) -> tuple[Proposal, str | None]:
    """Record ``edit`` of ``action`` (as at HEAD) as a proposal; the proposal, and why
    it was not pushed (None when pushed, or when there is no remote).

    Raises:
        ProposalError: no repository, no HEAD, the action not committed, or a
            proposal for it already waits; nothing is changed.
        ValidationError: the edit breaks a rule of the store.
    """
    repo = _repo(store)
    ref = action.ref
    name = branch_of(ref)
    _check_ref_name(repo, name, ref)
    if any(p.ref == ref for p in waiting(store)):
        raise ProposalError(f"{ref}: a proposal already waits (bvtui proposals): approve it first")
    path = store.action_path(action)
    relative = repo.relative(path)
    base = repo.try_run("rev-parse", "--verify", "--quiet", "HEAD^{commit}").stdout.strip()
    head_text = repo.head_blob(path) if base else None
    if head_text is None:
        raise ProposalError(f"{ref}: not committed yet, so there is nothing to propose a change to")
    old_text = head_text.decode("utf-8")
    old_map = read_mapping(old_text, str(path))
    before = action_from_mapping(action.plan, old_map, str(path), action.id)
    after = edit(before)
    text = render_action(old_text, after, path)
    changes = field_changes(old_map, read_mapping(text, str(path)))
    if not changes:
        raise ProposalError(f"{ref}: the proposal changes nothing")
    message = commit_message(ref, changes, reason=reason)
    commit = _commit_beside(repo, base, relative, text, message, author)
    repo.run("update-ref", name, commit, "")  # only when no such branch exists
    proposal = read_proposal(repo, ref, name, commit, relative)
    return proposal, _publish(repo, proposal)


def _author_env(repo: Repo, author: str | None) -> dict[str, str]:
    """The author (and, without a git identity, committer) of a proposal's commit."""
    if not author:
        return {}
    name, email = check_author(author)
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email}
    if not repo.has_identity():
        env |= {"GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
    return env


def _commit_beside(
    repo: Repo, base: str, relative: str, text: str, message: str, author: str | None
) -> str:
    """A commit on ``base`` whose tree has ``text`` at ``relative``, made with a
    temporary index: the user's index and files are never touched."""
    with tempfile.TemporaryDirectory(prefix="bvtui-proposal-", dir=repo.git_dir) as folder:
        index = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
        repo.run("read-tree", base, env=index)
        staged = repo.run("ls-files", "--stage", "--", relative, env=index).stdout.split()
        mode = staged[0] if staged else "100644"
        blob = repo.run("hash-object", "-w", "--stdin", f"--path={relative}", input=text)
        cacheinfo = f"{mode},{blob.stdout.strip()},{relative}"
        repo.run("update-index", "--add", "--cacheinfo", cacheinfo, env=index)
        tree = repo.run("write-tree", env=index).stdout.strip()
    env = _author_env(repo, author)
    made = repo.run("commit-tree", tree, "-p", base, "-F", "-", input=message, env=env)
    return made.stdout.strip()


def _publish(repo: Repo, proposal: Proposal) -> str | None:
    """Push a proposal made here to the remote, kept then as its remote-tracking ref;
    why not (None when pushed or when there is no remote)."""
    remote = remote_of(repo)
    if remote is None:
        return None
    name = branch_of(proposal.ref)
    pushed = repo.try_run("push", "--quiet", remote, f"{proposal.commit}:{name}")
    if pushed.returncode != 0:
        said = one_line((pushed.stderr or pushed.stdout).strip().splitlines()[-1:] or "")
        return f"kept here only, not pushed to {remote} ({said}); bvtui proposals pushes it again"
    tracking = name.replace("refs/heads/", f"refs/remotes/{remote}/", 1)
    repo.run("update-ref", tracking, proposal.commit)
    repo.run("update-ref", "-d", name)
    return None


# --- reading what waits --------------------------------------------------------------


def fetch_proposals(store: Store) -> str | None:
    """Bring the remote's proposals (pruning those approved elsewhere) and push those
    made here that are not there yet; why it could not (None when it could, or when
    there is no remote)."""
    repo = _repo(store)
    remote = remote_of(repo)
    if remote is None:
        return None
    spec = f"+refs/heads/{BRANCHES}/*:refs/remotes/{remote}/{BRANCHES}/*"
    fetched = repo.try_run("fetch", "--quiet", "--prune", remote, spec)
    if fetched.returncode != 0:
        said = one_line(fetched.stderr.strip().splitlines()[-1:] or "")
        return f"could not fetch the proposals from {remote} ({said}); showing those known here"
    for proposal in waiting(store):
        if proposal.git_ref.startswith("refs/heads/"):
            why = _publish(repo, proposal)
            if why is not None:
                return f"{proposal.ref}: {why}"
    return None


def proposals_waiting(store: Store) -> dict[str, str]:
    """Each proposal known here in words (``status X -> Y, by Name <email>``), by ref;
    nothing fetched, so it costs one git process when none waits (the app's load)."""
    return {p.ref: f"{p.summary()}, by {p.author}" for p in waiting(store)}


def waiting(store: Store) -> list[Proposal]:
    """Every proposal known here (made here, or fetched), by ref; none outside git."""
    repo = store.repo
    if repo is None:
        return []
    any_ref = repo.try_run("for-each-ref", "--format=%(refname)", "refs/heads/", "refs/remotes/")
    if f"/{BRANCHES}/" not in any_ref.stdout:
        return []
    remote = remote_of(repo)
    places = [f"refs/heads/{BRANCHES}/"]
    if remote is not None:
        places.append(f"refs/remotes/{remote}/{BRANCHES}/")
    listed = repo.try_run("for-each-ref", "--format=%(refname)%00%(objectname)", *places)
    found: dict[str, Proposal] = {}
    for row in listed.stdout.splitlines():
        name, _, commit = row.partition("\0")
        place = next(p for p in places if name.startswith(p))
        ref = name.removeprefix(place)
        try:
            parsed = Ref.parse(ref)
        except ValueError:
            continue
        relative = str(PurePosixPath(repo.relative(store.root)) / parsed.plan / f"{parsed.id}.yaml")
        if ref not in found or name.startswith("refs/heads/"):
            try:
                found[ref] = read_proposal(repo, ref, name, commit, relative)
            except ProposalError:
                continue  # a branch of that name holding something else: not a proposal
    return [found[ref] for ref in sorted(found)]


def read_proposal(repo: Repo, ref: str, git_ref: str, commit: str, relative: str) -> Proposal:
    """The proposal kept at ``git_ref`` (commit ``commit``) for the file ``relative``."""
    log = read_log(repo, "-1", commit, paths=[relative])
    made = log[0] if log else None
    change = None if made is None else next((f for f in made.files if f.path == relative), None)
    if made is None or made.sha != commit or change is None:
        raise ProposalError(f"{git_ref}: holds no proposed change to {relative}")
    blobs = read_blobs(repo, [b for b in (change.old_blob, change.new_blob) if b != NULL_BLOB])
    try:
        old = read_mapping(blobs.get(change.old_blob, b"").decode("utf-8") or "{}", relative)
        new = read_mapping(blobs[change.new_blob].decode("utf-8"), relative)
    except (YamlFileError, UnicodeDecodeError, KeyError) as err:
        raise ProposalError(f"{git_ref}: the proposed file does not load ({err})") from None
    reasons = made.trailers.get(REASON_TRAILER) or [""]
    return Proposal(
        ref=ref,
        git_ref=git_ref,
        commit=commit,
        base=made.parents[0] if made.parents else "",
        author=f"{made.author} <{made.email}>",
        date=made.date,
        reason=reasons[-1],
        changes=field_changes(old, new),
        new=new,
        old=old,
    )


def find_proposal(store: Store, ref: str) -> Proposal:
    """The proposal waiting for the action ``ref`` (already resolved to ``plan/id``).

    Raises:
        ProposalError: none waits.
    """
    for proposal in waiting(store):
        if proposal.ref == ref:
            return proposal
    raise ProposalError(f"{ref}: no proposal waits for it (bvtui proposals lists them)")


# --- approving -------------------------------------------------------------------------


def applied(current: Action, proposal: Proposal, path: Path) -> Action:
    """``current`` with the fields the proposal changed set as proposed; updates it
    added are appended after any added since (none is lost)."""
    data = action_to_mapping(current)
    for key in dict.fromkeys([*proposal.new, *proposal.old]):
        before, after = proposal.old.get(key), proposal.new.get(key)
        if before == after:
            continue
        if key == "updates":
            earlier = before if isinstance(before, list) else []
            added = after[len(earlier) :] if isinstance(after, list) else []
            data["updates"] = [*data["updates"], *(u for u in added if u not in data["updates"])]
        else:
            data[key] = after
    new = action_from_mapping(current.plan, data, str(path), current.id)
    new.digest = current.digest
    return new


def approve(store: Store, proposal: Proposal, approval: Approval) -> tuple[SaveResult, str | None]:
    """Apply ``proposal`` to its action with ``approval`` (the approver, and a reason:
    the proposal's own when none is given), committed as its proposer's change; then
    delete it here and on the remote. The save's result, and why the remote still
    holds the proposal (None when it does not).

    Raises:
        ApprovalNeeded: the plan's rules do not allow the approver (nothing written).
        StoreError: the save failed (see :meth:`Store.save_action`).
    """
    repo = _repo(store)
    current = store.find(proposal.ref)
    path = store.action_path(current)
    approval = Approval(approval.approver, approval.reason or proposal.reason)
    result = store.save_action(
        applied(current, proposal, path), author=proposal.author, approval=approval
    )
    if result.changes and result.commit is None:
        return result, None  # saved, not committed: the proposal stays until it is
    return result, withdraw(repo, proposal)


def withdraw(repo: Repo, proposal: Proposal) -> str | None:
    """Delete a proposal here and on the remote; why the remote's copy stays (or None)."""
    local = branch_of(proposal.ref)
    remote = remote_of(repo)
    for name in {proposal.git_ref, local}:
        repo.try_run("update-ref", "-d", name)
    if remote is None or not proposal.git_ref.startswith(f"refs/remotes/{remote}/"):
        return None
    try:
        repo.run("push", "--quiet", remote, f":{local}")
    except GitError as err:
        return f"still on {remote} ({err}); the next bvtui proposals there shows it"
    return None
