"""The slip ledger of a report: for each action whose deadline was revised, how many
times, by how many days in all, and each revision with its reason and approver.

The ledger itself is read from the history by the caller (``bvtui.trail.report_slips``:
reporting does not read history) and handed to :func:`~bvtui.reporting.pack.build_report`;
here it becomes rows every format prints the same way.
"""

from __future__ import annotations

from bvtui.model import Action, Slip, slip_totals
from bvtui.reporting.pack import Report, rag_word, ref_of

SLIP_COLUMNS: tuple[str, ...] = (
    "Ref",
    "Action",
    "Lead officer",
    "Revisions",
    "Days",
    "RAG",
    "Each revision",
)
"""The ledger's columns, the RAG at the same place as the other tables' (``RAG_COLUMN``)."""

SLIP_HEADING = "Deadline revisions (slip ledger)"


def _days(days: int | None) -> str:
    return "?" if days is None else f"{days:+d}"


def slip_text(slip: Slip) -> str:
    """One revision: ``2017-10-02 May-18 to Jul-18 (+61 days), reason: ..., approved by ...``."""
    reason = f"reason: {slip.reason}" if slip.reason else "no reason given"
    approver = f"approved by {slip.approver}" if slip.approver else "no approver"
    when = slip.when.date().isoformat()
    return f"{when} {slip.old} to {slip.new} ({_days(slip.days)} days), {reason}, {approver}"


def slip_rows(report: Report) -> list[tuple[Action, list[str]]]:
    """One row per action revised, in the report's order, as raw text."""
    ledger = report.slips or {}
    rows = []
    for action in report.actions:
        slips = ledger.get(action.ref)
        if not slips:
            continue
        count, days = slip_totals(slips)
        rows.append(
            (
                action,
                [
                    ref_of(report, action),
                    action.title,
                    ", ".join(action.officers),
                    str(count),
                    f"{days:+d}",
                    rag_word(action.rag),
                    "; ".join(slip_text(slip) for slip in slips),
                ],
            )
        )
    return rows


def slip_summary(rows: list[tuple[Action, list[str]]]) -> str:
    """``3 actions revised 5 times, +142 days in all`` (or that none was)."""
    if not rows:
        return "No deadline was revised."
    times = sum(int(cells[3]) for _action, cells in rows)
    days = sum(int(cells[4]) for _action, cells in rows)
    actions = f"{len(rows)} action{'s' if len(rows) != 1 else ''}"
    return f"{actions} revised {times} time{'s' if times != 1 else ''}, {days:+d} days in all"
