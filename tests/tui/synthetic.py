"""A synthetic store of many actions, written file by file like the fixture plans.

Used to check that the app stays fast at the scale DESIGN.md promises (tens of
thousands of actions): start-up, and a filter keystroke over 10,000 actions.
"""

from __future__ import annotations

import random
from pathlib import Path

_STATUSES = ("Completed", "On Target", "Delayed", "Overdue", "Not Started")
_THEMES = ("Elections", "Communications", "Property", "Grants", "Organisational Culture")
_OFFICERS = (
    "Will Tuckley",
    "Louise Stamp",
    "Richard Chilcott",
    "Andreas Christophorou",
    "Zena Cooke",
    "Melanie Clay",
    "Ann Sutcliffe",
    "Graham White",
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WORDS = [
    "review",
    "budget",
    "training",
    "polling",
    "stations",
    "grants",
    "panel",
    "assets",
    "lease",
    "community",
    "buildings",
    "members",
    "officers",
    "scrutiny",
    "report",
    "publish",
    "consult",
    "residents",
    "contract",
]

PLAN_YAML = """title: Synthetic plan {index}
organisation: A Test Council
as_of: 2017-09-29
period: 2017-18 Q2
themes: [{themes}]
statuses:
  Completed: blue
  On Target: green
  Delayed: amber
  Overdue: red
  Not Started: grey
"""


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_synthetic_store(root: Path, count: int, plans: int = 10, seed: int = 7) -> Path:
    """Write ``count`` actions spread over ``plans`` plans under ``root``; return ``root``.

    Each action file has the shape of ``tests/data/store/*/*.yaml``; the content is
    pseudo-random but fixed by ``seed``, so timings are comparable between runs.
    """
    rng = random.Random(seed)
    per_plan = count // plans
    for index in range(plans):
        folder = root / f"synthetic-{index:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "plan.yaml").write_text(
            PLAN_YAML.format(index=index, themes=", ".join(_THEMES)), encoding="utf-8"
        )
        for number in range(per_plan):
            objective = number // 10 + 1
            action_id = f"{objective}.{number % 10 + 1}"
            words = " ".join(rng.choice(_WORDS) for _ in range(8))
            officers = ", ".join(rng.sample(_OFFICERS, rng.randint(1, 2)))
            deadline = f"{rng.choice(_MONTHS)}-{rng.choice((17, 18, 19))}"
            text = (
                f"id: {_quoted(action_id)}\n"
                f"title: {_quoted(words.capitalize())}\n"
                f"theme: {rng.choice(_THEMES)}\n"
                f"objective: {objective}. Objective {objective}\n"
                f"officers: [{officers}]\n"
                f"deadline: {deadline}\n"
                "revised_deadline:\n"
                f"status: {rng.choice(_STATUSES)}\n"
                f"progress: {rng.randrange(0, 101, 10)}\n"
                "updates:\n"
                "- period: 2017-18 Q2\n"
                f"  text: {_quoted(' '.join(rng.choice(_WORDS) for _ in range(25)))}\n"
            )
            (folder / f"{action_id}.yaml").write_text(text, encoding="utf-8")
    return root
