"""Options shared by several commands: store, filters, dates, author, output format.

Every command's parser is built from these, so this module imports no part of bvtui's
model and no date library: what a value needs to be checked is imported when a value
is checked (``bvtui log ID`` and ``bvtui set`` build a parser, then need neither).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date


def deferred(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A command's ``run`` that imports ``module`` only when the command runs.

    Registering a command then costs nothing: the history and report commands bring
    git log parsing, audits and report building (imports) that a ``list``
    or a ``set`` never needs.
    """

    def run(args: argparse.Namespace) -> int:
        from importlib import import_module

        command: Callable[[argparse.Namespace], int] = getattr(import_module(module), name)
        return command(args)

    return run


def parse_date(text: str) -> date:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def rag_list(text: str) -> list[str]:
    from bvtui.model import RAGS

    rags = [part.lower() for part in comma_list(text)]
    bad = [rag for rag in rags if rag not in RAGS]
    if bad:
        raise argparse.ArgumentTypeError(f"{', '.join(bad)}: not a RAG ({', '.join(RAGS)})")
    return rags


def output_format(text: str) -> str:
    from bvtui.cli.output import is_output_format  # only when a format is given

    if not is_output_format(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a format: json, csv, or a tabulate format (simple, github...)"
        )
    return text


def ref_argument(parser: argparse.ArgumentParser) -> None:
    """The ``ID`` of the one action a command works on."""
    parser.add_argument("ref", metavar="ID", help="plan/id, or the bare id where it is unique")


def store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", metavar="DIR", help="the store folder (default: $BVTUI_STORE, else ./plans)"
    )


def filter_options(parser: argparse.ArgumentParser) -> None:
    from bvtui.model import RAGS  # for the help: only the commands that filter

    group = parser.add_argument_group("filters (kinds combine with AND, comma values with OR)")
    group.add_argument("--plan", type=comma_list, default=[], help="plan slugs")
    group.add_argument("--theme", type=comma_list, default=[], help="themes (text in the theme)")
    group.add_argument("--officer", type=comma_list, default=[], help="officers (part of a name)")
    group.add_argument("--status", type=comma_list, default=[], help="status words")
    group.add_argument("--rag", type=rag_list, default=[], help=f"colours: {', '.join(RAGS)}")
    group.add_argument("--overdue", action="store_true", help="only actions past their due date")
    group.add_argument(
        "--due-update",
        action="store_true",
        help="only open actions with no update for their plan's current period",
    )
    group.add_argument("--search", default="", metavar="TEXT", help="text in title, comments...")


def mine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mine",
        action="store_true",
        help="only the actions of the officer your git identity stands for (bvtui whoami)",
    )


def as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=parse_date,
        metavar="DATE",
        help="judge overdue on this date (default: each plan's as_of, else today)",
    )


def author_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--author",
        metavar="'NAME <EMAIL>'",
        help="commit as this person (default: $BVTUI_AUTHOR, else git's identity)",
    )


def at_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at",
        metavar="REV",
        help="read the store as it was at a git revision (a snapshot tag, a commit)",
    )


def approval_options(parser: argparse.ArgumentParser) -> None:
    """``--approved-by`` and ``--reason``: the approval a plan's governance rules ask for."""
    parser.add_argument(
        "--approved-by",
        metavar="'NAME <EMAIL>'",
        help="who approved the change (an Approved-by: trailer; the plan's rules may need it)",
    )
    parser.add_argument(
        "--reason",
        metavar="TEXT",
        help="why (a Reason: trailer; a plan's rules may need it to revise a deadline)",
    )


def edit_options(parser: argparse.ArgumentParser) -> None:
    """``FIELD=VALUE...``, ``--update``, ``--period``, ``--force``: an edit, as ``set``
    and ``propose`` take it."""
    parser.add_argument("assignments", metavar="FIELD=VALUE", nargs="*", help="e.g. status=Delayed")
    parser.add_argument("--update", metavar="TEXT", help="add an update (a dated comment)")
    parser.add_argument("--period", metavar="P", help="the update's period (default: the plan's)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="keep a deadline that looks like a date but names none (e.g. 31/13/2025)",
    )
