"""The ``bvtui`` command: the terminal app by default, and scriptable commands.

Exit codes: 0 ok; 1 a user or data error (one line on stderr saying what and where);
2 bad usage. Textual is imported only when the app is really opened, so commands
start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from bvtui.cli import commands
from bvtui.cli.output import OUTPUT_FORMATS
from bvtui.core.model import RAGS


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _rag_list(text: str) -> list[str]:
    rags = [part.lower() for part in _comma_list(text)]
    bad = [rag for rag in rags if rag not in RAGS]
    if bad:
        raise argparse.ArgumentTypeError(f"{', '.join(bad)}: not a RAG ({', '.join(RAGS)})")
    return rags


def _format(text: str) -> str:
    if text not in OUTPUT_FORMATS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a format: json, csv, or a tabulate format (simple, github...)"
        )
    return text


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", metavar="DIR", help="the store folder (default: $BVTUI_STORE, else ./plans)"
    )


def _filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (kinds combine with AND, comma values with OR)")
    group.add_argument("--plan", type=_comma_list, default=[], help="plan slugs")
    group.add_argument("--theme", type=_comma_list, default=[], help="themes (text in the theme)")
    group.add_argument("--officer", type=_comma_list, default=[], help="officers (part of a name)")
    group.add_argument("--status", type=_comma_list, default=[], help="status words")
    group.add_argument("--rag", type=_rag_list, default=[], help=f"colours: {', '.join(RAGS)}")
    group.add_argument("--overdue", action="store_true", help="only actions past their due date")
    group.add_argument("--search", default="", metavar="TEXT", help="text in title, comments...")


def _as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="judge overdue on this date (default: each plan's as_of, else today)",
    )


def _author_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--author",
        metavar="'NAME <EMAIL>'",
        help="commit as this person (default: $BVTUI_AUTHOR, else git's identity)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="bvtui",
        description="Council improvement plans as YAML files in git. "
        "With no command, opens the terminal app on STORE.",
        epilog="Run 'bvtui COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"bvtui {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create a new store (git init where DIR is in no repository)")
    p.add_argument("dir", metavar="DIR", help="the store folder to create, e.g. plans")
    p.set_defaults(run=commands.init)

    p = sub.add_parser(
        "import",
        help="a plan from a council document or spreadsheet (tsv, csv, xlsx)",
        description="Read a plan's table (tab-separated text, csv or xlsx) into the store as "
        "plan SLUG, in one commit. Re-importing the same file changes nothing; lines that "
        "cannot be read are listed on stderr and the rest imports.",
    )
    _store_options(p)
    _author_option(p)
    p.add_argument("file", metavar="FILE", help="the plan's .txt/.tsv, .csv or .xlsx file")
    p.add_argument("--plan", required=True, metavar="SLUG", help="the plan's folder name")
    p.add_argument("--title", help="the plan's title (default: from the document)")
    p.add_argument("--organisation", help="the council's name")
    p.add_argument("--as-of", type=_date, metavar="DATE", help="the date the plan reports at")
    p.add_argument("--period", help="the updates' period, e.g. '2017-18 Q2'")
    p.set_defaults(run=commands.import_file)

    p = sub.add_parser("list", help="list actions, filtered")
    _store_options(p)
    _filter_options(p)
    _as_of_option(p)
    p.add_argument(
        "--format", type=_format, default="simple", help="json, csv or a tabulate format"
    )
    p.add_argument("--wide", action="store_true", help="do not cut long text in tables")
    p.set_defaults(run=commands.list_actions)

    p = sub.add_parser("show", help="one action: all fields and its updates")
    _store_options(p)
    _as_of_option(p)
    p.add_argument("ref", metavar="ID", help="plan/id, or the bare id where it is unique")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=commands.show)

    p = sub.add_parser(
        "set",
        help="edit an action and commit, as the app does",
        description="Set fields (title, theme, objective, officers, deadline, revised_deadline, "
        "status, progress, extra.NAME) and add an update; the save is one git commit.",
    )
    _store_options(p)
    _author_option(p)
    p.add_argument("ref", metavar="ID", help="plan/id, or the bare id where it is unique")
    p.add_argument("assignments", metavar="FIELD=VALUE", nargs="*", help="e.g. status=Delayed")
    p.add_argument("--update", metavar="TEXT", help="add an update (a dated comment)")
    p.add_argument("--period", metavar="P", help="the update's period (default: the plan's)")
    p.set_defaults(run=commands.set_fields)

    p = sub.add_parser("validate", help="check every file; exit 1 if any is wrong")
    _store_options(p)
    p.add_argument("--warnings", action="store_true", help="also list deadlines with no due date")
    p.set_defaults(run=commands.validate)

    p = sub.add_parser("commit", help="commit edits saved to disk but not yet committed")
    _store_options(p)
    _author_option(p)
    p.set_defaults(run=commands.commit_pending)

    parser.set_defaults(command_names=frozenset(sub.choices))
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bvtui")
    except PackageNotFoundError:
        return "dev"


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bvtui", add_help=False)
    parser.add_argument("store", nargs="?", default=None)
    parser.add_argument("--store", dest="store_option", default=None)
    _as_of_option(parser)
    _author_option(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    first = next((arg for arg in args_list if not arg.startswith("-")), None)
    wants_help = any(arg in ("-h", "--help", "--version") for arg in args_list)
    if first not in parser.get_default("command_names") and not wants_help:
        app_args = _app_parser().parse_args(args_list)
        return commands.open_app(app_args)
    args = parser.parse_args(args_list)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
