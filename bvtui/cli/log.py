"""``bvtui log``: the history of one action, or of the store, field by field; and what
the other audit-trail commands share with it (finding the repository and an action's
file, commits and changes as records).

One action's history never loads the store: the action's file is found by its path,
and git is asked for that file's commits, then for the blobs at both ends of each, in
one ``git cat-file --batch``. Only what that needs is imported here (no store, parse
cache, report or tabulate), so that the command starts as fast as it can.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bvtui.cli.errors import user_errors
from bvtui.git import Commit, Repo, resolve_since
from bvtui.model import FieldChange, Ref, one_line
from bvtui.store import StoreError, locate_store, parse_ref
from bvtui.trail import Revision, action_history, store_history


def store_repo(args: argparse.Namespace) -> tuple[Path, Repo]:
    """The store folder a command names and the git repository it is in.

    Raises:
        StoreError: no such folder, or it is in no repository.
    """
    root = locate_store(args.store)
    if not root.is_dir():
        raise StoreError(f"{root}: no such store folder (bvtui init {root})")
    repo = Repo.find(root)
    if repo is None:
        raise StoreError(f"{root}: not in a git repository, so it has no history")
    return root, repo


def action_file(root: Path, ref: str) -> Path:
    """The file of action ``ref`` (``plan/id``, or a bare id unique on disk), by path alone.

    A ``plan/id`` need not exist now: a removed action still has its history.

    Raises:
        StoreError: a malformed ref, or a bare id found in no plan or in several.
    """
    wanted = parse_ref(ref)
    if wanted.plan:
        return wanted.path(root)
    found = sorted(root.glob(f"*/{wanted.id}.yaml"))
    if not found:
        raise StoreError(f"{ref}: no such action in {root} (a removed one needs plan/id)")
    if len(found) > 1:
        refs = ", ".join(str(Ref.of_path(path)) for path in found)
        raise StoreError(f"{ref}: found in several plans ({refs}); say which: plan/id")
    return found[0]


def since_base(repo: Repo, since: str | None) -> str | None:
    """The commit ``--since DATE|REV`` counts from (None: the whole history).

    Raises:
        StoreError: neither a date nor a revision.
    """
    if since is None:
        return None
    try:
        return resolve_since(repo, since)
    except ValueError as err:
        raise StoreError(str(err)) from None


# --- records (json) ------------------------------------------------------------------


def commit_record(commit: Commit) -> dict[str, Any]:
    """A commit's every field for scripts."""
    return {
        "commit": commit.sha,
        "date": commit.date.isoformat(),
        "author": commit.author,
        "email": commit.email,
        "subject": commit.subject,
        "trailers": commit.trailers,
        "by_bvtui": commit.by_bvtui,
    }


def change_record(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "update_added": change.is_update,
        "line": change.described(),
    }


def revision_record(revision: Revision) -> dict[str, Any]:
    return {
        **commit_record(revision.commit),
        "ref": revision.ref,
        "path": revision.path,
        "old_path": revision.old_path,
        "kind": revision.kind,
        "summary": revision.summary(),
        "changes": [change_record(change) for change in revision.changes],
        "problem": revision.problem,
    }


def when(commit: Commit) -> str:
    return commit.date.strftime("%Y-%m-%d %H:%M")


# --- log -----------------------------------------------------------------------------


def render_log(revisions: list[Revision], with_ref: bool) -> str:
    """Each commit as a heading (date, author, commit, subject) and its changes indented."""
    blocks = []
    for revision in revisions:
        commit = revision.commit
        head = f"{when(commit)}  {one_line(commit.author)}  {commit.short}"
        if with_ref:
            head += f"  {one_line(revision.ref)}"
        if not revision.by_bvtui:
            head += "  (hand edit)"
        lines = [head, f"    {one_line(commit.subject)}"]
        if revision.kind in ("created", "removed"):
            lines.append(f"    {revision.summary()}")
        else:
            if revision.kind == "renamed":
                lines.append(f"    renamed from {one_line(revision.old_path)}")
            lines.extend(f"    {change.described()}" for change in revision.changes)
        if revision.problem:
            lines.append(f"    ! {one_line(revision.problem)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@user_errors
def log(args: argparse.Namespace) -> int:
    """The history of one action, or of the whole store, decoded field by field."""
    root, repo = store_repo(args)
    base = since_base(repo, args.since)
    if args.ref:
        path = repo.relative(action_file(root, args.ref))
        revisions = action_history(repo, path, base=base)
        if args.limit:
            revisions = revisions[: args.limit]
    else:
        revisions = store_history(repo, repo.relative(root), base=base, limit=args.limit)
    # the next log is fast only with changed-path filters over all history (a fresh
    # clone has none; `git gc` writes a graph without them): started once, detached
    repo.complete_commit_graph()
    if args.format == "json":
        from bvtui.cli.output import json_dumps  # only for json

        print(json_dumps([revision_record(r) for r in revisions]))
    elif revisions:
        print(render_log(revisions, with_ref=not args.ref))
    else:
        print("no commits" + (f" since {args.since}" if args.since else ""))
    return 0
