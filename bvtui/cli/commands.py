"""What each command does: parse nothing, print results, return an exit code.

Errors the user can fix (an unknown id, a bad value, a failed commit) are printed as
one line on stderr with exit code 1; nothing here raises for them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bvtui.cli.errors import fail, user_errors
from bvtui.git import GitError, Repo, init_repository
from bvtui.model import Action, Approval, deadline_doubts, due_date, edited
from bvtui.store import (
    ApprovalNeeded,
    SaveResult,
    Store,
    StoreError,
    locate_store,
    write_atomically,
)

if TYPE_CHECKING:
    from bvtui.model import Filter

# Output, records, json, filters and saved views are imported by the commands that
# print, filter or open them: a set never needs them.


def open_store(
    args: argparse.Namespace,
    ref: str | None = None,
    only: Filter | None = None,
    plans: frozenset[str] | None = None,
) -> Store:
    """The store the command works on; with ``ref``, only what that ref can name; with
    ``only``, only the actions that filter keeps; with ``plans``, only those plans
    (see :meth:`Store.open`)."""
    at = getattr(args, "at", None)
    if at:
        store = Store.at(args.store, at, only=only, plans=plans)
    elif ref is not None:
        store = Store.open_for(args.store, ref)
    else:
        from bvtui.cli.output import progress_line

        store = Store.open(args.store, only=only, plans=plans, progress=progress_line(sys.stderr))
    if store.problems:
        count = len(store.problems)
        print(
            f"bvtui: warning: {count} file{'s' if count > 1 else ''} did not load "
            f"(bvtui validate --store {store.root} says why)",
            file=sys.stderr,
        )
    return store


def filter_from(args: argparse.Namespace) -> Filter:
    from bvtui.model import Filter

    return Filter(
        plans=frozenset(args.plan),
        themes=frozenset(args.theme),
        officers=frozenset(args.officer),
        statuses=frozenset(args.status),
        rags=frozenset(args.rag),
        overdue=args.overdue,
        due_update=args.due_update,
        search=args.search,
        as_of=args.as_of,
    )


STORE_README = """# bvtui store

One folder per plan: `plan.yaml` (title, themes, statuses and their RAG colours) and
one `<action-id>.yaml` per action. Edit with `bvtui` (the app), `bvtui set`, or any
editor followed by `bvtui validate` and `bvtui commit`. Every save is a git commit:
`git log -p -- <plan>/<id>.yaml` is the history of an action.
"""


@user_errors
def init(args: argparse.Namespace) -> int:
    """Create a store folder, with a git repository where it is in none."""
    root = Path(args.dir)
    if root.exists() and any(p for p in root.iterdir() if p.name != ".git"):
        return fail(f"{root}: already exists and is not empty")
    root.mkdir(parents=True, exist_ok=True)
    repo = Repo.find(root) or init_repository(root)
    readme = root / "README.md"
    write_atomically(readme, STORE_README)
    from bvtui.sharing import install_merge_driver

    attributes, _ = install_merge_driver(repo, root)  # field-by-field merges when shared
    try:
        where = repo.relative(root)
        message = f"bvtui init: new store {root.name if where == '.' else where}\n"
        repo.commit([readme, attributes], message)
    except GitError as err:
        print(f"bvtui: store created; the first commit failed: {err}", file=sys.stderr)
        return 1
    print(f"new store {root} in git repository {repo.top}")
    return 0


@user_errors
def import_file(args: argparse.Namespace) -> int:
    """Import a plan document into the store as one commit."""
    from bvtui.cli.import_mapping import mapping_lines, unused_map_lines, warning_lines
    from bvtui.importing import ImportError_, PlanOverrides, import_plan, parse_file, parse_map

    root = locate_store(args.store)
    if not root.is_dir():
        return fail(f"{root}: no such store folder (bvtui init {root})")
    try:
        mapping = parse_map(args.map)
        imported = parse_file(Path(args.file), mapping, args.sheet)
    except (ImportError_, OSError, ValueError) as err:
        return fail(str(err))
    for problem in imported.problems:
        print(f"{args.file}:{problem.where}: {problem.reason}", file=sys.stderr)
    for line in [
        *warning_lines(args.file, imported.warnings),
        *unused_map_lines(args.file, imported, mapping),
    ]:
        print(line, file=sys.stderr)
    if args.dry_run:
        print("\n".join(mapping_lines(imported)))
        print("nothing written (--dry-run)")
        return 0
    if not imported.actions:
        return fail(f"{args.file}: no actions could be read")
    overrides = PlanOverrides(args.title, args.organisation, args.as_of, args.period)
    result = import_plan(
        Store(root), imported, args.plan, args.file, overrides=overrides, author=args.author
    )
    rejected = len(imported.problems)  # each one listed on stderr above
    rows = f"{rejected} row{'' if rejected == 1 else 's'}"
    summary = f"{args.plan}: {len(imported.actions)} actions read"
    if rejected:
        summary += f", {rows} rejected"
    summary += (
        f"; {len(result.created)} new, {len(result.updated)} updated, {result.unchanged} unchanged"
    )
    if result.kept:
        summary += f"; {len(result.kept)} in the store but not in the file kept"
    if result.leftover:
        summary += f"; {len(result.leftover)} files left uncommitted by an earlier import"
    print(summary)
    if result.error:
        return fail(f"imported but not committed: {result.error}")
    print(f"committed {result.commit[:10]}" if result.commit else "no change, nothing committed")
    if rejected:
        return fail(f"{args.file}: {rows} not imported (listed above); the rest imported")
    return 0


@user_errors
def list_actions(args: argparse.Namespace) -> int:
    from bvtui.cli.output import OWN_FORMATS, write_actions

    where = filter_from(args)
    if args.mine:  # the officer is known once every plan and officer name is read
        from bvtui.cli.round import with_me

        store = open_store(args)
        actions = with_me(where, store).apply(store.actions)
    else:
        actions = open_store(args, only=where).actions  # filtered on excerpts, decoded after
    write_actions(actions, args.format, sys.stdout, args.as_of, wide=args.wide)
    if not actions and args.format not in OWN_FORMATS:  # a table of headers alone says little
        matched = f"matches {where.describe()}" if not where.is_empty else "is in the store"
        print(f"bvtui: no action {matched}", file=sys.stderr)
    return 0


@user_errors
def show(args: argparse.Namespace) -> int:

    from bvtui.cli.output import json_dumps, render_action
    from bvtui.reporting import action_record

    store = open_store(args, args.ref)
    action = store.find(args.ref)
    if args.format == "json":
        print(json_dumps(action_record(action, args.as_of)))
    else:
        print(render_action(action, args.as_of))
    return 0


def assignments_from(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise StoreError(f"{pair!r}: expected FIELD=VALUE, e.g. status=Delayed")
        values[field.strip()] = value
    return values


def _targets(words: list[str]) -> tuple[list[str], dict[str, str]]:
    """``set``'s words split into ids (no ``=``) and ``FIELD=VALUE`` assignments."""
    ids = [word for word in words if "=" not in word]
    return ids, assignments_from([word for word in words if "=" in word])


def edit_asked(
    args: argparse.Namespace, verb: str, ref: str, values: dict[str, str]
) -> tuple[Store, Action, Callable[[Action], Action]]:
    """The store, the action ``ref`` and the edit its ``FIELD=VALUE`` pairs (``values``)
    and ``--update`` ask for (``set`` and ``propose``), checked as the app checks them.

    Raises:
        StoreError: nothing asked, or a deadline that looks like a date but names none.
    """
    if not values and not args.update:
        raise StoreError(f"nothing to {verb}: give FIELD=VALUE pairs or --update TEXT")
    store = open_store(args, ref)
    action = store.find(ref)
    doubts = [] if args.force else deadline_doubts(action, values)
    if doubts:
        raise StoreError(
            f"{doubts[0]}: no due date, so never overdue (--force keeps it as written)"
        )

    def edit(action: Action) -> Action:
        return edited(action, values, update=args.update, period=args.period)

    return store, action, edit


def approval_given(args: argparse.Namespace) -> Approval:
    """``--approved-by`` and ``--reason`` as the save records them."""
    return Approval(args.approved_by or "", args.reason or "")


APPROVAL_HINT = "(give --approved-by 'Name <email>' and --reason TEXT)"


@user_errors
def set_fields(args: argparse.Namespace) -> int:
    """Edit one action and commit the change (several, or ``--where``: a bulk edit)."""
    ids, values = _targets(args.words)
    if not values and not args.update:
        if len(ids) > 1:  # `set 1.3 nonsense`: a second word that is no assignment
            return fail(
                f"nothing to set for {', '.join(ids)}: expected FIELD=VALUE pairs after the "
                "ids (e.g. status=Delayed) or --update TEXT"
            )
        return fail("nothing to set: give FIELD=VALUE pairs or --update TEXT")
    if args.where is not None or len(ids) != 1:
        from bvtui.cli.bulk import set_many

        return set_many(args, ids, values)
    store, action, edit = edit_asked(args, "set", ids[0], values)
    try:
        # another save of the file since it was read: the same edit is made on that version
        result = store.save_action(
            edit(action), author=args.author, reapply=edit, approval=approval_given(args)
        )
    except ApprovalNeeded as err:
        return fail(f"{err} {APPROVAL_HINT}")
    return report_saved(result)


def report_saved(result: SaveResult) -> int:
    if not result.changes:
        print(f"{result.ref}: no change")
        return 0
    if result.commit:
        print(f"{result.ref}: committed {result.commit[:10]}")
        return 0
    return fail(
        f"{result.path}: saved but not committed: {result.error} "
        "(run bvtui commit once that is fixed)"
    )


@user_errors
def validate(args: argparse.Namespace) -> int:
    store = Store.open(args.store)
    for problem in store.problems:
        print(problem)
    if args.warnings:
        from bvtui.model import update_warnings

        for action in store.actions:
            text = action.revised_deadline or action.deadline
            if text and due_date(text) is None:
                print(f"{action.path}: deadline: {text!r} has no due date (warning)")
            for warning in update_warnings(action):
                print(warning)
        if store.repo is not None:
            from bvtui.trail import history_warnings

            for warning in history_warnings(store.repo, store.root, store.actions):
                print(warning)
    count = len(store.problems)
    summary = f"{len(store.plans)} plans, {len(store.actions)} actions loaded"
    if count:
        print(f"bvtui: {summary}; {count} file(s) with problems", file=sys.stderr)
        return 1
    print(f"{summary}: all valid", file=sys.stderr)
    return 0


@user_errors
def commit_pending(args: argparse.Namespace) -> int:
    store = Store(locate_store(args.store))
    if store.repo is None:
        return fail(f"{store.root}: not in a git repository")
    results = store.commit_pending(author=args.author)
    if not results:
        print("nothing to commit")
        return 0
    return max(report_saved(result) for result in results)


def open_app(args: argparse.Namespace) -> int:
    """Open the terminal app (Textual is imported only here)."""
    root = locate_store(args.store_option or args.store)
    if not root.is_dir():
        return fail(f"{root}: no such store folder (bvtui init {root})")
    if args.view is not None:
        from bvtui.store import VIEWS_FILE, read_views

        views, problems = read_views(root)
        if args.view not in [view.name for view in views]:
            wrong = f" ({problems[0]})" if problems else ""
            names = ", ".join(view.name for view in views) or "none yet; v in the app saves one"
            return fail(f"{root / VIEWS_FILE}: no view named {args.view!r}{wrong}; views: {names}")
    from bvtui.tui.app import run_app

    return run_app(
        root,
        as_of=args.as_of,
        author=args.author,
        read_only=args.read_only,
        view=args.view,
        present=args.present,
    )
