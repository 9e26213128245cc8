"""Parsing a council's plan document or spreadsheet into a structured plan (no I/O but reading).

``parse_file`` reads a file with :func:`bvtui.importing.tables.read_table`, walks its rows
once with :class:`bvtui.importing.walk.Walker` (tables, headings, objectives, themes,
rows wrapped over lines), reads each action's values with
:mod:`bvtui.importing.action`, and assembles the plan here: ids, statuses and their
colours, themes, officer aliases.

What is not read becomes an :class:`ImportProblem` (line and reason) and the rest
imports; what is read but doubtful becomes a warning. The result depends on the file's
content only, so a re-import of the same file gives the same plan, ids and order
included.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from bvtui.importing.action import column_facts, draft_action, objective_of
from bvtui.importing.columns import ID, OBJECTIVE, THEME, TITLE, ColumnMap
from bvtui.importing.fields import (
    clean_id,
    leading_number,
    lettered_themes,
    officer_aliases,
    plan_statuses,
    respell_status,
)
from bvtui.importing.meta import document_facts
from bvtui.importing.rag import unknown_statuses
from bvtui.importing.tables import ImportError_, Row, read_table
from bvtui.importing.walk import Draft, ImportProblem, TableMap, Walker
from bvtui.model import due_date

__all__ = ["ImportError_", "ImportProblem", "ImportedPlan", "parse_file", "parse_rows"]


@dataclass
class ImportedPlan:
    """A plan as read from a document: plan facts, actions as plain dicts, problems."""

    title: str
    organisation: str
    as_of: datetime.date | None
    period: str
    themes: list[str]
    statuses: dict[str, str]
    officer_aliases: dict[str, str]
    actions: list[dict]
    problems: list[ImportProblem]
    warnings: list[ImportProblem] = field(default_factory=list)
    """Values read with a doubt or kept as written (imported all the same)."""
    tables: list[TableMap] = field(default_factory=list)
    """Each table header's line and what its columns became (for ``--dry-run``)."""


def parse_file(
    path: Path, mapping: ColumnMap | None = None, sheet: str | None = None
) -> ImportedPlan:
    """Read a plan from a tab-separated text, csv or xlsx file.

    Args:
        path: The document or spreadsheet.
        mapping: The user's own column names (``--map``), winning over the recognised.
        sheet: The one workbook sheet to read (``--sheet``; None: every visible one).

    Returns:
        The plan; rows that could not be read are in its ``problems``.

    Raises:
        ImportError_: The file itself cannot be read.
    """
    return parse_rows(read_table(path, sheet), mapping)


def parse_rows(rows: list[Row], mapping: ColumnMap | None = None) -> ImportedPlan:
    """Read a plan from rows of cells (see :func:`parse_file`)."""
    walker = Walker(rows, mapping)
    walker.walk()
    return _assemble(walker)


# -- from drafts to the plan ----------------------------------------------------------


def _assemble(walker: Walker) -> ImportedPlan:
    """Turn the walker's drafts into the plan: ids, values, statuses, themes, aliases."""
    problems = list(walker.problems)
    drafts, summaries = _split_summaries(walker.drafts)
    ids = _draft_ids(drafts)
    facts = document_facts(walker.narrative, walker.quarter)
    context = (_themes(drafts), summaries, column_facts(drafts))
    themes = context[0]
    actions: list[dict] = []
    warnings: list[ImportProblem] = []
    seen: dict[str, int] = {}
    sheets: dict[str, str] = {}
    for draft, raw_id in zip(drafts, ids, strict=True):

        def warn(reason: str, line: int = draft.line, sheet: str = draft.sheet) -> None:
            warnings.append(ImportProblem(line, reason, sheet))

        try:
            action = draft_action(draft, raw_id, facts.period, context, warn)
        except ValueError as error:
            problems.append(ImportProblem(draft.line, str(error), draft.sheet))
            continue
        if action["id"] in seen and sheets[action["id"]] != draft.sheet:
            # each sheet numbers its own rows: "Governance" 1 and "Finance" 1 both stay
            action["id"] = clean_id(f"{draft.sheet}-{action['id']}")
        if action["id"] in seen:
            reason = f"id '{action['id']}' is used again (first on line {seen[action['id']]})"
            problems.append(ImportProblem(draft.line, reason, draft.sheet))
            continue
        seen[action["id"]] = draft.line
        sheets[action["id"]] = draft.sheet
        actions.append(action)
    if not walker.seen_header:
        problems.append(
            ImportProblem(
                1,
                "no table header found (a title column such as "
                "Milestone, Activities or Action Title)",
            )
        )
    used = [action["status"] for action in actions if action["status"]]
    statuses = plan_statuses(walker.key_words, used, walker.rag_key)
    warnings.extend(_plan_warnings(actions, used, walker.rag_key))
    for action in actions:
        action["status"] = respell_status(action["status"], statuses) if action["status"] else ""
    officers = [name for action in actions for name in action["officers"]]
    declared = [themes.get(theme, theme) for theme in walker.themes]
    return ImportedPlan(
        title=facts.title,
        organisation=facts.organisation,
        as_of=facts.as_of,
        period=facts.period,
        themes=list(dict.fromkeys([*declared, *(a["theme"] for a in actions if a["theme"])])),
        statuses=statuses,
        officer_aliases=officer_aliases(officers),
        actions=actions,
        problems=sorted(problems, key=lambda problem: problem.line),
        warnings=warnings,
        tables=walker.tables,
    )


def _plan_warnings(
    actions: list[dict], used: list[str], rag_key: dict[str, str]
) -> list[ImportProblem]:
    """Once per plan: status words with no colour, deadlines that name no date."""
    warnings = [
        ImportProblem(
            0,
            f"status '{word}' ({count} action{'s' if count > 1 else ''}) has no RAG colour and "
            f"shows grey: give it one under statuses: in plan.yaml ({word}: amber)",
        )
        for word, count in unknown_statuses(used, rag_key)
    ]
    undated = [a["deadline"] for a in actions if a["deadline"] and due_date(a["deadline"]) is None]
    if undated:
        examples = ", ".join(f"'{text}'" for text in list(dict.fromkeys(undated))[:3])
        warnings.append(
            ImportProblem(
                0,
                f"{len(undated)} deadline{'s' if len(undated) > 1 else ''} name no date "
                f"({examples}): no due date, never overdue",
            )
        )
    return warnings


def _split_summaries(drafts: list[Draft]) -> tuple[list[Draft], dict[str, str]]:
    """Separate summary rows (one per objective) from the actions they summarise.

    A performance-system export lists each recommendation ("R1 & R2", "R3") in a
    summary table and its actions ("R2.1", "R2.2") in detail tables. When some ids
    are dotted, a table (rows of one header shape) whose ids are all undotted is a
    summary: its rows are not actions, they name the objectives.

    Returns:
        The action drafts, and each summary row's id token -> its objective label
        ("R2" -> "R1 & R2: The Council now needs to ...").
    """
    with_ids = [draft for draft in drafts if draft.has(ID)]
    if not any("." in draft.text(ID) for draft in with_ids):
        return drafts, {}
    dotted = {draft.signature for draft in with_ids if "." in draft.text(ID)}
    summary = [draft for draft in with_ids if draft.signature not in dotted]
    labels: dict[str, str] = {}
    for draft in summary:
        code = draft.text(ID)
        for token in re.findall(r"[A-Za-z]*\d+", code):
            labels.setdefault(token, f"{code}: {' '.join(draft.text(TITLE).split())}")
    dropped = {id(draft) for draft in summary}
    return [draft for draft in drafts if id(draft) not in dropped], labels


def _draft_ids(drafts: list[Draft]) -> list[str]:
    """Each draft's id as written, or a stable one where its table has no id column.

    Generated ids are ``<objective number>.<position in it>`` ("1.3"). The number is
    the one the objectives carry ("1. Planning ...") when every objective carries a
    different one, else the objective's order in the document; rows with no objective
    group by theme the same way, rows with neither are numbered by position ("7").
    Ids are fixed before any row is rejected, so mending a bad row never renumbers
    the others.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    loose: list[int] = []
    for index, draft in enumerate(drafts):
        if draft.has(ID):
            continue
        key = _group_key(draft)
        (groups.setdefault(key, []) if key else loose).append(index)
    numbers = _group_numbers(list(groups), drafts, groups)
    ids = [draft.text(ID) if draft.has(ID) else "" for draft in drafts]
    for key, members in groups.items():
        for position, index in enumerate(members, start=1):
            ids[index] = f"{numbers[key]}.{position}"
    for position, index in enumerate(loose, start=1):
        ids[index] = str(position)
    _number_merged_ids(drafts, ids)
    return ids


def _number_merged_ids(drafts: list[Draft], ids: list[str]) -> None:
    """A Ref merged down over its milestone rows: "3" over three rows is 3.1, 3.2, 3.3."""
    start = 0
    while start < len(drafts):
        end = start + 1
        while end < len(drafts) and _id_merged(drafts[end]) and ids[end] == ids[start]:
            end += 1
        if end - start > 1:
            written = ids[start]
            for position, index in enumerate(range(start, end), start=1):
                ids[index] = f"{written}.{position}"
        start = end


def _id_merged(draft: Draft) -> bool:
    column = next((i for i, c in enumerate(draft.columns) if c.field == ID), None)
    return column is not None and column in draft.merged


def _group_key(draft: Draft) -> tuple[str, str] | None:
    column_objective = draft.text(OBJECTIVE)
    if column_objective:
        return ("objective", column_objective)
    if draft.group:
        return draft.group
    theme = draft.text(THEME) or draft.theme
    return ("theme", theme) if theme else None


def _group_numbers(
    keys: list[tuple[str, str]], drafts: list[Draft], groups: dict[tuple[str, str], list[int]]
) -> dict[tuple[str, str], int]:
    """The number of each group: the objective's own when all differ, else its order."""
    own = [leading_number(objective_of(drafts[groups[key][0]])) for key in keys]
    if all(number is not None for number in own) and len(set(own)) == len(own):
        return {key: number for key, number in zip(keys, own, strict=True) if number is not None}
    return {key: position for position, key in enumerate(keys, start=1)}


def _themes(drafts: list[Draft]) -> dict[str, str]:
    """Each theme cell -> the plan theme it belongs to (lettered themes merged by letter)."""
    cells = list(dict.fromkeys(draft.text(THEME) for draft in drafts if draft.text(THEME)))
    return lettered_themes(cells) or {}
