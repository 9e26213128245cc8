"""A committee report as plain text (tabulate "simple") or Markdown (GitHub pipe tables).

The order is the 2017-18 report's: the stamp, the summary by theme x RAG and theme x
status, the delivery plan per theme and objective, the exception lists, then the slip
ledger. User
text is printed as text: control characters are made visible (never sent to the
terminal), and in Markdown the characters that would start a table cell or an HTML
tag are escaped. A cell shows at most :data:`bvtui.model.inert.CELL_LIMIT` characters
of one field, so no field can make a report huge.
"""

from __future__ import annotations

from collections.abc import Callable

from tabulate import tabulate

from bvtui.model import cut, markdown_text, one_line
from bvtui.reporting.pack import (
    ACTION_COLUMNS,
    EXCEPTION_COLUMNS,
    Report,
    action_cells,
    exception_cells,
    exception_lists,
    rag_summary,
    rag_word,
    status_summary,
)
from bvtui.reporting.slips import SLIP_COLUMNS, SLIP_HEADING, slip_rows, slip_summary

_TEXT_WIDTHS = {
    "Action": 44,
    "Latest update": 50,
    "Why": 50,
    "Lead officer": 22,
    "Each revision": 60,
}
"""Columns wrapped in the text format, so a table fits a printed page."""


def render_text(report: Report) -> str:
    """The report as plain text, tables in tabulate's "simple" format."""
    return _render(report, _TextStyle())


def render_markdown(report: Report) -> str:
    """The report as Markdown: headings and GitHub pipe tables."""
    return _render(report, _MarkdownStyle())


class _TextStyle:
    def heading(self, level: int, text: str) -> str:
        text = self.cell(text)
        if level == 1:
            return f"{text}\n{'=' * len(text)}"
        if level == 2:
            return f"{text.upper()}\n{'-' * len(text)}"
        rule = "===" if level == 3 else "---"
        return f"{rule} {text} {rule}"

    def cell(self, text: str) -> str:
        return cut(one_line(text))

    def table(self, headers: list[str], rows: list[list[str]]) -> str:
        widths = [_TEXT_WIDTHS.get(header) for header in headers]
        return tabulate(
            [[self.cell(c) for c in row] for row in rows],
            headers=[self.cell(h) for h in headers],
            tablefmt="simple",
            maxcolwidths=widths,
            disable_numparse=True,
        )

    def stamp(self, pairs: list[tuple[str, str]]) -> str:
        return tabulate([(f"{k}:", self.cell(v)) for k, v in pairs], tablefmt="plain")


class _MarkdownStyle(_TextStyle):
    def heading(self, level: int, text: str) -> str:
        return f"{'#' * level} {self.cell(text)}"

    def cell(self, text: str) -> str:
        return markdown_text(text)

    def table(self, headers: list[str], rows: list[list[str]]) -> str:
        return tabulate(
            [[self.cell(c) for c in row] for row in rows],
            headers=[self.cell(h) for h in headers],
            tablefmt="github",
            disable_numparse=True,
        )

    def stamp(self, pairs: list[tuple[str, str]]) -> str:
        return "\n".join(f"- **{k}:** {self.cell(v)}" for k, v in pairs)


def _render(report: Report, style: _TextStyle) -> str:
    blocks: list[str] = [style.heading(1, report.title)]
    if report.organisation:
        blocks.append(style.cell(report.organisation))
    blocks.append(style.stamp(report.stamp.lines()))
    blocks.append(style.heading(2, "Overall status by theme"))
    blocks.append(style.table(*rag_summary(report)))
    blocks.append(style.heading(2, "Status by theme"))
    blocks.append(style.table(*status_summary(report)))
    blocks.append(style.heading(2, "Delivery plan"))
    if not report.themes:
        blocks.append("No actions match.")
    for section in report.themes:
        counts = section.counts
        summary = ", ".join(
            f"{counts.counts[rag]} {rag_word(rag).lower()}"
            for rag in counts.counts
            if counts.counts[rag]
        )
        blocks.append(style.heading(3, f"{section.name}: {counts.total} actions ({summary})"))
        for objective in section.objectives:
            blocks.append(style.heading(4, objective.name))
            rows = [action_cells(report, action) for action in objective.actions]
            blocks.append(style.table(list(ACTION_COLUMNS), rows))
    blocks.append(style.heading(2, "Exceptions"))
    for listed in exception_lists(report):
        blocks.append(style.heading(3, f"{listed.title}: {len(listed.rows)}"))
        if listed.rows:
            rows = [exception_cells(report, action, why) for action, why in listed.rows]
            blocks.append(style.table(list(EXCEPTION_COLUMNS), rows))
        else:
            blocks.append("None.")
    if report.slips is not None:
        blocks.append(style.heading(2, SLIP_HEADING))
        ledger = slip_rows(report)
        blocks.append(slip_summary(ledger))
        if ledger:
            blocks.append(style.table(list(SLIP_COLUMNS), [cells for _a, cells in ledger]))
    return "\n\n".join(blocks) + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {"text": render_text, "md": render_markdown}
