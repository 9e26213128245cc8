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
from bvtui.cli import commands, history_args, options, report_args
from bvtui.cli import sync as sync_commands

COMMAND_GROUPS = [
    commands.register,
    history_args.register,
    report_args.register,
    sync_commands.register,
]
"""Each module of commands adds its sub-commands with its own ``register(sub)``."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="bvtui",
        description="Council improvement plans as YAML files in git. "
        "With no command, opens the terminal app on STORE "
        "(--view NAME: on a saved view; --present: in the presentation layout).",
        epilog="Run 'bvtui COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"bvtui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in COMMAND_GROUPS:
        register(sub)
    parser.set_defaults(command_names=frozenset(sub.choices))
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bvtui", add_help=False)
    parser.add_argument("store", nargs="?", default=None)
    parser.add_argument("--store", dest="store_option", default=None)
    options.as_of_option(parser)
    options.author_option(parser)
    parser.add_argument("--view", default=None, metavar="NAME")
    parser.add_argument("--present", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = next((arg for arg in args_list if not arg.startswith("-")), None)
    wants_help = any(arg in ("-h", "--help") for arg in args_list)
    # the first word is the command (the top level has no option taking a value)
    parser = build_parser()
    if first not in parser.get_default("command_names") and not (
        wants_help or "--version" in args_list
    ):
        app_args = _app_parser().parse_args(args_list)
        return commands.open_app(app_args)
    args = parser.parse_args(args_list)
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
    sys.exit(code)
