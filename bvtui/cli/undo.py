"""``bvtui undo [ID]``: the last bvtui save of an action (or of the store, a bulk edit
whole) reverted as a new commit (:mod:`bvtui.trail.undo`)."""

from __future__ import annotations

import argparse

from bvtui.cli.commands import fail, open_store, report_saved, user_errors


@user_errors
def undo(args: argparse.Namespace) -> int:
    """Revert the last save, or say in one line why not (nothing changes)."""
    from bvtui.trail import UndoRefused, plan_undo

    store = open_store(args, args.ref) if args.ref else open_store(args)
    try:
        planned = plan_undo(store, args.ref)
    except UndoRefused as err:
        return fail(str(err))
    print(f"undoing {planned.describe()}")
    return max(report_saved(result) for result in planned.save(store, author=args.author))
