"""A synthetic bvtui store: plans and actions that look like real council plans.

Deterministic for a given seed. The store is a git repository whose history is
written in one ``git fast-import`` run: one import commit per plan, then single-file
edits (progress, status, a new update) until ``commits`` commits exist, so that
``git log -- file`` has realistic work to do. The work tree ends as the last commit.

Usage from tests::

    from tests.synthetic import make_store
    store = make_store(tmp_path / "store", actions=200, plans=4)
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

THEMES = (
    "Elections",
    "Communications",
    "Property",
    "Grants",
    "Governance",
    "Workforce",
    "Finance",
    "Procurement",
    "Housing",
    "Leadership",
    "Partnership working",
    "Culture and behaviours",
    "Scrutiny",
    "Audit",
)

STATUS_TABLES: tuple[dict[str, str], ...] = (
    {"Completed": "blue", "On Target": "green", "Delayed": "amber", "Overdue": "red"},
    {
        "Complete": "blue",
        "On track": "green",
        "At risk": "amber",
        "Off track": "red",
        "Not started": "grey",
    },
    {
        "Complete and ongoing": "blue",
        "In progress": "green",
        "Off target but recovery plans in place": "amber",
        "Overdue/Neglected": "red",
    },
)
"""Statuses and their RAG colours, as plans tables spell them; each plan uses one."""

_FIRST = [
    "Will",
    "Louise",
    "Richard",
    "Andreas",
    "Sharon",
    "Zena",
    "Neville",
    "Denise",
    "Steve",
    "Asmat",
    "Graham",
    "Ann",
    "Karen",
    "Mark",
    "Tom",
    "Rachel",
    "Dan",
    "Hafsa",
    "Chris",
    "Julie",
    "Paul",
    "Nasima",
    "Simon",
    "Helen",
    "Rob",
    "Farhana",
]
_LAST = [
    "Tuckley",
    "Stamp",
    "Chilcott",
    "Christophorou",
    "Godman",
    "Cooke",
    "Murton",
    "Radley",
    "Halsey",
    "Hussain",
    "White",
    "Sutcliffe",
    "Swift",
    "Cohen",
    "Lewis",
    "Begum",
    "Jones",
    "Khan",
    "Smith",
    "Patel",
    "Brown",
    "Walker",
    "Ahmed",
    "Green",
]

_VERBS = (
    "Agree",
    "Review",
    "Deliver",
    "Implement",
    "Publish",
    "Establish",
    "Develop",
    "Complete",
    "Procure",
    "Train staff on",
    "Report to Cabinet on",
    "Consult residents on",
)
_OBJECTS = (
    "the action plan for validation of community buildings",
    "dedicated count training for accountants",
    "a new grants assessment framework",
    "the member development programme",
    "joint working with partner agencies",
    "the communications protocol for elections",
    "lettings policy for community premises",
    "the scrutiny work programme",
    "a register of interests for all officers",
    "the workforce to reflect the community strategy",
    "quarterly monitoring of the improvement plan",
    "the asset management strategy",
    "an independent review of governance arrangements",
    "the procurement forward plan",
)
_SUFFIXES = ("", "", " - First meeting February 2017", " with THH", " by year end", " (phase 2)")

_SENTENCES = (
    "Initial meetings have taken place along with the review group.",
    "Next meeting scheduled for September 2018.",
    "Further meeting with THH held at the end of June 2017 to agree the way forward.",
    "All accountants to receive count module training in January 2018.",
    "A draft report will go to the Mayor in Cabinet in November.",
    "Work is on hold pending the outcome of the wider restructure.",
    "The consultation closed with over 400 responses which are being analysed.",
    "Recruitment to the post is under way and interviews are booked.",
    "The commissioners have been briefed and are content with progress.",
    "Resources have been redirected to meet the revised deadline.",
    "A new project manager has been appointed to drive delivery.",
    "Legal advice has been sought on the lease arrangements.",
    "Training has been delivered to 80 percent of the staff concerned.",
    "Slippage is due to the late availability of the new system.",
)

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_PERIODS = ("2017-18 Q1", "2017-18 Q2", "2017-18 Q3", "2017-18 Q4")
_EPOCH = 1_491_004_800  # 2017-04-01T00:00:00Z: the first import commit


def officer_pool(size: int = 60) -> list[str]:
    """``size`` distinct "First Last" names, always the same ones."""
    return [f"{_FIRST[i % len(_FIRST)]} {_LAST[(i * 7) % len(_LAST)]}" for i in range(size)]


@dataclass
class SynthPlan:
    """One plan: its folder name, themes and status table."""

    slug: str
    title: str
    themes: list[str]
    statuses: dict[str, str]


@dataclass
class SynthAction:
    """One action's stored fields, as plain values."""

    plan: SynthPlan
    id: str
    title: str
    theme: str
    objective: str
    officers: list[str]
    deadline: str
    revised_deadline: str
    status: str
    progress: int
    updates: list[tuple[str, str]] = field(default_factory=list)

    @property
    def path(self) -> str:
        """The file's path from the store's root, as git names it."""
        return f"{self.plan.slug}/{self.id}.yaml"

    @property
    def rag(self) -> str:
        return self.plan.statuses[self.status]


def _deadline(rng: random.Random) -> str:
    kind = rng.random()
    year = rng.randint(2016, 2019)
    if kind < 0.45:
        return f"{rng.choice(_MONTHS)}-{year % 100:02d}"
    if kind < 0.75:
        return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"
    if kind < 0.85:
        return "TBC"
    if kind < 0.92:
        return "On-going"
    return f"{_MONTHS[rng.randint(0, 5)]}-{_MONTHS[rng.randint(6, 11)]} {year % 100:02d}"


def _text(rng: random.Random) -> str:
    return " ".join(rng.sample(_SENTENCES, rng.randint(1, 4)))


def synthetic_plans(
    actions: int, plans: int, seed: int = 0
) -> tuple[list[SynthPlan], list[SynthAction]]:
    """The plans and ``actions`` actions spread evenly over ``plans`` plans."""
    rng = random.Random(seed)
    officers = officer_pool()
    plan_list: list[SynthPlan] = []
    action_list: list[SynthAction] = []
    for p in range(plans):
        themes = rng.sample(THEMES, rng.randint(3, 6))
        plan = SynthPlan(
            slug=f"plan-{p + 1:02d}",
            title=f"Best Value Improvement Plan {2016 + p % 4}-{17 + p % 4} (area {p + 1})",
            themes=themes,
            statuses=STATUS_TABLES[p % len(STATUS_TABLES)],
        )
        plan_list.append(plan)
        words = list(plan.statuses)
        weights = [1.0] * len(words)
        count = actions // plans + (1 if p < actions % plans else 0)
        per_objective = 50
        for n in range(count):
            objective_no, item = divmod(n, per_objective)
            theme = themes[objective_no % len(themes)]
            status = rng.choices(words, weights)[0]
            rag = plan.statuses[status]
            progress = 100 if rag == "blue" else rng.randrange(0, 100, 10)
            action_list.append(
                SynthAction(
                    plan=plan,
                    id=f"{objective_no + 1}.{item + 1}",
                    title=f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_SUFFIXES)}",
                    theme=theme,
                    objective=f"{objective_no + 1}. {theme} - {rng.choice(_OBJECTS)}",
                    officers=rng.sample(officers, rng.choice((1, 1, 2, 2, 3))),
                    deadline=_deadline(rng),
                    revised_deadline=_deadline(rng) if rng.random() < 0.2 else "",
                    status=status,
                    progress=progress,
                    updates=[(_PERIODS[u], _text(rng)) for u in range(rng.choice((1, 1, 2, 3)))],
                )
            )
    return plan_list, action_list


def plan_yaml(plan: SynthPlan) -> str:
    """The text of ``plan.yaml``, in the form of tests/data/store."""
    statuses = "".join(f"  {word}: {rag}\n" for word, rag in plan.statuses.items())
    return (
        f"title: {plan.title}\n"
        "organisation: London Borough of Synthetica\n"
        "as_of: 2017-09-29\n"
        "period: 2017-18 Q2\n"
        f"themes: [{', '.join(plan.themes)}]\n"
        f"statuses:\n{statuses}"
    )


def action_yaml(action: SynthAction) -> str:
    """The text of an action's file, in the form bvtui writes (tests/data/store)."""
    # Every generated text is safe as a plain scalar (no ": ", " #", leading quotes).
    updates = "".join(f"- period: {period}\n  text: {text}\n" for period, text in action.updates)
    return (
        f"id: '{action.id}'\n"
        f"title: {action.title}\n"
        f"theme: {action.theme}\n"
        f"objective: {action.objective}\n"
        f"officers: [{', '.join(action.officers)}]\n"
        f"deadline: {action.deadline}\n"
        f"revised_deadline:{' ' + action.revised_deadline if action.revised_deadline else ''}\n"
        f"status: {action.status}\n"
        f"progress: {action.progress}\n"
        f"updates:\n{updates}"
    )


def _edit(action: SynthAction, rng: random.Random) -> str:
    """Change one action the way a quarterly update does; return the commit message."""
    words = list(action.plan.statuses)
    roll = rng.random()
    if roll < 0.5:
        old = action.progress
        action.progress = (old + 10) % 110
        return f"{action.plan.slug}/{action.id}: progress {old} -> {action.progress}\n"
    if roll < 0.8:
        old_status = action.status
        action.status = rng.choice(words)
        return f"{action.plan.slug}/{action.id}: status {old_status} -> {action.status}\n"
    action.updates.append((rng.choice(_PERIODS), _text(rng)))
    return f"{action.plan.slug}/{action.id}: new update\n"


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def _fast_import_stream(
    plans: list[SynthPlan], actions: list[SynthAction], commits: int, rng: random.Random
) -> Iterator[bytes]:
    """The fast-import commands: one commit per plan, then one-file edits."""
    officers = officer_pool()
    mark = 0
    when = _EPOCH
    by_plan: dict[str, list[SynthAction]] = {}
    for action in actions:
        by_plan.setdefault(action.plan.slug, []).append(action)

    def header(message: str, who: str) -> bytes:
        nonlocal mark, when
        mark += 1
        when += 3600
        email = who.lower().replace(" ", ".") + "@example.org"
        ident = f"{who} <{email}> {when} +0000".encode()
        lines = b"commit refs/heads/main\nmark :%d\nauthor %s\ncommitter %s\n" % (
            mark,
            ident,
            ident,
        )
        lines += _data(message.encode())
        if mark > 1:
            lines += b"from :%d\n" % (mark - 1)
        return lines

    for plan in plans:
        out = [header(f"bvtui import: {plan.slug}\n", "Bench Importer")]
        out.append(b"M 100644 inline %s/plan.yaml\n" % plan.slug.encode())
        out.append(_data(plan_yaml(plan).encode()))
        for action in by_plan.get(plan.slug, []):
            out.append(b"M 100644 inline %s\n" % action.path.encode())
            out.append(_data(action_yaml(action).encode()))
        yield b"".join(out)
    for _ in range(max(commits - len(plans), 0)):
        action = rng.choice(actions)
        message = _edit(action, rng)
        yield (
            header(message, rng.choice(officers))
            + b"M 100644 inline %s\n" % action.path.encode()
            + _data(action_yaml(action).encode())
        )


def final_model(
    actions: int, plans: int, seed: int = 0, commits: int = 0
) -> tuple[list[SynthPlan], list[SynthAction]]:
    """The model :func:`make_store` leaves behind (its actions after the history's
    edits), without building a store: for a store built earlier with the same figures."""
    model = synthetic_plans(actions, plans, seed)
    for _chunk in _fast_import_stream(*model, commits, random.Random(seed + 1)):
        pass
    return model


def make_store(
    root: Path,
    actions: int,
    plans: int,
    seed: int = 0,
    commits: int = 0,
    *,
    model: tuple[list[SynthPlan], list[SynthAction]] | None = None,
) -> Path:
    """Build a store of ``actions`` actions in ``plans`` plans at ``root``; return ``root``.

    ``root`` becomes a git repository (branch ``main``, a local committer identity)
    holding ``max(commits, plans)`` commits. The files on disk are the last commit.
    ``model``, from :func:`synthetic_plans`, is used instead of generating one; its
    actions are left in their final state (what the files say), e.g. to build a peer.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    plan_list, action_list = model or synthetic_plans(actions, plans, seed)

    def git(*args: str, **kwargs: object) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, **kwargs)

    git("init", "--quiet", "--initial-branch=main")
    for key, value in (
        ("user.name", "Bench User"),
        ("user.email", "bench@example.org"),
        ("commit.gpgsign", "false"),
    ):
        git("config", key, value)
    with subprocess.Popen(
        ["git", "fast-import", "--quiet", "--done"],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    ) as proc:
        assert proc.stdin is not None
        for chunk in _fast_import_stream(plan_list, action_list, commits, rng):
            proc.stdin.write(chunk)
        proc.stdin.write(b"done\n")
        proc.stdin.close()
        if proc.wait() != 0:
            raise RuntimeError("git fast-import failed")
    git("reset", "--quiet", "--hard", "main")
    return root
