"""The bench's result: one :class:`Row` per figure, and the table they print as."""

from __future__ import annotations

from dataclasses import dataclass

from tabulate import tabulate


@dataclass
class Row:
    """One line of the result table; times in seconds, None where not measured."""

    what: str
    ours: float | None
    peer: float | None = None
    peer_name: str = ""
    target: str = "-"
    ok: bool | None = None
    note: str = ""
    unit: str = "s"
    """"s" (times, shown in ms or s) or "MB"."""


def fmt_time(seconds: float | None, note: str = "", unit: str = "s") -> str:
    if seconds is None:
        return note or "-"
    if unit != "s":
        return f"{seconds:.0f} {unit}"
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def table(rows: list[Row]) -> str:
    lines = []
    for row in rows:
        ratio = f"{row.ours / row.peer:.1f}x" if row.ours and row.peer else "-"
        peer = fmt_time(row.peer, "not installed" if row.peer_name else "-", row.unit)
        if row.peer_name:
            peer = f"{peer} ({row.peer_name})"
        verdict = "" if row.ok is None else (" ok" if row.ok else " MISS")
        ours = fmt_time(row.ours, row.note, row.unit)
        if row.ours is not None and row.note:
            ours = f"{ours} ({row.note})"
        lines.append([row.what, ours, peer, ratio, row.target + verdict])
    return tabulate(lines, headers=["what", "bvtui", "floor/peer", "ratio", "target"])
