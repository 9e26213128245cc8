"""How a package's ``__init__`` exports its names: each imported when first used.

A package is a facade (docs/ARCHITECTURE.md): its ``__init__`` lists the names other
packages use (``__all__``) and the module each lives in (``_WHERE``). The module is
imported the first time one of its names is asked for (a module ``__getattr__``, PEP
562), so a command pays only for the modules it uses: ``bvtui log ID`` reads git
history without importing the parse cache, the report formats or the audit, and
``bvtui --version`` imports none of them. Type checkers read the same names from the
``if TYPE_CHECKING:`` imports of each ``__init__``; ``tests/test_facades.py`` keeps
those imports, ``_WHERE`` and ``__all__`` equal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module


def exports(package: str, where: dict[str, tuple[str, ...]]) -> Callable[[str], object]:
    """The module ``__getattr__`` of ``package``: a name of ``where`` (module path ->
    names) is imported from its module when first asked for, then kept as the
    package's own attribute, so it is looked up once.

    Raises (from the returned function):
        AttributeError: the package exports no such name.
    """
    module_of = {name: module for module, names in where.items() for name in names}

    def __getattr__(name: str) -> object:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
