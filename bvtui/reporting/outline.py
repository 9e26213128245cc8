"""A committee report as the blocks a document prints, in order.

The html, Word and PDF writers walk this one outline, so all three hold the same
sections in the same order (title, stamp, chart, counts, delivery plan, exceptions,
slip ledger) and differ only
in how each block is drawn. Text here is raw: each writer makes it inert its own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bvtui.model import RAGS
from bvtui.reporting.pack import (
    ACTION_COLUMNS,
    EXCEPTION_COLUMNS,
    Report,
    action_cells,
    exception_cells,
    exception_lists,
    rag_summary,
    status_summary,
)
from bvtui.reporting.slips import SLIP_COLUMNS, SLIP_HEADING, slip_rows, slip_summary


@dataclass(frozen=True)
class Heading:
    """A heading: level 0 the title, 1 a section, 2 a theme or a list, 3 an objective."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A line of text; ``kind`` names a special one (``organisation``) for html's class."""

    text: str
    kind: str = ""


@dataclass(frozen=True)
class StampTable:
    """The stamp: (label, value) rows, labels first."""

    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Chart:
    """The chart of RAG by theme (:func:`bvtui.reporting.chart.chart_png`)."""


@dataclass(frozen=True)
class CountTable:
    """Counts by theme: a heading row, rows with a Total row last, and the RAG each
    count column is headed in (one per column after the first)."""

    headers: list[str]
    rows: list[list[str]]
    rags: list[str]


@dataclass(frozen=True)
class ActionTable:
    """Actions, one a row, each with its RAG (the cell at ``RAG_COLUMN`` is filled)."""

    columns: tuple[str, ...]
    rows: list[tuple[str, list[str]]]


Block = Heading | Paragraph | StampTable | Chart | CountTable | ActionTable


def outline(report: Report) -> Iterator[Block]:
    """The report's blocks in the html page's order."""
    yield Heading(0, report.title)
    if report.organisation:
        yield Paragraph(report.organisation, "organisation")
    yield StampTable(report.stamp.lines())
    yield Heading(1, "Overall status by theme")
    yield Chart()
    yield CountTable(*rag_summary(report), list(RAGS))
    yield Heading(1, "Status by theme")
    yield CountTable(*status_summary(report), [rag for _word, rag in report.statuses])
    yield Heading(1, "Delivery plan")
    if not report.themes:
        yield Paragraph("No actions match.")
    for theme in report.themes:
        yield Heading(2, f"{theme.name} ({theme.counts.total} actions)")
        for objective in theme.objectives:
            yield Heading(3, objective.name)
            rows = [(a.rag, action_cells(report, a)) for a in objective.actions]
            yield ActionTable(ACTION_COLUMNS, rows)
    yield Heading(1, "Exceptions")
    for listed in exception_lists(report):
        yield Heading(2, f"{listed.title}: {len(listed.rows)}")
        if listed.rows:
            rows = [(a.rag, exception_cells(report, a, why)) for a, why in listed.rows]
            yield ActionTable(EXCEPTION_COLUMNS, rows)
        else:
            yield Paragraph("None.")
    if report.slips is not None:
        yield Heading(1, SLIP_HEADING)
        ledger = slip_rows(report)
        yield Paragraph(slip_summary(ledger))
        if ledger:
            yield ActionTable(SLIP_COLUMNS, [(a.rag, cells) for a, cells in ledger])
