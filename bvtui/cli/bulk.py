"""``bvtui set`` on several actions: ids given one by one, or ``--where`` list filters.

The edit is checked for every action before anything is written (one invalid value
refuses it all, naming the action, field and value) and saved through the store's
bulk save (:func:`bvtui.store.save_bulk`): one commit naming every action, or one
commit per action with ``--each``. More than :data:`~bvtui.store.BULK_LIMIT` actions
need ``--yes``.
"""

from __future__ import annotations

import argparse
import shlex
from typing import NoReturn

from bvtui.cli import options
from bvtui.cli.commands import (
    APPROVAL_HINT,
    approval_given,
    fail,
    filter_from,
    open_store,
    report_saved,
)
from bvtui.model import Filter, ValidationError
from bvtui.store import BULK_LIMIT, ApprovalNeeded, BulkEdit, StoreError, save_bulk


class _WhereParser(argparse.ArgumentParser):
    """The list command's filter options, read from ``--where``'s text; a mistake in
    it is a one-line error, never an exit."""

    def error(self, message: str) -> NoReturn:
        raise StoreError(f"--where: {message}")


def where_filter(text: str) -> Filter:
    """The :class:`Filter` that ``--where "--officer stamp --rag red"`` names, read with
    the options of ``bvtui list``.

    Raises:
        StoreError: the text is not filter options.
    """
    parser = _WhereParser(prog="bvtui set --where", add_help=False)
    options.filter_options(parser)
    try:
        words = shlex.split(text)
    except ValueError as err:
        raise StoreError(f"--where {text!r}: {err}") from None
    wanted = parser.parse_args(words)
    wanted.as_of = None
    found = filter_from(wanted)
    if found.is_empty:
        raise StoreError(f"--where {text!r}: no filter given (e.g. --officer stamp --rag red)")
    return found


def set_many(args: argparse.Namespace, ids: list[str], values: dict[str, str]) -> int:
    """Make the same edit on every action named (ids, or ``--where``), then save."""
    if ids and args.where is not None:
        return fail("give ids or --where, not both")
    if not ids and args.where is None:
        return fail("no action given: name one or more ids, or --where FILTERS")
    if args.where is not None:
        wanted = where_filter(args.where)
        store = open_store(args, only=wanted)
        actions = store.actions
        if not actions:
            return fail(f"no action matches {wanted.describe()}; nothing was changed")
    else:
        store = open_store(args)
        actions = list({id(action): action for action in map(store.find, ids)}.values())
    if len(actions) > BULK_LIMIT and not args.yes:
        return fail(
            f"{len(actions)} actions would be changed, more than {BULK_LIMIT}: nothing was "
            "changed; add --yes to change them all"
        )
    edit = BulkEdit(values, args.update, args.period)
    try:
        results = save_bulk(
            store,
            actions,
            edit,
            author=args.author,
            each=args.each,
            force=args.force,
            approval=approval_given(args),
        )
    except ValidationError as err:
        return fail(f"{err}; nothing was changed{_force_hint(err, args.force)}")
    except ApprovalNeeded as err:
        return fail(f"{err} {APPROVAL_HINT}")
    return max(report_saved(result) for result in results)


def _force_hint(err: ValidationError, forced: bool) -> str:
    """``--force``'s part of a refusal, when the value refused is a doubtful deadline."""
    if forced or "looks like a date" not in err.reason:
        return ""
    return " (no due date, so never overdue; --force keeps it as written)"
