"""The audit-trail commands' arguments: log, timeline, changes, snapshot, audit.

Only the parser lives here; each command runs from :mod:`bvtui.cli.history`, imported
when one of them is run (see :func:`bvtui.cli.options.deferred`).
"""

from __future__ import annotations

import argparse

from bvtui.cli import options
from bvtui.cli.options import deferred

_COMMANDS = "bvtui.cli.history"


def table_format(text: str) -> str:
    """``json`` or a tabulate format (these tables have no csv form)."""
    from bvtui.cli.output import is_output_format  # only when a format is given

    if text != "json" and (text == "csv" or not is_output_format(text)):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a format: json, or a tabulate format (simple, github...)"
        )
    return text


def _table_format(parser: argparse.ArgumentParser, default: str = "simple") -> None:
    parser.add_argument(
        "--format",
        type=table_format,
        default=default,
        help="json, or a tabulate format (simple, github...)",
    )


def _since(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument(
        "--since",
        required=required,
        metavar="DATE|REV",
        help="only what changed after a date (YYYY-MM-DD: from its start) or a revision (a tag)",
    )


def _log(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "log",
        help="history of an action (or the store), field by field",
        description="Each commit that changed the action (or any action): date, author, "
        "subject and its change decoded field by field, renames followed. Hand edits "
        "committed with plain git read the same way and are marked.",
    )
    options.store_option(p)
    p.add_argument("ref", metavar="ID", nargs="?", help="plan/id, or the bare id; none: all")
    _since(p)
    p.add_argument("--limit", type=int, default=0, metavar="N", help="at most N commits")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=deferred("bvtui.cli.log", "log"))


def _timeline(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "timeline", help="an action's status timeline and deadline slips, from its history"
    )
    options.store_option(p)
    options.ref_argument(p)
    _table_format(p)
    p.set_defaults(run=deferred(_COMMANDS, "timeline"))


def _changes(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "changes",
        help="what moved across the store since a date or a snapshot",
        description="Actions whose RAG got worse or better, new updates, new, removed and "
        "renamed actions, by plan and theme, between two revisions.",
    )
    options.store_option(p)
    _since(p, required=True)
    p.add_argument(
        "--until", metavar="DATE|REV", help="up to a date (its end) or a revision (default HEAD)"
    )
    _table_format(p)
    p.set_defaults(run=deferred(_COMMANDS, "changes"))


def _snapshot(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "snapshot",
        help="tag the store as presented (an annotated git tag)",
        description="Tag HEAD as NAME (e.g. committee-2017-09-14); list, show and report "
        "then read it with --at NAME. Refused while edits are uncommitted.",
    )
    options.store_option(p)
    options.author_option(p)
    p.add_argument("name", metavar="NAME", help="the tag, e.g. committee-2017-09-14")
    p.add_argument("--message", "-m", help="the tag's message (default: what it is)")
    p.set_defaults(run=deferred(_COMMANDS, "snapshot"))


def _audit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit",
        help="check the trail: hand commits, uncommitted edits, moved snapshots, bad files",
        description="List commits to plan files made outside bvtui, uncommitted edits, tags "
        "no longer in the history of HEAD, and files that fail validation. Exit 1 when "
        "anything is found.",
    )
    options.store_option(p)
    _since(p)
    p.add_argument(
        "--signatures",
        action="store_true",
        help="instead: verify the signature of every commit to the plans (git's own "
        "verification against .bvtui/allowed_signers); list unsigned commits and unknown signers",
    )
    _table_format(p)
    p.set_defaults(run=deferred(_COMMANDS, "audit"))


PARSERS = {
    "log": _log,
    "timeline": _timeline,
    "changes": _changes,
    "snapshot": _snapshot,
    "audit": _audit,
}
"""Each sub-command and the function adding its parser (bvtui.cli.main builds one)."""
