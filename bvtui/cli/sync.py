"""Commands for sharing a store through a git remote: sync, setup-merge, resolve, rename,
and the hidden merge-driver git calls."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bvtui.cli.commands import fail, user_errors
from bvtui.model import Ref
from bvtui.store import Store, StoreError, locate_store


def _store(args: argparse.Namespace) -> Store:
    """The store with its repository, loaded (conflicted files load: ``conflicts:`` is kept)."""
    store = Store.open(args.store)
    if store.repo is None:
        raise StoreError(f"{store.root}: not in a git repository")
    return store


@user_errors
def sync_command(args: argparse.Namespace) -> int:
    """Commit, fetch, integrate, push; one line saying what came in and went out."""
    from bvtui.cli.output import remote_progress_line
    from bvtui.sharing import SyncError, abort_sync, continue_sync, sync

    store = Store(locate_store(args.store))
    if args.abort:
        try:
            print(abort_sync(store))
        except SyncError as err:
            return fail(str(err))
        return 0
    progress = remote_progress_line(sys.stderr)  # git's stages on a terminal, wiped after
    try:
        try:
            if args.continue_:
                result = continue_sync(store, args.remote, progress=progress)
            else:
                result = sync(store, args.remote, args.author, progress=progress)
        finally:
            if progress is not None:
                progress.close()
    except SyncError as err:
        return fail(str(err))
    if result.conflicts:
        return fail(result.line())
    print(result.line())
    return 0


@user_errors
def setup_merge(args: argparse.Namespace) -> int:
    """Install the field-by-field merge driver in this clone (and .gitattributes)."""
    from bvtui.sharing import driver_command, install_merge_driver

    store = Store(locate_store(args.store))
    if store.repo is None or not store.root.is_dir():
        return fail(f"{store.root}: not a store in a git repository")
    if store.repo.try_run("rev-parse", "--verify", "-q", "HEAD").returncode != 0:
        return fail(
            f"{store.repo.top}: this copy has no commits on its branch (a clone of a remote "
            "whose default branch does not exist?): git switch main, then run this again"
        )
    attributes, changed = install_merge_driver(store.repo, store.root)
    print(f"merge driver configured in {store.repo.git_dir / 'config'}: {driver_command()}")
    if changed:
        store.repo.commit([attributes], "bvtui setup-merge: merge store files field by field\n")
        print(f"{attributes}: committed (push it so every clone uses the driver)")
    return 0


def merge_driver(args: argparse.Namespace) -> int:
    """What git runs for a store file both sides changed (see setup-merge)."""
    from bvtui.sharing import run_merge_driver

    return run_merge_driver(Path(args.base), Path(args.current), Path(args.other), args.name)


@user_errors
def resolve(args: argparse.Namespace) -> int:
    """Resolve fields an integration left in conflict."""
    from bvtui.sharing import conflicts_of, resolved, save_resolution

    store = _store(args)
    action = store.find(args.ref)
    conflicts = conflicts_of(action)
    if not args.picks:
        if not conflicts:
            print(f"{action.ref}: no conflicts")
        for name, sides in conflicts.items():
            shown = "; ".join(f"{side}: {sides.get(side)!r}" for side in ("base", "mine", "theirs"))
            print(f"{action.ref} {name}: {shown}")
        return 0
    picks = dict(pick.partition("=")[::2] for pick in args.picks)
    if any(not name for name in picks):
        return fail("expected FIELD=mine|theirs|base|VALUE, e.g. status=theirs")
    new = resolved(action, picks)
    result = save_resolution(store, new, author=args.author)
    left = conflicts_of(new)
    if left:
        print(f"{action.ref}: still in conflict: {', '.join(left)}")
    elif result.error:
        return fail(f"{result.path}: saved but not committed: {result.error}")
    elif result.commit:
        print(f"{action.ref}: resolved, committed {result.commit[:10]}")
    else:
        print(f"{action.ref}: resolved and staged; bvtui sync --continue when all are")
    return 0


@user_errors
def rename(args: argparse.Namespace) -> int:
    """Give an action a new id (file and field) in one commit."""
    from bvtui.sharing import rename_action

    store = _store(args)
    action = store.find(args.ref)
    sha = rename_action(store, action, args.new_id, author=args.author)
    print(f"{action.ref} -> {Ref(action.plan.slug, args.new_id)}: committed {sha[:10]}")
    return 0
