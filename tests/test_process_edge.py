"""Process-wide tricks live only at the process's edge: the command line's ``main`` and
the app's class. The domain, the workers and the other modules never switch the
collector, fork, leave the interpreter without its exit, or reach into private CPython
modules."""

from __future__ import annotations

import ast
import gc
import json
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from bvtui.store import Store

PACKAGE = Path(__file__).resolve().parents[1] / "bvtui"
EDGE = {"cli/main.py", "tui/app.py"}
TRICKS = {("gc", "disable"), ("gc", "freeze"), ("os", "fork"), ("os", "_exit")}
MODULES = sorted(PACKAGE.rglob("*.py"))


def tricks_in(tree: ast.AST) -> list[str]:
    """Each process-wide trick written in a module: calls, private imports and names."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in TRICKS:
                found.append(f"{node.value.id}.{node.attr}")
            if node.attr == "c_make_encoder":
                found.append(node.attr)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if (node.module.startswith("_") and node.module != "__future__") or any(
                alias.name in ("fork", "_exit", "disable", "freeze", "c_make_encoder")
                for alias in node.names
            ):
                found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Import):
            found.extend(f"import {a.name}" for a in node.names if a.name.startswith("_"))
    return found


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_process_wide_trick_outside_the_edge(module: Path) -> None:
    if module.relative_to(PACKAGE).as_posix() in EDGE:
        return
    assert tricks_in(ast.parse(module.read_text(encoding="utf-8"))) == []


def test_the_check_sees_each_trick() -> None:
    written = (
        "import gc, os\nfrom _blake2 import blake2b\nfrom json import encoder\n"
        "gc.disable(); gc.freeze(); os.fork(); os._exit(0); encoder.c_make_encoder\n"
    )
    assert len(tricks_in(ast.parse(written))) == 6


class Cycle:
    """An object that refers to itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_garbage_made_before_a_load_is_collected_after_it(store_dir: Path) -> None:
    Store.open(store_dir)  # the parse cache is written: the next open reads it
    cycles = [Cycle() for _ in range(3)]
    gone = [weakref.ref(cycle) for cycle in cycles]
    del cycles
    assert gc.isenabled()
    store = Store.open(store_dir)
    assert store.actions and gc.isenabled()
    gc.collect()
    assert [ref() for ref in gone] == [None, None, None]


EXIT_PROBE = """
import atexit, gc, sys
atexit.register(lambda: print("FROZEN", gc.get_freeze_count() > 0, file=sys.stderr))
sys.argv = ["bvtui", *{argv!r}]
from bvtui.cli.main import run
run()
"""


def test_a_command_ends_with_its_objects_frozen_and_its_output_whole(store_dir: Path) -> None:
    # the console script freezes what the command made before the interpreter's
    # shutdown, which then does not walk it in cyclic collections (bench/README.md)
    probe = EXIT_PROBE.format(argv=["list", "--store", str(store_dir), "--format", "json"])
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == len(Store.open(store_dir).actions)
    assert result.stderr.splitlines()[-1] == "FROZEN True"
    probe = EXIT_PROBE.format(argv=["show", "--store", str(store_dir), "no-such-id"])
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 1 and result.stderr.splitlines()[-1] == "FROZEN True"


def test_main_itself_leaves_the_collector_as_it_was(store_dir: Path) -> None:
    # tests, and any caller running commands in its own process, keep collecting
    probe = (
        "import gc, sys\nfrom bvtui.cli.main import main\n"
        f"code = main(['list', '--store', {str(store_dir)!r}])\n"
        "print('AFTER', code, gc.isenabled(), gc.get_freeze_count(), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.splitlines()[-1] == "AFTER 0 True 0"
