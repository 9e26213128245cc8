"""Three-way merge of one store file, field by field: the heart of the git merge driver.

Two officers editing the same action from their own clones should both land when
they touched different fields: one changes the status, the other adds an update.
Git's text merge sees neighbouring lines and conflicts; this merge works on the
parsed YAML instead:

* a field changed on one side only takes that side's value;
* ``updates`` (the list of dated comments), and a meeting's ``decisions``, merge as
  a union keyed by (period, date, text), ordered by period then date; an item one
  side removed stays removed; ``evidence`` (files attached) the same way, keyed by
  (day, file, blob), so evidence attached in two clones is all kept;
* nested mappings (``extra``, a plan's ``statuses``) merge key by key;
* a field set to two different values is a **true conflict**: the file keeps the
  user's own value ("mine") and records every side under ``conflicts:``, so it is
  still a valid store file the app and ``bvtui resolve`` can read, and nothing is lost.

Decisions are taken on the store reader's values (:func:`read_mapping`: all strings);
the values written come from each side's round-trip nodes, so a value taken from the
other side keeps its quoting and type, and :func:`render_mapping` rewrites the user's
file with as small a change as possible.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bvtui.model import PLAN_FIELDS, STORED_FIELDS
from bvtui.store import YamlFileError, read_mapping, render_mapping

if TYPE_CHECKING:  # ruamel is imported when a merge runs, not with the CLI
    from ruamel.yaml import YAML

CONFLICTS_KEY = "conflicts"
"""The key under which a file records the fields left in conflict."""

SIDES = ("base", "mine", "theirs")
"""The three versions a conflict records, from the user's point of view."""

_MISSING: Any = object()
_EMPTY: tuple[Any, ...] = (None, "", [], {})


@dataclass
class Version:
    """One side of a merge: the reader's plain values and the round-trip nodes."""

    plain: dict[str, Any]
    nodes: dict[str, Any]

    @classmethod
    def parse(cls, text: str, path: str) -> Version:
        """Both readings of ``text``.

        Raises:
            YamlFileError: the text is not a YAML mapping.
        """
        from ruamel.yaml.error import YAMLError

        plain = read_mapping(text, path)
        try:
            nodes = _round_trip().load(io.StringIO(text)) if text.strip() else {}
        except YAMLError as err:
            raise YamlFileError(path, None, str(err).splitlines()[0]) from None
        return cls(plain, dict(nodes or {}))


@dataclass
class MergeResult:
    """The merged mapping (values ready to write) and the fields left in conflict."""

    merged: dict[str, Any]
    conflicts: dict[str, dict[str, Any]] = field(default_factory=dict)


def _round_trip() -> YAML:
    from ruamel.yaml import YAML

    loader = YAML(typ="rt")
    loader.preserve_quotes = True
    return loader


def _norm(value: Any) -> Any:
    return None if value is _MISSING or value in _EMPTY else value


def _same(a: Any, b: Any) -> bool:
    return _norm(a) == _norm(b)


def update_key(item: Any) -> tuple[str, str, str]:
    """The identity of an update in a union: (period, date, text)."""
    if not isinstance(item, dict):
        return ("", "", str(item))
    return tuple(str(item.get(k) or "") for k in ("period", "date", "text"))  # type: ignore[return-value]


def evidence_key(item: Any) -> tuple[str, str, str]:
    """The identity of an evidence entry in a union: (added, file, blob)."""
    if not isinstance(item, dict):
        return ("", "", str(item))
    return tuple(str(item.get(k) or "") for k in ("added", "file", "blob"))  # type: ignore[return-value]


_UNIONS = {"updates": update_key, "decisions": update_key, "evidence": evidence_key}
"""The lists merged as a union, with the identity of an item of each."""


def _union_updates(base: list[Any], mine: Version, theirs: Version, key: str) -> list[Any]:
    """Items (updates, evidence) of both sides, each once, ordered by the first two
    parts of their identity (period then date; day then file); removals honoured."""
    identity = _UNIONS[key]
    base_keys = {identity(item) for item in base}
    mine_keys = {identity(item) for item in mine.plain[key]}
    theirs_keys = {identity(item) for item in theirs.plain[key]}
    removed = {k for k in base_keys if k not in mine_keys or k not in theirs_keys}
    chosen: dict[tuple[str, str, str], Any] = {}
    for side in (mine, theirs):
        for item, node in zip(side.plain[key], side.nodes[key], strict=True):
            ident = identity(item)
            if ident not in removed and ident not in chosen:
                chosen[ident] = node
    return [chosen[k] for k in sorted(chosen, key=lambda k: (k[0], k[1]))]


def merge_versions(base: Version, mine: Version, theirs: Version) -> MergeResult:
    """Merge ``mine`` and ``theirs`` against ``base`` field by field (see the module)."""
    result = MergeResult({})
    keys = list(dict.fromkeys([*mine.plain, *theirs.plain]))
    for key in keys:
        b = base.plain.get(key, _MISSING)
        m = mine.plain.get(key, _MISSING)
        t = theirs.plain.get(key, _MISSING)
        if key == CONFLICTS_KEY:
            continue
        if _same(m, t) or _same(b, t):
            source = mine
        elif _same(b, m):
            source = theirs
        elif key in _UNIONS and isinstance(m, list) and isinstance(t, list):
            base_list = b if isinstance(b, list) else []
            result.merged[key] = _union_updates(base_list, mine, theirs, key)
            continue
        elif isinstance(m, dict) and isinstance(t, dict):
            sub = merge_versions(
                Version(b if isinstance(b, dict) else {}, {}),
                Version(m, dict(mine.nodes.get(key) or {})),
                Version(t, dict(theirs.nodes.get(key) or {})),
            )
            result.merged[key] = sub.merged
            for name, sides in sub.conflicts.items():
                result.conflicts[f"{key}.{name}"] = sides
            continue
        else:
            result.conflicts[key] = {
                "base": _norm(b),
                "mine": _norm(m),
                "theirs": _norm(t),
            }
            source = mine
        if key in source.plain:
            result.merged[key] = source.nodes.get(key, source.plain[key])
    earlier = mine.plain.get(CONFLICTS_KEY)
    if isinstance(earlier, dict):  # conflicts not yet resolved stay recorded
        result.conflicts = {**earlier, **result.conflicts}
    return result


def merge_texts(base: str, mine: str, theirs: str, path: str) -> tuple[str, bool]:
    """The merged text of a store file, written over ``mine``; True when it is clean.

    Raises:
        YamlFileError: one of the versions is not a YAML mapping (the caller falls
            back to a text merge).
    """
    versions = [Version.parse(text, path) for text in (base, mine, theirs)]
    result = merge_versions(*versions)
    merged = dict(result.merged)
    if result.conflicts:
        merged[CONFLICTS_KEY] = result.conflicts
    order = PLAN_FIELDS if path.endswith("plan.yaml") else STORED_FIELDS
    return render_mapping(mine, merged, (*order, CONFLICTS_KEY)), not result.conflicts
