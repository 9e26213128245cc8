"""The RAG colour of the status words councils write, and the keys that define them.

A plan's statuses get their colour at import (written to ``statuses:`` in
``plan.yaml``, where the user can change it). Councils write a status as a letter
(``G``, ``B`` in a BRAG column), a colour name (``Blue``, ``Amber/Green``), an audit
word (``Implemented``, ``Partially implemented``), a risk word (``Under control``) or a
phrase (``Completed - awaiting sign off``, ``Behind schedule``). :func:`rag_of` reads
them all; a key row in the file ("B = Complete; G = On track; A = ...") wins over the
defaults. A word it cannot place stays grey and is reported (see
:func:`unknown_statuses`).
"""

from __future__ import annotations

import re

from bvtui.model import default_rag

_LETTERS = {"r": "red", "a": "amber", "g": "green", "b": "blue", "c": "blue", "n": "grey"}

_COLOURS = {
    "red": "red",
    "amber": "amber",
    "yellow": "amber",
    "orange": "amber",
    "green": "green",
    "blue": "blue",
    "purple": "blue",
    "grey": "grey",
    "gray": "grey",
    "white": "grey",
}

_WORDS = {
    "implemented": "blue",
    "fully implemented": "blue",
    "achieved": "blue",
    "fully achieved": "blue",
    "met": "blue",
    "finished": "blue",
    "signed off": "blue",
    "complete - awaiting sign off": "blue",
    "completed - awaiting sign off": "blue",
    "partially implemented": "amber",
    "partially achieved": "amber",
    "partly implemented": "amber",
    "behind schedule": "amber",
    "some slippage": "amber",
    "minor slippage": "amber",
    "at risk of delay": "amber",
    "on schedule": "green",
    "on course": "green",
    "ahead of schedule": "green",
    "progressing": "green",
    "started": "green",
    "under control": "green",
    "controlled": "green",
    "managed": "green",
    "not implemented": "red",
    "not achieved": "red",
    "significant slippage": "red",
    "major slippage": "red",
    "not on track": "red",
    "off schedule": "red",
    "not yet started": "grey",
    "not yet due": "grey",
    "not due": "grey",
    "no longer required": "grey",
    "on hold": "grey",
    "deferred": "grey",
    "pending": "grey",
    "n/a": "grey",
}
"""Words of audit trackers, delivery plans and risk registers beyond the model's defaults."""

_KNOWN_GREY = {"", "not started", "cancelled", "canceled", "unassigned", "assigned"}
_KNOWN_GREY |= {"withdrawn", "superseded", "grey", "gray"}

# Phrases whose first words decide ("Completed - awaiting sign off", "Delayed: see note").
_PREFIXES = (
    ("complete", "blue"),
    ("implemented", "blue"),
    ("achieved", "blue"),
    ("delivered", "blue"),
    ("closed", "blue"),
    ("on track", "green"),
    ("on target", "green"),
    ("in progress", "green"),
    ("ongoing", "green"),
    ("on-going", "green"),
    ("delayed", "amber"),
    ("behind", "amber"),
    ("slipp", "amber"),
    ("at risk", "amber"),
    ("partial", "amber"),
    ("overdue", "red"),
    ("off track", "red"),
    ("off-track", "red"),
    ("not started", "grey"),
    ("not yet", "grey"),
)

_KEY_PIECE = re.compile(
    r"^(?:key\s*[:-]?\s*)?(?P<code>[a-z]{1,2}|red|amber|green|blue|grey|gray|purple|yellow)"
    r"\s*[=:–-]\s*(?P<meaning>\S.*)$",
    re.IGNORECASE,
)


def _key(word: str) -> str:
    return " ".join(word.replace("–", "-").replace("—", "-").split()).casefold()


def rag_of(word: str, key: dict[str, str] | None = None) -> str:
    """The RAG colour of a status word: the file's key, then the defaults, else grey."""
    text = _key(word)
    if key and text in key:
        return key[text]
    return known_rag(text) or "grey"


def known_rag(word: str) -> str | None:
    """The colour a status word names or implies; None when it is not a word we know."""
    text = _key(word)
    if default_rag(text) != "grey" or text in _KNOWN_GREY:
        return default_rag(text)
    if text in _LETTERS:
        return _LETTERS[text]
    if text in _COLOURS:
        return _COLOURS[text]
    if text in _WORDS:
        return _WORDS[text]
    # "Amber/Green", "Green - on track", "G/A": the first colour named.
    first = re.split(r"[\s/(),:-]+", text)[0]
    if first in _COLOURS:
        return _COLOURS[first]
    if re.fullmatch(r"[rag]\s*/\s*[rag]", text):
        return _LETTERS[first]
    for prefix, rag in _PREFIXES:
        if text.startswith(prefix):
            return rag
    return None


def key_row(text: str, pairs: int = 2) -> dict[str, str] | None:
    """A status key written in the file ("B = Complete; G = On track; A = At risk").

    Returns:
        Each code (casefolded) -> its RAG colour, from the colour the code names
        ("Green = ...") or the meaning's ("B = Complete"); None when the text is not a
        key (fewer than ``pairs`` ``code = meaning`` pairs, or a meaning we cannot
        place). A key table gives one pair a row (``pairs=1``).
    """
    pieces = [piece.strip() for piece in re.split(r"[;,\n\t]|\s{2,}", text) if piece.strip()]
    matches = [_KEY_PIECE.match(piece) for piece in pieces]
    if len(matches) < pairs or not all(matches):
        return None
    found = [(match["code"], match["meaning"]) for match in matches if match]
    key: dict[str, str] = {}
    for code, meaning in found:
        rag = _COLOURS.get(code.casefold()) or known_rag(meaning)
        if rag is None:
            return None
        key[code.casefold()] = rag
        key[_key(meaning)] = rag
    return key


def unknown_statuses(used: list[str], key: dict[str, str] | None = None) -> list[tuple[str, int]]:
    """Status words used that no default or key places, with how many actions use each."""
    counts: dict[str, int] = {}
    for word in used:
        text = " ".join(word.split())
        if not text or (key and _key(text) in key) or known_rag(text) is not None:
            continue
        counts[text] = counts.get(text, 0) + 1
    return list(counts.items())
