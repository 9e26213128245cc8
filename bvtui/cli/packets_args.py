"""The update round's commands without the app: packets, collect, chase (arguments only;
each runs from :mod:`bvtui.cli.packets`, imported when run: see
:func:`bvtui.cli.options.deferred`)."""

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


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``packets``, ``collect`` and ``chase``."""
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
