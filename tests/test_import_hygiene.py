"""The domain never imports Textual (or Rich): the CLI, the app and the tests share it.

The layers themselves (each package uses only those below it) are import-linter's
contract in pyproject.toml, run by the README's test command.
"""

import ast
from pathlib import Path

import pytest

BVTUI = Path(__file__).resolve().parents[1] / "bvtui"
DOMAIN = ("model", "git", "store", "trail", "importing", "reporting", "sharing")
MODULES = sorted(path for package in DOMAIN for path in (BVTUI / package).glob("*.py"))


def test_every_domain_package_is_checked() -> None:
    assert {path.parent.name for path in MODULES} == set(DOMAIN)
    assert not (BVTUI / "core").exists()


@pytest.mark.parametrize("module", MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_domain_module_imports_no_ui_library(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module)
    roots = {name.split(".")[0] for name in imported}
    assert not roots & {"textual", "rich"}, module.name
    assert not any(name.startswith(("bvtui.tui", "bvtui.cli")) for name in imported), module.name
