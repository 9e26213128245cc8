"""Process-wide tricks live only at the process's edge: the command line's ``main`` and
the app's class. The domain, the workers and the other modules never switch the
collector, fork, leave the interpreter without its exit, or reach into private CPython
modules."""

from __future__ import annotations

import ast
import gc
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
