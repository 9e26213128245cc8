"""Each package's facade: its names are imported when first used, and what it says it
exports (``__all__``), where it says each name lives (``_WHERE``) and what type checkers
read (the ``if TYPE_CHECKING:`` imports) are the same names."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

BVTUI = Path(__file__).resolve().parents[1] / "bvtui"
LAZY = ("model", "git", "store", "trail", "reporting")


def _checked_imports(init: Path) -> dict[str, set[str]]:
    """module -> names imported under ``if TYPE_CHECKING:`` in ``init``."""
    found: dict[str, set[str]] = {}
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for item in node.body:
                assert isinstance(item, ast.ImportFrom) and item.module
                found.setdefault(item.module, set()).update(a.name for a in item.names)
    return found


@pytest.mark.parametrize("package", LAZY)
def test_facade_lists_each_name_once_in_all_three_places(package: str) -> None:
    facade = importlib.import_module(f"bvtui.{package}")
    where = {module: set(names) for module, names in facade._WHERE.items()}
    assert _checked_imports(BVTUI / package / "__init__.py") == where
    listed = [name for names in facade._WHERE.values() for name in names]
    assert sorted(listed) == sorted(facade.__all__)
    assert len(set(listed)) == len(listed)


@pytest.mark.parametrize("package", LAZY)
def test_every_exported_name_is_its_modules_own_object(package: str) -> None:
    facade = importlib.import_module(f"bvtui.{package}")
    for module, names in facade._WHERE.items():
        for name in names:
            assert getattr(facade, name) is getattr(importlib.import_module(module), name)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = facade.nothing_here


@pytest.mark.parametrize("package", LAZY)
def test_importing_a_facade_imports_none_of_its_modules(package: str) -> None:
    probe = (
        f"import sys, bvtui.{package}\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('bvtui.'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["bvtui.facade", f"bvtui.{package}"]
