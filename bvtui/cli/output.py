"""Printing actions for people and for scripts: tabulate tables, csv and json.

tabulate is imported only for a table: ``--format json`` and ``csv`` never load it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from typing import Any, TextIO

from bvtui.model import Action, decisions_of, json_inert, one_line, printable_block
from bvtui.reporting import action_record, flags, rag_label, records_csv

_JSON_BATCH = 256
"""Records of a json listing joined into one write."""

OWN_FORMATS: tuple[str, ...] = ("json", "csv")
"""Formats written without tabulate; every other one is a tabulate format."""


def is_output_format(name: str) -> bool:
    """Whether ``name`` is json, csv or one of tabulate's formats."""
    if name in OWN_FORMATS:
        return True
    from tabulate import tabulate_formats

    return name in tabulate_formats


TABLE_HEADERS = ("ref", "title", "theme", "officers", "due", "status", "rag", "%", "!?")


def cut_cell(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def table_rows(actions: list[Action], as_of: date | None, wide: bool = False) -> list[list]:
    """The rows of the list table; text cut to fit a terminal unless ``wide``."""
    cut = (lambda text, _w: one_line(text)) if wide else cut_cell
    rows = []
    for action in actions:
        due = action.due
        rows.append(
            [
                action.ref,
                cut(action.title, 48),
                cut(action.theme, 18),
                cut(", ".join(action.officers), 24),
                due.isoformat() if due else cut(action.deadline, 10),
                cut(action.status, 20),
                rag_label(action.rag),
                "" if action.progress is None else action.progress,
                flags(action, as_of),
            ]
        )
    return rows


def write_actions(
    actions: list[Action], fmt: str, out: TextIO, as_of: date | None = None, wide: bool = False
) -> None:
    """Write ``actions`` to ``out`` as a ``fmt`` document, ending with a newline: json
    (every field), csv, or a tabulate table. json is written a few hundred records at a
    time, each record built, encoded and let go in turn: the document is never held
    whole (23 MB at 100,000 actions; bench/README.md), nor its records, and ``out`` is
    written in pieces, not one call per line (an unbuffered stream makes each call a
    system call)."""
    if fmt == "json":
        lines = json_lines(action_record(action, as_of) for action in actions)
        while piece := "".join(islice(lines, _JSON_BATCH)):
            out.write(piece)
    elif fmt == "csv":
        out.write(records_csv(actions, as_of))
    else:
        from tabulate import tabulate

        rows = table_rows(actions, as_of, wide)
        out.write(tabulate(rows, headers=TABLE_HEADERS, tablefmt=fmt) + "\n")


def json_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """``records`` as a JSON array with one record per line, as ``task export`` writes,
    in pieces ending with a newline, each record encoded as it comes.

    Each record is one call of the standard library's C encoder (it does not indent:
    ``indent=2`` falls back to its slower pure-Python encoder).
    One record a line also suits ``grep`` and line-based tools; ``jq`` pretty-prints.
    """
    encoded = map(_record_encoder(), records)
    line = next(encoded, None)
    if line is None:
        yield "[]\n"
        return
    yield "[\n"
    for following in encoded:
        yield line + ",\n"
        line = following
    yield line + "\n"
    yield "]\n"


def json_dumps(data: Any) -> str:
    """``data`` as indented JSON for one record or a short listing, inert for a terminal
    (DEL, C1 and the Unicode line separators written as ``\\u`` escapes)."""
    return json_inert(json.dumps(data, indent=2, ensure_ascii=False))


def json_text(records: list[dict[str, Any]]) -> str:
    """:func:`json_lines` as one text, without the final newline."""
    return "".join(json_lines(records)).removesuffix("\n")


def _record_encoder() -> Callable[[Any], str]:
    """``json.dumps(record, ensure_ascii=False)`` for many records, made inert for a
    terminal (:func:`bvtui.model.inert.json_inert`), with one encoder made for them all.

    A record is plain data read from YAML, whose aliases the store refuses, so it holds
    no cycle: the encoder does not keep the id of every list and dict it enters to look
    for one."""
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    return lambda record: json_inert(encode(record))


def render_action(action: Action, as_of: date | None = None) -> str:
    """One action for reading: every field, the derived ones, its updates, then the
    meetings' decisions."""
    from tabulate import tabulate

    record = action_record(action, as_of)
    completion = f", {action.completion}" if action.completion else ""
    rows = [
        ("ref", action.ref),
        ("title", action.title),
        ("plan", action.plan.title or action.plan.slug),
        ("theme", action.theme),
        ("objective", action.objective),
        ("officers", ", ".join(action.officers)),
        ("deadline", action.deadline),
        ("revised deadline", action.revised_deadline),
        ("due", record["due"] or "no due date"),
        ("status", f"{action.status} ({rag_label(action.rag)}{completion})"),
        ("progress", "" if action.progress is None else f"{action.progress}%"),
        ("overdue", "yes" if record["overdue"] else "no"),
        ("status check", record["status_check"] or "ok"),
    ]
    rows.extend(
        ("evidence", f"{item.file} ({item.added}, blob {item.blob[:10]})")
        for item in action.evidence
    )
    rows.extend((name, value) for name, value in action.extra.items())
    lines = [tabulate([(k, one_line(v)) for k, v in rows], tablefmt="plain")]
    for update in action.updates:
        heading = " · ".join(part for part in (update.period, update.date, update.author) if part)
        lines.append(f"\n── {one_line(heading)}")
        lines.append(printable_block(update.text))
    for decision in decisions_of(action):
        lines.append(f"\n── decision · {one_line(decision.meeting)} · {one_line(decision.day)}")
        lines.append(one_line(decision.text))
    return "\n".join(lines)


def progress_line(stream: TextIO) -> Callable[[int, int], None] | None:
    """A load's progress as one line of ``stream``, rewritten in place
    (``bvtui: reading 10,000 plan files... 45%``), when it is a terminal; None when it
    is not (a pipe, a file): a script reading the output sees nothing of it."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "done\n" if done >= total else f"{done * 100 // total}%"
        stream.write(f"\rbvtui: reading {total:,} plan files... {end}")
        stream.flush()

    return show


class RemoteProgressLine:
    """A fetch's or push's progress as one line of a terminal, rewritten in place
    (``bvtui: sync: receiving objects... 45% (9/20)``) and wiped by :meth:`close`, so
    the sync's own line is all that stays on the screen."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = ""

    def __call__(self, stage: str, count: int, total: int | None) -> None:
        if total:
            text = f"bvtui: sync: {stage}... {count * 100 // total}% ({count:,}/{total:,})"
        else:
            text = f"bvtui: sync: {stage}... {count:,}"
        if text == self.shown:
            return
        pad = " " * max(0, len(self.shown) - len(text))
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()
        self.shown = text

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * len(self.shown) + "\r")
            self.stream.flush()
            self.shown = ""


def remote_progress_line(stream: TextIO) -> RemoteProgressLine | None:
    """:class:`RemoteProgressLine` on ``stream`` when it is a terminal; None when it is
    not (a pipe, a file): a script reading the output sees nothing of it."""
    return RemoteProgressLine(stream) if stream.isatty() else None
