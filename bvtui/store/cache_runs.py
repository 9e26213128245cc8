"""A plan folder's action entries in the parse cache's index, kept as one *run*.

Every load decodes the index whole and checks every action file's fingerprint against
it, so the index's shape is paid for per action of the store: a run holds a folder's
entries as four columns (names, fingerprints, where each value lies with its CRC-32,
hints) instead of a keyed tuple per file. Decoding makes a few objects per action
instead of about ten, and a load whose files are all unchanged checks a folder in one
comparison of its names and of its fingerprints, in the order it asks for them.

A run is plain data from a file, so nothing in it is trusted before it is checked:
:func:`whole_run` checks its shape, and :func:`spread_run` gives its entries one by one
(each checked as a keyed entry is), leaving out those of another shape.
"""

from __future__ import annotations

import struct
from collections.abc import Hashable, Sequence
from typing import Any

Entry = tuple[Hashable, int, int, Any, int]
"""A keyed entry: fingerprint, where the value starts and ends in the body, hint, and
the value's CRC-32."""

Run = tuple[tuple[str, ...], tuple[Hashable, ...] | bytes, bytes, tuple[Any, ...]]
"""A run: the file names, their fingerprints, their values' spans (:data:`SPAN`) and
their hints, position by position. Fingerprints that are all bytes of one length (stat
data) are kept joined in one bytes object, others as a tuple."""

SPAN = struct.Struct("<QQI")
"""Where a value starts and ends in the body, and its CRC-32."""


def whole_run(run: Any, names: Sequence[str], fingerprints: Sequence[Hashable | None]) -> bool:
    """Whether ``run`` is a run of exactly ``names`` in that order, each file with its
    fingerprint in ``fingerprints``: then every one of its entries is valid."""
    if type(run) is not tuple or len(run) != 4:
        return False
    cached_names, cached_prints, spans, hints = run
    count = len(names)
    if not (
        type(cached_names) is tuple
        and type(spans) is bytes
        and type(hints) is tuple
        and len(spans) == SPAN.size * count
        and len(hints) == count
        and cached_names == tuple(names)
    ):
        return False
    if type(cached_prints) is tuple:
        return cached_prints == tuple(fingerprints)
    if type(cached_prints) is not bytes or _width(cached_prints, count) is None:
        return False
    try:  # one length for all, and the same bytes
        same_length = len(set(map(len, fingerprints))) <= 1  # type: ignore[arg-type]
        return same_length and b"".join(fingerprints) == cached_prints  # type: ignore[arg-type]
    except TypeError:  # a file gone (None), or fingerprints of another kind
        return False


def holds(run: Any, name: str) -> bool:
    """Whether ``run`` (as read: of any shape) names the file ``name``."""
    return type(run) is tuple and len(run) == 4 and type(run[0]) is tuple and name in run[0]


def run_entry(run: Run, position: int) -> Entry:
    """The entry at ``position`` of a run :func:`whole_run` found valid."""
    start, end, crc = run_span(run, position)
    prints = run[1]
    if type(prints) is bytes:
        width = len(prints) // len(run[0])
        fingerprint: Hashable = prints[position * width : (position + 1) * width]
    else:
        fingerprint = prints[position]
    return (fingerprint, start, end, run[3][position], crc)


def run_span(run: Run, position: int) -> tuple[int, int, int]:
    """Where the value at ``position`` of a run :func:`whole_run` found valid starts and
    ends in the body, and its CRC-32 (what reading the value needs of its entry)."""
    return SPAN.unpack_from(run[2], position * SPAN.size)


def _width(prints: bytes, count: int) -> int | None:
    """The length of each of ``count`` fingerprints joined in ``prints`` (None: none fits)."""
    if count == 0 or len(prints) % count:
        return None
    return len(prints) // count


def spread_run(folder: str, run: Any) -> dict[str, Entry]:
    """The entries of ``run`` by key (``<folder>/<name>``); none when it is of another
    shape (then its files are parsed again)."""
    try:
        names, prints, spans, hints = run
        if type(prints) is bytes:
            fits = _width(prints, len(names)) is not None
        else:
            fits = type(prints) is tuple and len(prints) == len(names)
        if not (
            fits
            and type(names) is type(hints) is tuple
            and type(spans) is bytes
            and len(hints) == len(names)
            and len(spans) == SPAN.size * len(names)
        ):
            return {}
        return {
            f"{folder}/{name}": run_entry(run, position)
            for position, name in enumerate(names)
            if type(name) is str
        }
    except (TypeError, ValueError):
        return {}


def run_length(run: Any) -> int:
    """How many entries ``run`` claims to hold (0 for one of another shape)."""
    try:
        return len(run[0])
    except (TypeError, LookupError):
        return 0


def make_runs(
    index: dict[str, Entry], order: dict[str, list[str]]
) -> tuple[dict[str, Entry], dict[str, Run]]:
    """``index`` as keyed entries and runs: for each folder of ``order``, its names'
    entries (in that order) as one run; what no run takes stays keyed."""
    keyed = dict(index)
    runs: dict[str, Run] = {}
    pack = SPAN.pack
    for folder, names in order.items():
        taken: list[str] = []
        prints: list[Hashable] = []
        spans: list[bytes] = []
        hints: list[Any] = []
        for name in names:
            key = f"{folder}/{name}"
            entry = keyed.get(key)
            if entry is None:
                continue
            fingerprint, start, end, hint, crc = entry
            try:
                span = pack(start, end, crc)
            except struct.error:  # offsets that are no offsets: left keyed
                continue
            del keyed[key]
            taken.append(name)
            prints.append(fingerprint)
            spans.append(span)
            hints.append(hint)
        if taken:
            runs[folder] = (tuple(taken), _joined(prints), b"".join(spans), tuple(hints))
    return keyed, runs


def _joined(prints: list[Hashable]) -> tuple[Hashable, ...] | bytes:
    """Fingerprints as a run keeps them: joined when all are bytes of one length."""
    if all(type(fingerprint) is bytes for fingerprint in prints) and (
        len({len(fingerprint) for fingerprint in prints}) == 1  # type: ignore[arg-type]
    ):
        return b"".join(prints)  # type: ignore[arg-type]
    return tuple(prints)
