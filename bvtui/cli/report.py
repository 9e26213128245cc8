"""``bvtui report``: a committee report of the store, filtered, in seven formats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bvtui.cli.commands import fail, filter_from, open_store, user_errors
from bvtui.reporting import BINARY_FORMATS, build_report, render_report, write_report
from bvtui.store import Store
from bvtui.trail import report_slips


@user_errors
def report(args: argparse.Namespace) -> int:
    """Print the report, or write it to ``-o FILE``."""
    if args.format in BINARY_FORMATS and not args.output:
        return fail(f"--format {args.format} writes a file: give -o FILE")
    plans = frozenset(args.plan) or None  # only the plans named are read
    wanted = filter_from(args)
    store = open_store(args, only=wanted, plans=plans)
    since = Store.at(args.store, args.since, plans=plans) if args.since else None
    actions = store.actions
    slips = report_slips(store, actions)
    built = build_report(
        store, actions, wanted=wanted, as_of=args.as_of, since=since, slips=slips, at=args.at
    )
    data = render_report(built, args.format)
    if not args.output:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    path = Path(args.output)
    try:
        write_report(data, path)
    except OSError as err:
        return fail(f"{path}: cannot write the report: {err.strerror or err}")
    print(f"{path}: {args.format} report of {len(actions)} actions", file=sys.stderr)
    return 0
