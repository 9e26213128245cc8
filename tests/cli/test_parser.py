"""The command line builds only the parser a command needs: each module of arguments
maps its sub-commands to the functions adding their parsers, and the top level's help
still lists every one."""

from __future__ import annotations

import argparse

import pytest

from bvtui.cli.main import COMMAND_GROUPS, COMMAND_NAMES, build_parser, main


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(sub.choices)


@pytest.mark.parametrize("group", COMMAND_GROUPS, ids=lambda g: g.__name__.rsplit(".")[-1])
def test_each_commands_function_adds_exactly_that_command(group) -> None:  # type: ignore[no-untyped-def]
    for name, add_parser in group.PARSERS.items():
        parser = argparse.ArgumentParser()
        add_parser(parser.add_subparsers())
        assert _commands(parser) == {name}


def test_a_command_builds_its_own_parser_only() -> None:
    assert _commands(build_parser()) == COMMAND_NAMES
    assert sum(len(group.PARSERS) for group in COMMAND_GROUPS) == len(COMMAND_NAMES)
    assert _commands(build_parser("log")) == {"log"}
    assert _commands(build_parser("set")) == {"set"}
    assert _commands(build_parser("")) == set()


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["--help"], ["init", "log", "report", "sync", "setup-merge"]),
        (["--help", "log"], ["init", "log", "report", "sync"]),
        (["log", "--help"], ["--since DATE|REV", "--limit N"]),
        (["set", "-h"], ["--update TEXT", "--force"]),
    ],
)
def test_help_lists_every_command_and_each_commands_options(
    capsys: pytest.CaptureFixture[str], argv: list[str], shown: list[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert all(word in out for word in shown), out
