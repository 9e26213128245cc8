"""The update round's commands' arguments: ``period`` (and ``period open``) and
``whoami`` (run from :mod:`bvtui.cli.round`), and the officers' packets without the app,
``packets``, ``collect`` and ``chase`` (run from :mod:`bvtui.cli.packets`); each module is
imported only when one of its commands runs (:func:`bvtui.cli.options.deferred`)."""

from __future__ import annotations

import argparse

from bvtui.cli import options
from bvtui.cli.history_args import table_format
from bvtui.cli.options import deferred

_COMMANDS = "bvtui.cli.packets"


def _round_options(parser: argparse.ArgumentParser) -> None:
    options.store_option(parser)
    parser.add_argument(
        "--period",
        metavar="P",
        help="the reporting period, e.g. '2025-26 Q3' (default: the plans' current period)",
    )
    parser.add_argument(
        "--plan", type=options.comma_list, default=[], help="only these plans (slugs)"
    )


def _period(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "period",
        help="each plan's current period and how many actions are due an update",
        description="With no sub-command: each plan's current reporting period, how many "
        "open actions have no update for it (due an update) and how many are open. "
        "'bvtui period open P' starts a new round.",
    )
    options.store_option(p)
    p.set_defaults(run=deferred("bvtui.cli.round", "show_periods"))
    rounds = p.add_subparsers(dest="period_command", metavar="open")
    o = rounds.add_parser(
        "open",
        help="start an update round: set the plan's period (one commit)",
        description="Set the plan's current period (period: in plan.yaml, comments kept) "
        "in one commit; every open action without an update for it is then due one.",
    )
    options.store_option(o)
    options.author_option(o)
    o.add_argument("period", metavar="PERIOD", help="the new period, e.g. '2025-26 Q3'")
    o.add_argument("--plan", metavar="SLUG", help="the plan (needed when the store holds several)")
    o.set_defaults(run=deferred("bvtui.cli.round", "open_period"))


def _whoami(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "whoami",
        help="the officer your git identity stands for, and how it was found",
        description="Map the identity saves commit as (--author, $BVTUI_AUTHOR, else git's "
        "user.name and user.email) to an officer: by e-mail in a plan's officers: table, "
        "else by name or alias. Exit 1, saying how to fix it, when it maps to none.",
    )
    options.store_option(p)
    options.author_option(p)
    p.set_defaults(run=deferred("bvtui.cli.round", "show_whoami"))


def _packets(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "packets",
        help="one xlsx per lead officer: their actions due an update, to fill in",
        description="Write one workbook per lead officer (the first officer an action names) "
        "holding their actions with no update for the period: current values, the last "
        "update, and columns for the new update, status (a drop-down) and progress "
        "(0-100). Officers fill them in with Excel; bvtui collect reads them back.",
    )
    _round_options(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        default=".",
        help="the folder to write them in, made if missing (default .)",
    )
    p.add_argument("--force", action="store_true", help="write over packets already in the folder")
    p.set_defaults(run=deferred(_COMMANDS, "packets"))


def _collect(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "collect",
        help="read returned packets back: preview every change, then commit as each officer",
        description="Read packets made by bvtui packets and filled in: print every change "
        "(action, field, old -> new), then, after --yes or a y at the prompt, save each "
        "changed action as one commit authored by its officer. Rows that cannot be applied "
        "(the action changed since, a cell edited outside the update columns, a bad value) "
        "are listed on stderr and their values kept aside for the app to offer again.",
    )
    options.store_option(p)
    p.add_argument("files", metavar="FILE", nargs="+", help="returned packets (.xlsx)")
    p.add_argument("--yes", "-y", action="store_true", help="save without asking")
    p.set_defaults(run=deferred(_COMMANDS, "collect"))


def _chase(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "chase",
        help="who has not returned what: actions due an update, per lead officer",
    )
    _round_options(p)
    p.add_argument(
        "--format",
        default="simple",
        type=table_format,
        help="json, or a tabulate format (simple, github...)",
    )
    p.set_defaults(run=deferred(_COMMANDS, "chase"))


PARSERS = {
    "period": _period,
    "whoami": _whoami,
    "packets": _packets,
    "collect": _collect,
    "chase": _chase,
}
"""Each sub-command and the function adding its parser (bvtui.cli.main builds one)."""
