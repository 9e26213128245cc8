"""The command palette's candidates, folded once, and a fuzzy search over them that keeps up.

Textual's own matcher tries every way the typed letters fit a candidate, which at
10,000 actions takes seconds a key. Here each candidate's text is folded once, when
the index is built; a query is matched in two cheap passes (the typed text as a
substring, then its letters in order, one compiled regular expression), and only the
first :data:`SCORE_LIMIT` candidates that match are scored, with the scoring rule of
Textual's matcher (:meth:`textual.fuzzy.FuzzySearch.score`) on a few alignments, so
the palette's hits from here and from Textual's own commands rank alike. No Textual
widgets: this is plain Python, timed in ``bench/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.fuzzy import FuzzySearch

SCORE_LIMIT = 400
"""How many matching candidates are scored for one query; the rest are not looked at."""

ALIGNMENTS = 6
"""How many places of the query's first letter a fuzzy match is tried from."""

SUBSTRING_BONUS = 1.5
"""Textual's boost for a query found as it was typed (2.0 for the whole candidate)."""


@dataclass(frozen=True)
class Candidate:
    """One thing the palette can offer."""

    text: str
    """Shown and matched (plain text, never markup)."""
    help: str
    """The line under it (plain text)."""
    argument: object
    """What the provider's command acts on (a ref, an officer, a theme)."""


@dataclass(frozen=True)
class Match:
    """A candidate the query matched, its score and the offsets of the matched letters."""

    score: float
    offsets: tuple[int, ...]
    candidate: Candidate


class CandidateIndex:
    """Candidates with their texts folded once, searched by :meth:`search`."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self.candidates = list(candidates)
        self._folded = [candidate.text.lower() for candidate in self.candidates]
        self._scorer = FuzzySearch()

    def __len__(self) -> int:
        return len(self.candidates)

    def search(self, query: str, limit: int) -> list[Match]:
        """The best ``limit`` matches of ``query``, best first (ties in candidate order)."""
        needle = query.lower()
        if not needle:
            return []
        folded = self._folded
        whole = [i for i, text in enumerate(folded) if needle in text]
        found = whole[:SCORE_LIMIT]
        if len(found) < SCORE_LIMIT:
            letters = in_order(needle)
            inside = set(whole)
            found += [i for i, text in enumerate(folded) if i not in inside and letters(text)][
                : SCORE_LIMIT - len(found)
            ]
        matches = [self._scored(needle, i) for i in found]
        matches.sort(key=lambda match: -match.score)
        return matches[:limit]

    def _scored(self, needle: str, index: int) -> Match:
        text = self._folded[index]
        candidate = self.candidates[index]
        score = self._scorer.score
        at = text.find(needle)
        if at >= 0:
            offsets = tuple(range(at, at + len(needle)))
            bonus = 2.0 if text == needle else SUBSTRING_BONUS
            return Match(score(text, offsets) * bonus, _shown(offsets, candidate, text), candidate)
        best: tuple[float, tuple[int, ...]] = (0.0, ())
        start = text.find(needle[0])
        for _ in range(ALIGNMENTS):
            if start < 0:
                break
            found = _letters_from(text, needle, start)
            if found is None:
                break
            best = max(best, (score(text, found), found), key=lambda pair: pair[0])
            start = text.find(needle[0], start + 1)
        return Match(best[0], _shown(best[1], candidate, text), candidate)


def in_order(needle: str) -> Callable[[str], object]:
    """A test of whether a text holds ``needle``'s letters in order (one linear pass).

    ``[^o]*+o`` takes everything up to the first ``o`` and never gives it back, so a
    text that does not match fails without backtracking.
    """
    pattern = "".join(f"[^{re.escape(c)}]*+{re.escape(c)}" for c in needle)
    return re.compile(pattern, re.DOTALL).match


def _letters_from(text: str, needle: str, start: int) -> tuple[int, ...] | None:
    """Where ``needle``'s letters occur in order in ``text``, the first at ``start``."""
    offsets = [start]
    at = start
    for letter in needle[1:]:
        at = text.find(letter, at + 1)
        if at < 0:
            return None
        offsets.append(at)
    return tuple(offsets)


def _shown(offsets: tuple[int, ...], candidate: Candidate, folded: str) -> tuple[int, ...]:
    """The offsets to underline, or none where folding changed the text's length."""
    return offsets if len(folded) == len(candidate.text) else ()
