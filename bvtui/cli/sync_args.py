"""The sharing commands' arguments: sync, setup-merge, resolve, rename and the hidden
merge-driver git calls.

Only the parser lives here; each command runs from :mod:`bvtui.cli.sync`, imported
when one of them is run (see :func:`bvtui.cli.options.deferred`).
"""

from __future__ import annotations

import argparse

from bvtui.cli import options
from bvtui.cli.options import deferred

_COMMANDS = "bvtui.cli.sync"


def _sync(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sync",
        help="commit pending edits, fetch, integrate (rebase), push",
        description="Share the store through its git remote in one step: commit edits saved "
        "but not committed, fetch, rebase onto the remote (merge when git config "
        "bvtui.integrate or pull.rebase says so), push. Conflicting fields stop it: "
        "resolve them, then bvtui sync --continue.",
    )
    options.store_option(p)
    options.author_option(p)
    p.add_argument("--remote", metavar="NAME", help="the remote (default: the branch's, origin)")
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--continue", dest="continue_", action="store_true", help="finish after resolving"
    )
    what.add_argument("--abort", action="store_true", help="undo a stopped sync")
    p.set_defaults(run=deferred(_COMMANDS, "sync_command"))


def _setup_merge(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "setup-merge",
        help="install the field-by-field merge driver in this clone",
        description="Write merge.bvtui.driver in this clone's git config (git does not "
        "version it: run this once per clone, and again after moving the venv) and "
        "'*.yaml merge=bvtui' in the store's .gitattributes.",
    )
    options.store_option(p)
    p.set_defaults(run=deferred(_COMMANDS, "setup_merge"))


def _resolve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "resolve",
        help="resolve fields left in conflict by a sync",
        description="With no FIELD=..., list the fields in conflict with base / mine / "
        "theirs. FIELD=mine|theirs|base takes that version; FIELD=VALUE sets a new value.",
    )
    options.store_option(p)
    options.author_option(p)
    options.ref_argument(p)
    p.add_argument("picks", metavar="FIELD=CHOICE", nargs="*", help="e.g. status=theirs")
    p.set_defaults(run=deferred(_COMMANDS, "resolve"))


def _rename(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rename", help="give an action a new id (the way out of an id clash)")
    options.store_option(p)
    options.author_option(p)
    options.ref_argument(p)
    p.add_argument("new_id", metavar="NEW-ID", help="the new id, e.g. 1.12")
    p.set_defaults(run=deferred(_COMMANDS, "rename"))


def _merge_driver(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("merge-driver", description="(called by git) merge one store file")
    for name in ("base", "current", "other", "name"):
        p.add_argument(name)
    p.set_defaults(run=deferred(_COMMANDS, "merge_driver"))


PARSERS = {
    "sync": _sync,
    "setup-merge": _setup_merge,
    "resolve": _resolve,
    "rename": _rename,
    "merge-driver": _merge_driver,
}
"""Each sub-command and the function adding its parser (bvtui.cli.main builds one)."""
