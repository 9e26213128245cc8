"""The store's canonical YAML text, written without ruamel.yaml.

:func:`canonical_text` gives, byte for byte, the text that
:func:`bvtui.store.yaml_io.render_mapping` writes for a *new* file, for the values a
store file usually holds: one-line text, text with line breaks (literal blocks),
lists of names, updates, ``extra`` columns, whole numbers, dates and nulls. For
anything else (a tab, a control character, a name that needs escapes, a nested list,
a float, a line longer than ruamel would keep on one line...) it returns None and the
caller uses ruamel. The tests compare it with ruamel on every seed file and on
generated values (``tests/core/test_canonical.py``).

A save uses it when the file on disk is exactly the canonical text of what it holds
(every file bvtui created and saved since): ruamel's round trip of such a file gives
the canonical text of the new values, so the same bytes are written without loading
ruamel (a large part of a ``bvtui set``). The style rules below are ruamel's emitter
(``Emitter.analyze_scalar`` and ``choose_scalar_style``, YAML 1.2, ``allow_unicode``)
and :func:`bvtui.store.yaml_io.styled`, restricted to the cases listed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from bvtui.store.yaml_io import _guess_indent, _literal_ok

_WIDTH = 4000
"""Longer lines are left to ruamel, which folds plain and quoted text past 4096 columns."""

# Characters ruamel writes as they are with allow_unicode (no escape, no special case);
# no tab, no control character, no BOM, no YAML 1.1 line break (\x85 \u2028 \u2029).
# Compiled only for text that str.isprintable() refuses (a subset of it).
_SAFE = "[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"


def _safe(text: str) -> bool:
    """Whether ruamel writes every character of ``text`` as it is."""
    if text.replace("\n", " ").isprintable():
        return True
    return _compiled(_SAFE, 0).fullmatch(text) is not None


@cache
def _compiled(pattern: str, flags: int = re.X) -> re.Pattern[str]:
    """Patterns compiled on first use: a save needs few of them."""
    return re.compile(pattern, flags)


# YAML 1.2 implicit types (ruamel.yaml.resolver, the 1.2 entries), each tried only for
# the first characters listed with it, as the resolver does: a plain scalar matching
# one is not read as text, so text like it is quoted (``'1.10'``, ``'true'``).
_BOOL = r"true|True|TRUE|false|False|FALSE"
_FLOAT = r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)"""
_INT = r"""[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+"""
_NULL = r"~|null|Null|NULL"
_TIMESTAMP = r"""[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]\ -[0-9][0-9]?\ -[0-9][0-9]?
     (?:[Tt]|[\ \t]+)[0-9][0-9]?
     :[0-9][0-9]\ :[0-9][0-9]\ (?:\.[0-9]*)?
     (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"""
_RESOLVERS = (
    ("tTfF", _BOOL),
    ("-+0123456789.", _FLOAT),
    ("-+0123456789", _INT),
    ("<", "<<"),
    ("~nN", _NULL),
    ("0123456789", _TIMESTAMP),
    ("=", "="),
    ("!&*", r"!|&|\*"),
)
_NUMBERISH = frozenset("0123456789+-._:eEoxbabcdefABCDEFinfINFNaTtZ \t")
"""Every character a float, an int or a timestamp can hold."""


_DIGITS = frozenset("0123456789_")


def reads_as_text(plain: str) -> bool:
    """Whether ruamel reads non-empty ``plain``, written unquoted, back as text."""
    first = plain[0]
    if first in "-+0123456789.":
        if not _NUMBERISH.issuperset(plain):
            return True  # not a number nor a date: spares compiling those patterns
        body = plain[1:] if first in "-+" else plain
        if body and _DIGITS.issuperset(body.replace(".", "", 1)) and body[0] in "0123456789":
            return False  # 12, 1.10 (an id): an int or a float, without compiling them
    return not any(
        first in chars and _compiled(pattern).fullmatch(plain) for chars, pattern in _RESOLVERS
    )


# As in yaml_io: names written plain inside ``[a, b]``; others double-quoted.
_FLOW_SAFE = re.compile(r"^[\w(][\w .()'/&+@-]*(?<! )$")
_NULLS = frozenset({"~", "null", "Null", "NULL"})


class _Unsupported(Exception):
    """A value outside the subset written here: ruamel writes the file."""


_NEW = object()
"""No old value: the node is written fresh (a new file, a new key, a new list)."""

_EMPTY: tuple[Any, ...] = (None, "", [], {})


def canonical_text(
    data: dict[str, Any], order: tuple[str, ...], before: dict[str, Any] | None = None
) -> str | None:
    """What ``render_mapping(None, data, order)`` returns, or None when ``data`` holds
    a value this module does not write (ruamel must then write the file).

    With ``before``: what ``render_mapping(old, data, order)`` returns when ``old`` is
    ``canonical_text(before, order)``. That is the canonical text of ``data`` but for
    ruamel's round-trip rules: a changed text keeps the quotes of the old one (ruamel's
    ``CommentedMap.__setitem__``), kept keys keep their place, and a key the file did
    not have is added only when it has a value.
    """
    lines: list[str] = []
    try:
        for key in _key_order(data, order, before):
            old = _NEW if before is None else before.get(key, _NEW)
            _entry(lines, 0, _key(key), data[key], old)
    except _Unsupported:
        return None
    if any(len(line) > _WIDTH for line in lines):
        return None
    lines.append("")
    return "\n".join(lines)


def canonical_edit(
    old_text: str | None,
    before: dict[str, Any] | None,
    data: dict[str, Any],
    order: tuple[str, ...],
) -> str | None:
    """``render_mapping(old_text, data, order)`` computed without ruamel, or None.

    For a new file (``old_text`` None), or for a file whose text is exactly
    ``canonical_text(before, order)`` and whose indentation ruamel guesses as the one it
    writes new files with (``before`` is what the file holds, e.g. as the store reads
    it; any other text returns None: hand-written files, comments, other quotes...).
    """
    if old_text is None:
        return canonical_text(data, order)
    if before is None or _guess_indent(old_text) != (2, 2, 0):
        return None
    if canonical_text(before, order) != old_text:
        return None
    return canonical_text(data, order, before)


def _key_order(
    data: dict[str, Any], order: tuple[str, ...], before: dict[str, Any] | None
) -> list[str]:
    """Keys as render_mapping places them: the old file's, less those gone, then each
    new one after the last key that precedes it in ``order`` (``yaml_io._insert_at``)."""
    placed = [] if before is None else [k for k in _key_order(before, order, None) if k in data]
    for key in data:
        if before is not None and (key in before or data[key] in _EMPTY):
            continue
        if key not in order:
            placed.append(key)
            continue
        rank = order.index(key)
        position = 0
        for index, existing in enumerate(placed):
            if existing in order and order.index(existing) < rank:
                position = index + 1
        placed.insert(position, key)
    return placed


def _key(key: Any) -> str:
    """A mapping key: only one ruamel writes plain (a simple key, read back as text)."""
    if not isinstance(key, str) or not key or len(key) > 100 or not _safe(key):
        raise _Unsupported
    if "\n" in key:
        raise _Unsupported
    block_plain, _flow_plain = _plain_allowed(key)
    if not block_plain or not reads_as_text(key):
        raise _Unsupported
    return key


def _entry(lines: list[str], indent: int, key: str, value: Any, old: Any = _NEW) -> None:
    """``key: value`` at ``indent``, collections on the lines after; ``old``, the value
    the file held (written canonically), decides what ruamel keeps of its node."""
    head = f"{' ' * indent}{key}:"
    if old is not _NEW and _as_read(old) == _as_read(value):
        value, old = old, _NEW  # ruamel keeps an unchanged node: the old value as written
    if isinstance(value, dict):
        if not value:
            lines.append(f"{head} {{}}")
            return
        lines.append(head)
        if isinstance(old, dict):  # merged: kept keys in their old place, new ones after
            keys = [k for k in old if k in value] + [k for k in value if k not in old]
            for sub in keys:
                _entry(lines, indent + 2, _key(sub), value[sub], old.get(sub, _NEW))
            return
        for sub, item in value.items():
            _entry(lines, indent + 2, _key(sub), item)
        return
    if isinstance(value, list):
        if isinstance(old, list) and _as_read(old) == value[: len(old)]:
            _extended(lines, indent, head, old, value[len(old) :])
        else:
            _sequence(lines, indent, head, value)
        return
    if isinstance(value, str) and "\n" not in value and isinstance(old, str):
        style = _style(old)
        if style:  # the old node's quotes stay (ruamel's CommentedMap.__setitem__)
            lines.append(f"{head} {_restyled(value, style)}")
            return
    _scalar_entry(lines, indent, head, value)


def _scalar_entry(lines: list[str], indent: int, head: str, value: Any) -> None:
    if value is None:
        lines.append(head)
    elif isinstance(value, str) and "\n" in value:
        _literal(lines, indent + 2, head, value)
    else:
        lines.append(f"{head} {_scalar(value)}")


def _sequence(lines: list[str], indent: int, head: str, items: list[Any]) -> None:
    """A new list: names inline (``yaml_io.styled``), mappings as a block sequence."""
    if not items:
        lines.append(f"{head} []")
    elif all(isinstance(item, str) and "\n" not in item for item in items):
        lines.append(f"{head} [{', '.join(_flow_item(item) for item in items)}]")
    elif all(isinstance(item, dict) and item for item in items):
        _block_sequence(lines, indent, head, items)
    else:
        raise _Unsupported


def _extended(lines: list[str], indent: int, head: str, old: list[Any], added: list[Any]) -> None:
    """A list the new value only appends to: ruamel keeps the old node, its items and
    its style, and styles each added item alone. An empty ``[]`` read back is a block
    sequence once it has items."""
    if not old:
        _block_sequence(lines, indent, head, added)
    elif all(isinstance(item, str) and "\n" not in item for item in old):
        if not all(isinstance(item, str) and "\n" not in item for item in added):
            raise _Unsupported
        written = [_flow_item(item) for item in old] + [_flow_scalar(item) for item in added]
        lines.append(f"{head} [{', '.join(written)}]")
    elif all(isinstance(item, dict) and item for item in old):
        _block_sequence(lines, indent, head, [*old, *added])
    else:
        raise _Unsupported


def _block_sequence(lines: list[str], indent: int, head: str, items: list[Any]) -> None:
    """``- item`` lines at ruamel's offset 0, for a top-level key only: one-line
    texts, or mappings of scalars (``- key: value`` then ``  key: value``)."""
    if indent != 0:
        raise _Unsupported
    lines.append(head)
    for item in items:
        if isinstance(item, dict) and item:
            first = len(lines)
            for sub, value in item.items():
                if isinstance(value, list | dict):
                    raise _Unsupported
                _scalar_entry(lines, 2, f"  {_key(sub)}:", value)
            lines[first] = "-" + lines[first][1:]
        elif isinstance(item, str) and item and "\n" not in item:
            lines.append(f"- {_scalar(item)}")
        else:
            raise _Unsupported


def _as_read(value: Any) -> Any:
    """``value`` as ``yaml_io._plain`` gives the node ruamel reads back for it: dates
    (and anything not plain data) as text."""
    if isinstance(value, dict):
        return {str(k): _as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_read(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _scalar(value: Any) -> str:
    """A one-line scalar in block context (a mapping value)."""
    if isinstance(value, bool | datetime):
        raise _Unsupported
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise _Unsupported
    if not value:
        return "''"
    return _text(value, flow=False)


def _style(text: str) -> str:
    """The style a text is written in here: "" plain, ``'``, ``"``, or ``|`` (literal)."""
    if "\n" in text:
        return "|"
    written = _scalar(text)
    return "" if written == text else written[0]


def _restyled(text: str, style: str) -> str:
    """One-line ``text`` in the quotes ``style`` an old node had, as ruamel writes it."""
    if not text or not _safe(text) or style == "|":
        raise _Unsupported  # a literal holding one line, an empty one: left to ruamel
    if style == '"':
        return _double_quoted(text)
    return "'" + text.replace("'", "''") + "'"


def _flow_item(text: str) -> str:
    """A name inside ``[a, b]``: plain when yaml_io's ``_flow_item`` leaves it plain and
    the emitter agrees, else quoted."""
    if not text or not _safe(text):
        raise _Unsupported
    if not (_FLOW_SAFE.match(text) and text.lower() not in _NULLS):
        return _double_quoted(text)  # yaml_io asks for double quotes
    return _flow_scalar(text)


def _flow_scalar(text: str) -> str:
    """An item ``yaml_io.styled`` leaves as plain text, inside ``[a, b]``."""
    if not text:
        raise _Unsupported
    return _text(text, flow=True)


def _text(text: str, *, flow: bool) -> str:
    """Non-empty ``text`` plain where the emitter allows it (in flow or block context)
    and it reads back as text, else quoted."""
    if not _safe(text):
        raise _Unsupported
    block_plain, flow_plain = _plain_allowed(text)
    if (flow_plain if flow else block_plain) and reads_as_text(text):
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    """The emitter's choice when plain is not possible: double quotes for text holding
    a single quote, else single quotes."""
    if "'" in text:
        return _double_quoted(text)
    return f"'{text}'"


def _double_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _literal(lines: list[str], indent: int, head: str, text: str) -> None:
    """Text with line breaks, as yaml_io's ``styled`` and ruamel's literal writer do it."""
    if not _safe(text) or not _literal_ok(text):
        raise _Unsupported
    if not text.endswith("\n"):
        chomp = "-"
    elif len(text) == 1 or text[-2] == "\n":
        raise _Unsupported  # keep (|+): trailing blank lines, left to ruamel
    else:
        chomp = ""
    lines.append(f"{head} |{chomp}")
    pad = " " * indent
    for line in text.removesuffix("\n").split("\n"):
        lines.append(f"{pad}{line}" if line else "")


def _plain_allowed(text: str) -> tuple[bool, bool]:
    """Whether ruamel's emitter may write one-line ``text`` plain in block and in flow
    context (``Emitter.analyze_scalar`` for YAML 1.2, without the line-break cases)."""
    if text[0] == " " or text[-1] == " ":
        return False, False
    block = flow = True
    if text.startswith(("---", "...")):
        return False, False
    first = text[0]
    followed = len(text) == 1 or text[1] == " "
    if first in "#,[]{}&*!|>'\"%@`":
        return False, False
    if first in "?:":
        if len(text) == 1:
            flow = False
        if followed:
            block = flow = False
    if first == "-" and followed:
        return False, False
    rest = text[1:]
    if any(ch in rest for ch in ",[]{}"):
        flow = False
    if ": " in text or (text.endswith(":") and len(text) > 1) or " #" in text:
        return False, False
    return block, flow
