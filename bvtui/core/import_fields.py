"""Reading single values of an imported plan: officers, progress, statuses, themes, ids.

Each function here turns the text a council wrote into the model's value, or says why
it cannot (a ``ValueError`` whose message becomes an import problem). They hold the
importer's value-level heuristics, each documented where it lives.
"""

from __future__ import annotations

import re
from collections import Counter

from bvtui.core.model import RESERVED_IDS, default_rag
from bvtui.core.ref import ID_PATTERN

_DISPLAY_ORDER = {"blue": 0, "green": 1, "amber": 2, "red": 3, "grey": 4}
"""The order a plan's statuses are listed in: complete first, unknown last."""

_ALWAYS_SPLIT = re.compile(r"\s*[/;]\s*")
_NAME_LIST_SPLIT = re.compile(r"\s*[,&]\s*")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")


def split_officers(text: str) -> list[str]:
    """The officers named in a lead cell, in order, each once, whitespace normalised.

    ``/`` and ``;`` always separate people ("Will Tuckley/Louise Stamp", "Amanda
    Harcus; Debbie Jones"). ``,`` and ``&`` separate them only when every piece looks
    like a name (capitalised words, no "of"/"and"), so that a role such as "Director
    of Development, Enterprise and Communities" stays one officer.
    """
    officers: list[str] = []
    for part in _ALWAYS_SPLIT.split(" ".join(text.split())):
        pieces = _NAME_LIST_SPLIT.split(part)
        if len(pieces) > 1 and not all(_looks_like_name(piece) for piece in pieces):
            pieces = [part]
        for piece in pieces:
            if piece and piece not in officers:
                officers.append(piece)
    return officers


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(_NAME_WORD.match(word) for word in words)


def officer_aliases(names: list[str]) -> dict[str, str]:
    """Short names that can only mean one full name in the plan ("Andreas" -> ...).

    A name is an alias when it is the word-prefix of exactly one longer name used in
    the same plan ("Kelly" of "Kelly Powell"); a prefix of two different names
    ("Steve" of "Steve Hill" and "Steve Jones") is ambiguous and left alone.
    """
    distinct = list(dict.fromkeys(names))
    aliases: dict[str, str] = {}
    for short in distinct:
        longer = [name for name in distinct if name.startswith(short + " ")]
        if len(longer) == 1:
            aliases[short] = longer[0]
    return dict(sorted(aliases.items()))


_PROGRESS = re.compile(r"^(\d{1,3}(?:\.\d+)?)\s*%?$")
_NO_PROGRESS = frozenset({"", "-", "–", "—", "n/a", "na", "tbc", "nil"})


def parse_progress(text: str) -> int | None:
    """A progress cell as a whole percentage 0-100; None when the cell gives none.

    Blank, "-", "N/A" and "TBC" mean no figure was reported. "63%", "63" and "62.5%"
    (rounded) are read; anything else raises.

    Raises:
        ValueError: The text is not a number 0-100.
    """
    cleaned = " ".join(text.split())
    if cleaned.lower() in _NO_PROGRESS:
        return None
    match = _PROGRESS.match(cleaned)
    if match and 0 < float(match.group(1)) < 1 and "%" not in cleaned:
        # 0.5 from a spreadsheet cell without a % format: 50% or 0.5%? Not guessed.
        raise ValueError(f"progress '{cleaned}' is a fraction: write it as 50 or 50%")
    value = round(float(match.group(1))) if match else None
    if value is None or value > 100:
        raise ValueError(f"progress '{cleaned}' is not a number 0-100")
    return value


def plan_statuses(key_words: list[str], used: list[str]) -> dict[str, str]:
    """The plan's status words with their RAG, one spelling each, in display order.

    Spellings that differ only in case are one status; the one the plan uses most
    wins ("On Target" 52 times beats "On target" once), the first seen on a tie. Words
    from a status key count as seen but not used. The order is complete (blue) first,
    then green, amber, red, grey; within a colour, the order the document gives.
    """
    counts = Counter(" ".join(word.split()) for word in used)
    seen = list(dict.fromkeys(" ".join(word.split()) for word in key_words + used if word))
    spelling: dict[str, str] = {}
    for word in seen:
        key = word.casefold()
        if key not in spelling or counts[word] > counts[spelling[key]]:
            spelling[key] = word
    words = sorted(spelling.values(), key=lambda word: _DISPLAY_ORDER[default_rag(word)])
    return {word: default_rag(word) for word in words}


def respell_status(status: str, statuses: dict[str, str]) -> str:
    """A status in the plan's own spelling of it (case-insensitive match)."""
    wanted = " ".join(status.split()).casefold()
    for word in statuses:
        if word.casefold() == wanted:
            return word
    return " ".join(status.split())


_LETTERED_THEME = re.compile(r"^([A-Z]{1,2}\d{0,2})\s*[:.)–-]\s*(\S.*)$")


def lettered_themes(themes: list[str]) -> dict[str, str] | None:
    """One theme per letter when every theme is lettered ("A: Member and Officer ...").

    Trackers letter their themes A-P and sometimes split one letter over two names
    ("B: Customer Care", "B: Customer Complaints"). The letter is the theme: its name
    joins the names it carries ("B: Customer Care / Customer Complaints").

    Returns:
        Each theme text -> the theme of its letter; None when some theme is unlettered
        or no letter carries two names (nothing to merge).
    """
    matches = [_LETTERED_THEME.match(theme) for theme in themes]
    if not themes or not all(matches):
        return None
    names: dict[str, list[str]] = {}
    for match in matches:
        assert match is not None
        names.setdefault(match.group(1), [])
        if match.group(2) not in names[match.group(1)]:
            names[match.group(1)].append(match.group(2))
    if all(len(group) == 1 for group in names.values()):
        return None
    merged = {letter: f"{letter}: {' / '.join(group)}" for letter, group in names.items()}
    return {theme: merged[match.group(1)] for theme, match in zip(themes, matches, strict=True)}


def clean_id(text: str) -> str:
    """An id as the plan writes it, made safe for a file name.

    Runs of characters other than letters, digits, ``.``, ``_`` and ``-`` become one
    ``-`` ("R1 & R2" -> "R1-R2"); leading dots and dashes go.

    Raises:
        ValueError: Nothing usable is left, or the id is reserved.
    """
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text.strip()).strip("-").lstrip(".")
    if not cleaned or not ID_PATTERN.match(cleaned) or cleaned.lower() in RESERVED_IDS:
        raise ValueError(f"id '{text}' cannot name an action file")
    return cleaned


_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+\S")


def leading_number(text: str) -> int | None:
    """The number a numbered objective starts with ("1. Planning for ..." -> 1)."""
    match = _NUMBERED.match(text)
    return int(match.group(1)) if match else None
