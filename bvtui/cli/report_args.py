"""``bvtui report``'s arguments; the command runs from :mod:`bvtui.cli.report`,
imported only when it is run (see :func:`bvtui.cli.options.deferred`)."""

from __future__ import annotations

import argparse

from bvtui.cli import options
from bvtui.cli.options import deferred


def _report(sub: argparse._SubParsersAction) -> None:
    from bvtui.reporting import FORMATS  # this command's parser only

    p = sub.add_parser(
        "report",
        help="a committee report: summary by theme x RAG, delivery plan, exceptions",
        description="The structure of the 2017-18 update report: counts by theme x RAG and "
        "status with percentages, the actions per theme and objective, and the exception "
        "lists. Stamped with the plan, the as-of date and the commit, so the same command "
        "at the same revision gives the same file.",
    )
    options.store_option(p)
    options.at_option(p)
    options.filter_options(p)
    options.as_of_option(p)
    p.add_argument(
        "--since",
        metavar="REV",
        help="also list actions whose RAG is worse than at this revision (a snapshot tag)",
    )
    p.add_argument("--format", choices=FORMATS, default="text", help="default: text")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (xlsx, docx and pdf need it)"
    )
    p.set_defaults(run=deferred("bvtui.cli.report", "report"))


PARSERS = {
    "report": _report,
}
"""Each sub-command and the function adding its parser (bvtui.cli.main builds one)."""
