"""``bvtui undo [ID]``: the last bvtui save of an action (or of the store, a bulk edit
whole) reverted as a new commit (:mod:`bvtui.trail.undo`)."""

from __future__ import annotations

import argparse

from bvtui.cli import options
from bvtui.cli.commands import _open, _report, fail, user_errors


@user_errors
def undo(args: argparse.Namespace) -> int:
    """Revert the last save, or say in one line why not (nothing changes)."""
    from bvtui.trail import UndoRefused, plan_undo

    store = _open(args, args.ref) if args.ref else _open(args)
    try:
        planned = plan_undo(store, args.ref)
    except UndoRefused as err:
        return fail(str(err))
    print(f"undoing {planned.describe()}")
    return max(_report(result) for result in planned.save(store, author=args.author))


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``undo``."""
    p = sub.add_parser(
        "undo",
        help="revert the last bvtui save (of an action) as a new commit",
        description="Revert the last save bvtui made of the action ID (without ID: the last "
        "save to the store, every action of a bulk edit) as a new commit with a Reverts: "
        "trailer. Refused, changing nothing, when a later commit changed the same fields.",
    )
    options.store_option(p)
    options.author_option(p)
    p.add_argument(
        "ref", metavar="ID", nargs="?", help="plan/id, or the bare id where it is unique"
    )
    p.set_defaults(run=undo)
