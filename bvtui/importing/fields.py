"""Reading single values of an imported plan: officers, progress, statuses, themes, ids.

Each function here turns the text a council wrote into the model's value, or says why
it cannot (a ``ValueError`` whose message becomes an import problem). They hold the
importer's value-level heuristics, each documented where it lives.
"""

from __future__ import annotations

import re
from collections import Counter

from bvtui.importing.rag import rag_of
from bvtui.model import ID_PATTERN, RESERVED_IDS

_DISPLAY_ORDER = {"blue": 0, "green": 1, "amber": 2, "red": 3, "grey": 4}
"""The order a plan's statuses are listed in: complete first, unknown last."""

_ALWAYS_SPLIT = re.compile(r"\s*[/;]\s*")
_NAME_LIST_SPLIT = re.compile(r"\s*[,&]\s*")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")


def split_officers(text: str, surname_first: bool = False) -> list[str]:
    """The officers named in a lead cell, in order, each once, whitespace normalised.

    ``/`` and ``;`` always separate people ("Will Tuckley/Louise Stamp", "Amanda
    Harcus; Debbie Jones"), and so do lines when every line is a name. ``,`` and ``&``
    separate them only when every piece looks like a name (capitalised words, no
    "of"/"and"), so that a role such as "Director of Development, Enterprise and
    Communities" stays one officer. With ``surname_first`` (a column of "Ahmed, Sarah"
    names, see :func:`surname_first_column`) such a piece is one person, "Sarah Ahmed".
    """
    officers: list[str] = []
    for part in _ALWAYS_SPLIT.split(_joined_lines(text)):
        surname = _SURNAME_FIRST.match(part) if surname_first else None
        pieces = [f"{surname[2]} {surname[1]}"] if surname else _NAME_LIST_SPLIT.split(part)
        if len(pieces) > 1 and not all(looks_like_name(piece) for piece in pieces):
            pieces = [part]
        for piece in pieces:
            if piece and piece not in officers:
                officers.append(piece)
    return officers


_SURNAME_FIRST = re.compile(r"^([A-Z][\w'’-]+),\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)$")


def _joined_lines(text: str) -> str:
    """The cell on one line: lines that are each a name become a ``;`` list."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    names = len(lines) > 1 and all(
        looks_like_name(piece)
        for line in lines
        for piece in _NAME_LIST_SPLIT.split(line)
        if not _ALWAYS_SPLIT.search(piece)
    )
    return "; ".join(lines) if names else " ".join(lines)


def looks_like_name(text: str) -> bool:
    """One to four capitalised words ("Sarah Ahmed", "J. Smith"): a person's name."""
    words = text.split()
    return 1 <= len(words) <= 4 and all(_NAME_WORD.match(word) for word in words)


def surname_first_column(cells: list[str]) -> bool:
    """True when the officer cells that hold a comma all read "Surname, Forename"."""
    pieces = [
        piece
        for cell in cells
        for piece in _ALWAYS_SPLIT.split(_joined_lines(cell))
        if "," in piece
    ]
    return bool(pieces) and all(_SURNAME_FIRST.match(piece) for piece in pieces)


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


_PROGRESS = re.compile(
    r"^(?:c\.|ca\.?|circa|approx\.?|approximately|about|~)?\s*(\d{1,3}(?:\.\d+)?)"
    r"\s*(%|per\s*cent|percent)?(?=$|[\s.,;:()])\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_OCR_FIGURE = re.compile(r"^[\dlIoO]{1,3}(?=\s*%)")
_NO_PROGRESS = frozenset({"", "-", "–", "—", "n/a", "na", "tbc", "nil"})
_PROGRESS_WORDS = {"complete": 100, "completed": 100, "done": 100, "achieved": 100}
_PROGRESS_WORDS |= {"implemented": 100, "fully implemented": 100, "not started": 0}


def parse_progress(text: str, fractions: bool = False) -> int | None:
    """A progress cell that holds only a figure (see :func:`split_progress`)."""
    value, rest = split_progress(text, fractions)
    if rest:
        raise ValueError(f"progress '{' '.join(text.split())}' is not a number 0-100")
    return value


def split_progress(text: str, fractions: bool = False) -> tuple[int | None, str]:
    """A progress cell as a whole percentage 0-100, and the text written after it.

    Blank, "-", "N/A" and "TBC" mean no figure was reported. "63%", "63", "62.5%"
    (rounded), "c.60%", "Complete" (100) are read; "80% The review continues." is 80
    and that text; an OCR'd "l00%" or "5O%" reads as 100 or 50. A fraction ("0.5", a
    spreadsheet cell without a % format) is read only when the whole column holds
    fractions (``fractions``): 50% or 0.5% is not guessed from one cell.

    Raises:
        ValueError: The text gives no figure 0-100 (a range "50-75%", words).
    """
    cleaned = " ".join(text.split())
    if cleaned.lower() in _NO_PROGRESS:
        return None, ""
    if cleaned.lower().rstrip(".") in _PROGRESS_WORDS:
        return _PROGRESS_WORDS[cleaned.lower().rstrip(".")], ""
    figure = _OCR_FIGURE.match(cleaned)
    if figure and any(character.isdigit() for character in figure.group()):
        cleaned = figure.group().translate(_OCR_DIGITS) + cleaned[figure.end() :]
    match = _PROGRESS.match(cleaned)
    if match is None or (match[3] and not match[2]):
        raise ValueError(f"progress '{cleaned}' is not a number 0-100")
    number = float(match[1])
    if not match[2] and 0 < number < 1 and not fractions:
        raise ValueError(f"progress '{cleaned}' is a fraction: write it as 50 or 50%")
    if not match[2] and fractions and number <= 1:
        number *= 100
    if number > 100:
        raise ValueError(f"progress '{cleaned}' is not a number 0-100")
    return round(number), match[3].strip()


_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})


def fraction_column(cells: list[str]) -> bool:
    """True when a progress column's figures are all fractions 0-1, one at least not 0 or 1.

    A column that also holds percentages ("50%") is not one: its bare 0.3 is a doubt.
    """
    if any("%" in cell for cell in cells):
        return False
    figures = [cell.strip() for cell in cells if re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", cell)]
    values = [float(figure) for figure in figures]
    return bool(values) and all(v <= 1 for v in values) and any(0 < v < 1 for v in values)


def plan_statuses(
    key_words: list[str], used: list[str], rag_key: dict[str, str] | None = None
) -> dict[str, str]:
    """The plan's status words with their RAG, one spelling each, in display order.

    Spellings that differ only in case are one status; the one the plan uses most
    wins ("On Target" 52 times beats "On target" once), the first seen on a tie. Words
    from a status key count as seen but not used. Each gets its colour from the file's
    own key row when it has one, else :func:`bvtui.importing.rag.rag_of`. The order
    is complete (blue) first, then green, amber, red, grey; within a colour, the order
    the document gives.
    """
    counts = Counter(" ".join(word.split()) for word in used)
    seen = list(dict.fromkeys(" ".join(word.split()) for word in key_words + used if word))
    spelling: dict[str, str] = {}
    for word in seen:
        key = word.casefold()
        if key not in spelling or counts[word] > counts[spelling[key]]:
            spelling[key] = word
    rags = {word: rag_of(word, rag_key) for word in spelling.values()}
    return dict(sorted(rags.items(), key=lambda item: _DISPLAY_ORDER[item[1]]))


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
    return {
        theme: merged[match.group(1)]
        for theme, match in zip(themes, matches, strict=True)
        if match is not None
    }


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
