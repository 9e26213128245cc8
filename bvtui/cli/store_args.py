"""The store's own commands' arguments: init, import, list, show, set, validate, commit.

Only the parser lives here; each command runs from :mod:`bvtui.cli.commands`, imported
when one of them is run (see :func:`bvtui.cli.options.deferred`), so that building the
parser for ``bvtui log`` or ``bvtui --version`` loads no store.
"""

from __future__ import annotations

import argparse

from bvtui.cli import options
from bvtui.cli.options import deferred

_COMMANDS = "bvtui.cli.commands"


def _init(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create a new store (git init where DIR is in no repository)")
    p.add_argument("dir", metavar="DIR", help="the store folder to create, e.g. plans")
    p.set_defaults(run=deferred(_COMMANDS, "init"))


def _import(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="a plan from a council document or spreadsheet (tsv, csv, xlsx, xls, ods)",
        description="Read a plan's table (tab-separated text, csv, xlsx, xls or ods) into the "
        "store as plan SLUG, in one commit. Re-importing the same file changes nothing; lines that "
        "cannot be read are listed on stderr and the rest imports.",
    )
    options.store_option(p)
    options.author_option(p)
    p.add_argument(
        "file", metavar="FILE", help="the plan's .txt/.tsv, .csv, .xlsx, .xls or .ods file"
    )
    p.add_argument("--plan", required=True, metavar="SLUG", help="the plan's folder name")
    p.add_argument("--title", help="the plan's title (default: from the document)")
    p.add_argument("--organisation", help="the council's name")
    p.add_argument(
        "--as-of", type=options.parse_date, metavar="DATE", help="the date the plan reports at"
    )
    p.add_argument("--period", help="the updates' period, e.g. '2017-18 Q2'")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read a column as a field, e.g. --map 'Commentary=update' (repeatable; FIELD: id, "
        "title, theme, objective, officers, deadline, revised_deadline, status, progress, "
        "update, extra)",
    )
    p.add_argument(
        "--sheet", metavar="NAME", help="read this workbook sheet only (default: every visible one)"
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="print what each column became, sample values and the warnings; write nothing",
    )
    p.set_defaults(run=deferred(_COMMANDS, "import_file"))


def _list(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list actions, filtered")
    options.store_option(p)
    options.at_option(p)
    options.filter_options(p)
    options.mine_option(p)
    options.as_of_option(p)
    p.add_argument(
        "--format",
        type=options.output_format,
        default="simple",
        help="json, csv or a tabulate format",
    )
    p.add_argument("--wide", action="store_true", help="do not cut long text in tables")
    p.set_defaults(run=deferred(_COMMANDS, "list_actions"))


def _show(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="one action: all fields and its updates")
    options.store_option(p)
    options.at_option(p)
    options.as_of_option(p)
    options.ref_argument(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=deferred(_COMMANDS, "show"))


def _set(sub: argparse._SubParsersAction) -> None:
    from bvtui.store import BULK_LIMIT  # this command's parser only

    p = sub.add_parser(
        "set",
        help="edit actions and commit, as the app does",
        description="Set fields (title, theme, objective, officers, deadline, revised_deadline, "
        "status, progress, extra.NAME) and add an update; the save is one git commit. Several "
        "ids, or --where, edit every action named in one commit (an Action: trailer each).",
    )
    options.store_option(p)
    options.author_option(p)
    p.add_argument(
        "words",
        metavar="ID|FIELD=VALUE",
        nargs="*",
        help="the action(s) (plan/id, or the bare id where it is unique), then e.g. "
        "status=Delayed; several ids make a bulk edit, one commit",
    )
    p.add_argument(
        "--where",
        metavar="FILTERS",
        help='edit the actions these list filters keep, e.g. "--officer stamp --rag red"',
    )
    p.add_argument(
        "--yes",
        action="store_true",
        help=f"go on when a bulk edit changes more than {BULK_LIMIT} actions",
    )
    p.add_argument(
        "--each", action="store_true", help="a bulk edit as one commit per action (default: one)"
    )
    p.add_argument("--update", metavar="TEXT", help="add an update (a dated comment)")
    p.add_argument("--period", metavar="P", help="the update's period (default: the plan's)")
    p.add_argument(
        "--force",
        action="store_true",
        help="keep a deadline that looks like a date but names none (e.g. 31/13/2025)",
    )
    options.approval_options(p)
    p.set_defaults(run=deferred(_COMMANDS, "set_fields"))


def _validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check every file; exit 1 if any is wrong")
    options.store_option(p)
    p.add_argument(
        "--warnings",
        action="store_true",
        help="also list deadlines with no due date and updates worth a second look "
        "(copied from the last period, progress going back, Completed under 100%%, "
        "green after two deadline revisions)",
    )
    p.set_defaults(run=deferred(_COMMANDS, "validate"))


def _commit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("commit", help="commit edits saved to disk but not yet committed")
    options.store_option(p)
    options.author_option(p)
    p.set_defaults(run=deferred(_COMMANDS, "commit_pending"))


def _undo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "undo",
        help="revert the last bvtui save (of an action) as a new commit",
        description="Revert the last save bvtui made of the action ID (without ID: the last "
        "save to the store, every action of a bulk edit) as a new commit with a Reverts: "
        "trailer. Refused, changing nothing, when a later commit changed the same fields.",
    )
    options.store_option(p)
    options.author_option(p)
    p.add_argument(
        "ref", metavar="ID", nargs="?", help="plan/id, or the bare id where it is unique"
    )
    p.set_defaults(run=deferred("bvtui.cli.undo", "undo"))


PARSERS = {
    "init": _init,
    "import": _import,
    "list": _list,
    "show": _show,
    "set": _set,
    "validate": _validate,
    "commit": _commit,
    "undo": _undo,
}
"""Each sub-command and the function adding its parser (bvtui.cli.main builds one)."""
