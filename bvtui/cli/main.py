"""The ``bvtui`` command: the terminal app by default, and scriptable commands.

Exit codes: 0 ok; 1 a user or data error (one line on stderr saying what and where);
2 bad usage. Textual is imported only when the app is really opened, so commands
start fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from bvtui import __version__
from bvtui.cli import (
    app_args,
    history_args,
    options,
    report_args,
    round_args,
    store_args,
    sync_args,
    trust_args,
)

COMMAND_GROUPS = (
    store_args,
    history_args,
    report_args,
    round_args,
    trust_args,
    sync_args,
    app_args,
)
"""Each module of arguments maps its sub-commands to the functions adding their parsers
(``PARSERS``): the command line builds only the one it runs. The commands themselves are
imported only when one of them runs."""

COMMAND_NAMES = frozenset(name for group in COMMAND_GROUPS for name in group.PARSERS)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of every command; with ``command``, only that sub-command's
    (``""``: none), which is all that parsing that command needs: building every
    command's parser costs a short command a good part of its own work."""
    parser = argparse.ArgumentParser(
        prog="bvtui",
        description="Council improvement plans as YAML files in git. "
        "With no command, opens the terminal app on STORE "
        "(--view NAME: on a saved view; --present: in the presentation layout).",
        epilog="Run 'bvtui COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"bvtui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in COMMAND_GROUPS:
        for name, add_parser in group.PARSERS.items():
            if command is None or command == name:
                add_parser(sub)
    parser.set_defaults(command_names=COMMAND_NAMES)
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bvtui", add_help=False)
    parser.add_argument("store", nargs="?", default=None)
    parser.add_argument("--store", dest="store_option", default=None)
    options.as_of_option(parser)
    options.author_option(parser)
    parser.add_argument("--read-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--view", default=None, metavar="NAME")
    parser.add_argument("--present", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # the first word is the command (the top level has no option taking a value)
    first = next((i for i, arg in enumerate(args_list) if not arg.startswith("-")), None)
    command = None if first is None else args_list[first]
    helps = [i for i, arg in enumerate(args_list) if arg in ("-h", "--help")]
    if command not in COMMAND_NAMES and not (helps or "--version" in args_list):
        from bvtui.cli.commands import open_app

        return open_app(_app_parser().parse_args(args_list))
    # help before any command lists them all; a command needs only its own parser
    top_help = bool(helps) and (first is None or helps[0] < first)
    args = build_parser(None if top_help else command or "").parse_args(args_list)
    # A command lives a fraction of a second and builds data without reference cycles
    # (records, rows, the loaded store): the cyclic collector would only walk them again
    # and again, a cost that grows with the store (bench/README.md, "the cyclic GC off
    # while a command runs"). Refcounting still frees everything. Only here, at the
    # process's edge: the app and the domain keep collecting.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
    finally:
        if collecting:
            gc.enable()


def run() -> NoReturn:
    """The console script: :func:`main`, then exit with its code."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `head` stopped reading: fine, and nothing to say at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    # The process ends now. Python's shutdown runs full cyclic collections over every
    # object the command and its imports made before freeing them; frozen, they are
    # left out of those collections, freed by reference counting as modules are torn
    # down, and the rest goes back to the system with the process (bench/README.md,
    # "save-2x": a set's shutdown). Only here, at the process's edge: main() itself,
    # which tests and other callers run in their own process, freezes nothing.
    gc.freeze()
    sys.exit(code)
