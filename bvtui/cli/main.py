"""The ``bvtui`` command: the terminal app by default, and scriptable commands.

Exit codes: 0 ok; 1 a user or data error (one line on stderr saying what and where);
2 bad usage. Textual is imported only when the app is really opened, so commands
start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, cast

from bvtui.cli import commands, history_args, options, report_args
from bvtui.cli import sync as sync_commands

COMMAND_GROUPS = [
    commands.register,
    history_args.register,
    report_args.register,
    sync_commands.register,
]
"""Each module of commands adds its sub-commands with its own ``register(sub)``."""


def build_parser(only: str | None = None, *, every: bool = True) -> argparse.ArgumentParser:
    """The argument parser of every command.

    With ``every=False``, only command ``only`` gets its parser (none when it is not a
    command); the others are named (``command_names``) but their options are not built,
    which is most of the ~3-4 ms argparse takes for all of them.
    """
    parser = argparse.ArgumentParser(
        prog="bvtui",
        description="Council improvement plans as YAML files in git. "
        "With no command, opens the terminal app on STORE.",
        epilog="Run 'bvtui COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    target = sub if every else _OneCommand(sub, only)
    for register in COMMAND_GROUPS:
        register(cast(argparse._SubParsersAction, target))
    names = frozenset(sub.choices) if every else frozenset(cast(_OneCommand, target).names)
    parser.set_defaults(command_names=names)
    return parser


class _OneCommand:
    """Stands for the sub-parsers action while the commands register: builds the parser
    of one command, and only notes the names of the others."""

    def __init__(self, sub: argparse._SubParsersAction, wanted: str | None) -> None:
        self._sub, self._wanted = sub, wanted
        self.names: set[str] = set()

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        names = {name, *kwargs.get("aliases", ())}
        self.names |= names
        if self._wanted in names:
            return self._sub.add_parser(name, **kwargs)
        return _UNBUILT


class _Unbuilt:
    """A command parser not built: whatever is added to it is dropped."""

    def __getattr__(self, _name: str) -> Any:
        return self._drop

    def _drop(self, *_args: Any, **_kwargs: Any) -> _Unbuilt:
        return self


_UNBUILT = _Unbuilt()


class _VersionAction(argparse.Action):
    """``--version``: bvtui's version, without building every command's parser."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show program's version number and exit",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(f"bvtui {_version()}")
        parser.exit()


def _version() -> str:
    from bvtui import __version__

    return __version__


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bvtui", add_help=False)
    parser.add_argument("store", nargs="?", default=None)
    parser.add_argument("--store", dest="store_option", default=None)
    options.as_of_option(parser)
    options.author_option(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands.KEPT.clear()
    first = next((arg for arg in args_list if not arg.startswith("-")), None)
    wants_help = any(arg in ("-h", "--help") for arg in args_list)
    # the first word is the command (the top level has no option taking a value)
    parser = build_parser(first, every=wants_help)
    if first not in parser.get_default("command_names") and not (
        wants_help or "--version" in args_list
    ):
        app_args = _app_parser().parse_args(args_list)
        return commands.open_app(app_args)
    args = parser.parse_args(args_list)
    # A command lives a fraction of a second and builds data without reference cycles:
    # the cyclic collector would only walk it again and again (~50 ms over 23,000
    # listed records). Refcounting still frees everything; the app keeps collecting.
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
    """The console script: :func:`main`, then exit without tearing the interpreter down.

    Freeing every object one by one at exit costs ~10-25 ms after a 10,000-action
    command (~0.1 s at 100,000) for nothing: output is flushed here and the process
    ends. The terminal app (Textual loaded) exits the ordinary way.
    """
    code = main()
    if "textual" in sys.modules:
        sys.exit(code)
    with contextlib.suppress(OSError):  # BrokenPipeError: `head` stopped reading, fine
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)
