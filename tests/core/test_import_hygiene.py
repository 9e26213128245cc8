"""The domain core never imports Textual (or Rich): the CLI, the app and the tests share it."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "bvtui" / "core"


@pytest.mark.parametrize("module", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_core_module_imports_no_ui_library(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level:
            imported.add("bvtui")
    assert not imported & {"textual", "rich"}, module.name
    assert not any(name.startswith("bvtui.tui") for name in _from_modules(tree)), module.name


def _from_modules(tree: ast.AST) -> list[str]:
    return [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
