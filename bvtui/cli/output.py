"""Printing actions for people and for scripts: tabulate tables, csv and json.

tabulate is imported only for a table (it costs ~30 ms, importlib.metadata
included): ``--format json`` and ``csv`` never load it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from bvtui.core.diff import one_line, printable_block
from bvtui.core.model import Action
from bvtui.core.records import action_record, flags, rag_label, records_csv

OWN_FORMATS: tuple[str, ...] = ("json", "csv")
"""Formats written without tabulate; every other one is a tabulate format."""


def is_output_format(name: str) -> bool:
    """Whether ``name`` is json, csv or one of tabulate's formats."""
    if name in OWN_FORMATS:
        return True
    from tabulate import tabulate_formats

    return name in tabulate_formats


TABLE_HEADERS = ("ref", "title", "theme", "officers", "due", "status", "rag", "%", "!?")


def _cut(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def table_rows(actions: list[Action], as_of: date | None, wide: bool = False) -> list[list]:
    """The rows of the list table; text cut to fit a terminal unless ``wide``."""
    cut = (lambda text, _w: one_line(text)) if wide else _cut
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


def render_actions(
    actions: list[Action], fmt: str, as_of: date | None = None, wide: bool = False
) -> str:
    """``actions`` as a ``fmt`` document: json (every field), csv, or a tabulate table."""
    if fmt == "json":
        return json_text([action_record(action, as_of) for action in actions])
    if fmt == "csv":
        return records_csv(actions, as_of).rstrip("\n")
    from tabulate import tabulate

    return tabulate(table_rows(actions, as_of, wide), headers=TABLE_HEADERS, tablefmt=fmt)


def json_text(value: object) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, the same text, ~2x faster.

    The standard library's C encoder does not indent, and its pure-Python one spends
    ~50 ms on 2,000 records; this writes the plain values records hold (text, numbers,
    booleans, None, lists, text-keyed dicts) the same way and hands anything else,
    floats included, to ``json.dumps``.
    """
    out: list[str] = []
    _json_into(value, out, "\n")
    return "".join(out)


def _json_into(value: object, out: list[str], newline: str) -> None:
    """Append ``value``'s indented JSON to ``out``; ``newline`` is "\n" + its indent.

    Scalars are written through :data:`_SCALARS` looked up by exact type, inline:
    a call per value was a third of the time on 23,000 records.
    """
    scalars = _SCALARS
    encode = scalars.get(type(value))
    if encode is not None:
        out.append(encode(value))
    elif type(value) is list:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            encode = scalars.get(type(item))
            if encode is not None:
                out.append(separator + encode(item))
            else:
                out.append(separator)
                _json_into(item, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    elif type(value) is dict and value:
        start = len(out)
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:  # keys the standard encoder converts: its text
                del out[start:]
                _json_standard(value, out, newline)
                return
            encode = scalars.get(type(item))
            if encode is not None:
                out.append(f"{separator}{_encode_string(key)}: {encode(item)}")
            else:
                out.append(f"{separator}{_encode_string(key)}: ")
                _json_into(item, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    elif type(value) is dict:
        out.append("{}")
    else:  # floats, tuples: the standard encoder
        _json_standard(value, out, newline)


def _json_standard(value: object, out: list[str], newline: str) -> None:
    """Append ``json.dumps``' indented text of ``value``, indented from ``newline``."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    out.append(text.replace("\n", newline))


_encode_string = json.encoder.encode_basestring  # type: ignore[attr-defined]

_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _encode_string,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _value: "null",
}
"""How each scalar type is written, by exact type (a bool is not taken for an int)."""


def render_action(action: Action, as_of: date | None = None) -> str:
    """One action for reading: every field, the derived ones, then its updates."""
    from tabulate import tabulate

    record = action_record(action, as_of)
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
        ("status", f"{action.status} ({rag_label(action.rag)})"),
        ("progress", "" if action.progress is None else f"{action.progress}%"),
        ("overdue", "yes" if record["overdue"] else "no"),
        ("status check", record["status_check"] or "ok"),
    ]
    rows.extend((name, value) for name, value in action.extra.items())
    lines = [tabulate([(k, one_line(v)) for k, v in rows], tablefmt="plain")]
    for update in action.updates:
        heading = " · ".join(part for part in (update.period, update.date, update.author) if part)
        lines.append(f"\n── {one_line(heading)}")
        lines.append(printable_block(update.text))
    return "\n".join(lines)
