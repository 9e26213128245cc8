"""A synthetic store of many actions, for checking that the app stays fast at the scale
DESIGN.md promises (tens of thousands of actions): start-up, and a filter keystroke
over 10,000 actions.

One generator serves the tests and the benchmark: :func:`bench.synthetic.make_store`
(plans and actions shaped like the fixture plans, in a git repository).
"""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import make_store


def write_synthetic_store(root: Path, count: int, plans: int = 10, seed: int = 7) -> Path:
    """Write ``count`` actions spread over ``plans`` plans under ``root``; return ``root``.

    ``root`` becomes a git repository with one commit per plan; the content is
    pseudo-random but fixed by ``seed``, so timings are comparable between runs.
    """
    return make_store(root, count, plans, seed)
