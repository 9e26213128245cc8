"""The quarterly update round on the command line: ``bvtui period`` (each plan's
current period and how many actions are due an update), ``bvtui period open P`` (a new
round: the plan's ``period`` set, one commit), ``bvtui whoami`` (the officer your git
identity stands for) and ``--mine`` for ``bvtui list``."""

from __future__ import annotations

import argparse
from dataclasses import replace

from bvtui.cli.commands import fail, report_saved, user_errors
from bvtui.model import Filter, Plan, fold, has_control, one_line
from bvtui.store import Store, StoreError, locate_store, whoami


def _plan(store: Store, wanted: str | None) -> Plan:
    """The plan ``--plan`` names, or the store's only one.

    Raises:
        StoreError: no such plan, or several and none named.
    """
    names = ", ".join(store.plans) or "none"
    if wanted:
        for slug, plan in store.plans.items():
            if fold(slug) == fold(wanted):
                return plan
        raise StoreError(f"--plan {one_line(wanted)!r}: no such plan in {store.root} ({names})")
    if len(store.plans) == 1:
        return next(iter(store.plans.values()))
    if not store.plans:
        raise StoreError(f"{store.root}: holds no plan (bvtui import one first)")
    raise StoreError(f"{store.root} holds {len(store.plans)} plans ({names}): name one with --plan")


def _due(store: Store, plan: Plan) -> tuple[int, int]:
    """How many of ``plan``'s actions are due an update, and how many are open."""
    actions = [action for action in store.actions if action.plan is plan]
    return sum(a.due_update for a in actions), sum(not a.is_closed for a in actions)


@user_errors
def show_periods(args: argparse.Namespace) -> int:
    """Each plan's current period and how many of its actions are due an update."""
    from tabulate import tabulate

    store = Store.open(locate_store(args.store))
    rows = []
    for slug, plan in store.plans.items():
        due, open_ = _due(store, plan)
        period = one_line(plan.period)
        rows.append([slug, period or "(none)", due if period else "-", open_])
    if not rows:
        return fail(f"{store.root}: holds no plan (bvtui import one first)")
    headers = ["plan", "period", "due an update", "open actions"]
    print(tabulate(rows, headers=headers, tablefmt="simple"))
    return 0


@user_errors
def open_period(args: argparse.Namespace) -> int:
    """Set a plan's ``period`` to a new one in one commit: the round has opened."""
    period = " ".join(args.period.split())
    if not period or has_control(args.period.strip()):
        return fail(f"period {one_line(args.period)!r}: give one line of text, e.g. '2025-26 Q3'")
    store = Store.open(locate_store(args.store))
    if store.repo is None:
        return fail(f"{store.root}: not in a git repository, so a round cannot be committed")
    plan = _plan(store, args.plan)
    if plan.period == period:
        print(f"{plan.slug}: the period is already {period}: nothing to commit")
        return 0
    was = one_line(plan.period) or "none"
    subject = f"update round {period} opened"
    opened = plan.copy()
    opened.period = period
    result = store.save_plan(opened, author=args.author, subject=subject)
    code = report_saved(result)
    plan.period = period  # the loaded actions' plan: what is due now
    due, open_ = _due(store, plan)
    print(f"{plan.slug}: period {was} -> {period}; {due} of {open_} open actions due an update")
    return code


@user_errors
def show_whoami(args: argparse.Namespace) -> int:
    """The officer the git identity stands for, and how it was found."""
    store = Store.open(locate_store(args.store))
    me = whoami(store, args.author)
    if me.found is None:
        return fail(me.unknown())
    print(one_line(me.found.officer))
    print(f"  {me.identity} ({me.source}), {me.found.describe()}")
    return 0


def with_me(where: Filter, store: Store) -> Filter:
    """``where`` keeping only my actions as well (``--mine``).

    Raises:
        StoreError: the identity is no officer (what to do is said).
    """
    me = whoami(store)
    if me.found is None:
        raise StoreError(f"--mine: {me.unknown()}")
    return replace(where, officers=where.officers | {me.found.officer})
