"""The update round without the app: ``packets`` out, ``collect`` back, ``chase`` who
has not returned what. Arguments in :mod:`bvtui.cli.round_args`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bvtui.cli.commands import fail, open_store, user_errors
from bvtui.model import Action, Filter, cut, one_line
from bvtui.model.packet import by_lead_officer, email_of
from bvtui.store import Store, StoreError


def _round(args: argparse.Namespace) -> tuple[Store, list[Action], str]:
    """The store, the actions of the round's plans, and the round's period: the one
    given, else the plans' common current period. The plans are those chosen with
    ``--plan``; without it, with ``--period``, the plans owing that round
    (:func:`_owing`).

    Raises:
        StoreError: no period given and the plans have none, or several.
    """
    chosen = frozenset(args.plan)
    store = open_store(args, plans=chosen or None)
    period = _spaced(args.period or "")
    if not period:
        periods = {_spaced(p.period) for p in store.plans.values() if p.period}
        if len(periods) != 1:
            said = ", ".join(f"{p.slug}: {p.period or '(none)'}" for p in store.plans.values())
            raise StoreError(
                f"--period: the plans have {'no' if not periods else 'different'} current "
                f"periods ({said}); name the round's period, e.g. --period '2025-26 Q3', "
                "or choose plans with --plan"
            )
        [period] = periods
    elif not chosen:
        chosen = _owing(store, period)
    actions = Filter(plans=chosen).apply(store.actions)
    return store, actions, period


def _spaced(period: str) -> str:
    return " ".join(period.split())


def _owing(store: Store, period: str) -> frozenset[str]:
    """The plans whose officers owe a ``period`` update: those whose current period it
    is; when none is, every plan with a period (the round not yet opened with ``bvtui
    period open``), said in one line on stderr. The plans left out are named in one
    line. A store whose plans have no period at all is taken whole."""
    current = {slug: _spaced(plan.period) for slug, plan in store.plans.items()}
    wanted = period.casefold()
    owing = {slug for slug, now in current.items() if now.casefold() == wanted}
    if not owing:
        owing = {slug for slug, now in current.items() if now}
        if not owing:
            return frozenset(current)
        print(
            f"bvtui: no plan's current period is {one_line(period)}: taken as a round not "
            "yet opened (bvtui period open), for every plan with a period",
            file=sys.stderr,
        )
    skipped = [
        f"{slug} ({one_line(current[slug]) or 'no period'})"
        for slug in sorted(current)
        if slug not in owing
    ]
    if skipped:
        print(
            f"bvtui: plans not in the {one_line(period)} round: {', '.join(skipped)}; "
            "name one with --plan to include it",
            file=sys.stderr,
        )
    return frozenset(owing)


@user_errors
def packets(args: argparse.Namespace) -> int:
    """Write one packet per lead officer with actions due an update for the period."""
    from bvtui.reporting.packets import plan_packets, write_packets

    store, actions, period = _round(args)
    commit = store.repo.head_commit() if store.repo is not None else ""
    made, unowned = plan_packets(actions, period, commit)
    for action in unowned:
        print(
            f"bvtui: {action.ref}: due an update but names no officer: in no packet",
            file=sys.stderr,
        )
    if not made:
        print(f"no action is due an update for {period}: no packet written")
        return 0
    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return fail(f"{folder}: not a folder")
    except OSError as err:
        return fail(f"{folder}: cannot make the folder: {err.strerror}")
    try:
        paths = write_packets(made, folder, overwrite=args.force)
    except FileExistsError as err:
        return fail(
            f"{err}: a packet is there already (returned?): not written over; "
            "move it away, or --force"
        )
    for packet, path in zip(made, paths, strict=True):
        count = len(packet.actions)
        print(f"{path}: {one_line(packet.info.officer)}, {count} action{'s' * (count != 1)}")
    total = sum(len(packet.actions) for packet in made)
    print(f"{len(made)} packets, {total} actions due an update for {period}")
    return 0


@user_errors
def collect(args: argparse.Namespace) -> int:
    """Read returned packets, preview every change, then save as each officer."""
    from bvtui.importing import ImportError_
    from bvtui.importing.collect import apply_collection, plan_collection
    from bvtui.importing.packet_reading import read_packet

    returned = []
    for name in args.files:
        try:
            returned.append(read_packet(Path(name)))
        except ImportError_ as err:
            return fail(str(err))
    store = open_store(args)
    collection = plan_collection(store, returned)
    for refusal in collection.refused:
        if refusal.kept is None:
            print(f"bvtui: {refusal.line}", file=sys.stderr)
        elif not args.yes:  # with --yes, said once kept, with where
            print(
                f"bvtui: {refusal.line}; its returned values will be kept aside "
                "when the changes are saved",
                file=sys.stderr,
            )
    changes = 0
    for edit in collection.edits:
        for line in edit.changes():
            print(f"{edit.action.ref}  {line}  ({edit.author})")
            changes += 1
    officers = len({edit.author for edit in collection.edits})
    summary = (
        f"{changes} change{'s' * (changes != 1)} to {len(collection.edits)} "
        f"action{'s' * (len(collection.edits) != 1)} from {officers} "
        f"officer{'s' * (officers != 1)}; {collection.untouched} returned unchanged"
    )
    if collection.already:
        summary += f"; {collection.already} saved already (collected before)"
    if collection.refused:
        summary += f"; {len(collection.refused)} not applied (listed on stderr)"
    print(summary)
    if not collection.edits and not any(r.kept for r in collection.refused):
        return 1 if collection.refused else 0
    if not args.yes:
        if not sys.stdin.isatty():
            print("nothing saved: run again with --yes to save these changes")
            return 1 if collection.refused else 0
        answer = input("Save them, one commit per action as its officer? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing saved")
            return 0
    done = apply_collection(store, collection)
    for edit, result in done.saved:
        if result.commit:
            print(f"{result.ref}: committed {result.commit[:10]} as {edit.author}")
        elif not result.changes:
            print(f"{result.ref}: no change")
    for line, path in done.kept:
        print(
            f"bvtui: {line}; its returned values kept aside in {path} "
            "(the app offers them when the action is opened)",
            file=sys.stderr,
        )
    for line in done.failed:
        print(f"bvtui: {line} (run bvtui commit once that is fixed)", file=sys.stderr)
    return 1 if collection.refused or done.kept or done.failed else 0


def chase_rows(actions: list[Action], period: str, store: Store) -> list[dict[str, Any]]:
    """Per lead officer, the actions due an update for ``period`` (not returned)."""
    rows = []
    for officer, owned in by_lead_officer(actions, period).items():
        email = "" if officer is None else email_of(officer, store.plans.values())
        rows.append(
            {
                "officer": officer or "(no officer)",
                "email": email,
                "due": len(owned),
                "actions": [action.ref for action in owned],
            }
        )
    return rows


@user_errors
def chase(args: argparse.Namespace) -> int:
    """Per lead officer, how many actions are due an update and not returned."""
    from bvtui.cli.output import json_dumps

    store, actions, period = _round(args)
    rows = chase_rows(actions, period, store)
    total = sum(row["due"] for row in rows)
    if args.format == "json":
        print(json_dumps({"period": period, "total": total, "officers": rows}))
        return 0
    from tabulate import tabulate

    one_plan = len({ref.rpartition("/")[0] for row in rows for ref in row["actions"]}) == 1
    table = [
        [
            one_line(row["officer"]),
            one_line(row["email"]),
            row["due"],
            cut(
                one_line(
                    ", ".join(ref.rpartition("/")[2] if one_plan else ref for ref in row["actions"])
                ),
                60,
            ),
        ]
        for row in rows
    ]
    table.append(["Total", "", total, ""])
    print(f"Due an update for {period}, not returned:")
    print(tabulate(table, headers=["officer", "e-mail", "due", "actions"], tablefmt=args.format))
    return 0
