"""``plan/id``: how the store names an action, and the only place that text is parsed
or turned into a path.

A :class:`Ref` is a plan slug and an action id. Parsed from user text (a command's
argument, a commit trailer, a file kept aside) it is checked against the id rule, so
that it never names a path outside its plan folder; built from a file's path it is
what the path says. A plan's own file is named ``plan/plan.yaml``.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import NamedTuple, TypeVar

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*\Z")
"""Ids and plan slugs: letters, digits, ``.``, ``_``, ``-``; no leading dot, so never a path
(``\\Z``, not ``$``, which would let a final line break through)."""

PLAN_FILE = "plan.yaml"
"""A plan's own file in its folder; as a ref's id, it names that file."""

_Root = TypeVar("_Root", bound=PurePath)


class RefError(ValueError):
    """Text that is not ``plan/id`` or a bare id; the message is one line naming it."""


def ref_text(plan: str, action_id: str) -> str:
    """``plan/id``, or the id alone when there is no plan."""
    return f"{plan}/{action_id}" if plan else action_id


class Ref(NamedTuple):
    """An action (or a plan's own file) in a store: ``plan/id``."""

    plan: str
    """The plan's slug (its folder); empty for a bare id, which the store resolves."""
    id: str

    @classmethod
    def parse(cls, text: str) -> Ref:
        """``plan/id`` or a bare ``id``, each part following the id rule.

        Raises:
            RefError: an empty part, a part that is a path (``..``, a further ``/``)
                or holds anything but letters, digits, ``.``, ``_``, ``-``.
        """
        plan, slash, action_id = text.rpartition("/")
        if not ID_PATTERN.match(action_id) or (slash and not ID_PATTERN.match(plan)):
            shown = text if text.isprintable() else repr(text)
            raise RefError(f"{shown}: not an action id (plan/id, or the bare id)")
        return cls(plan, action_id)

    @classmethod
    def of_path(cls, path: str | PurePath, root: str | PurePath | None = None) -> Ref:
        """The ref of the file ``<root>/<plan>/<id>.yaml`` (``plan/plan.yaml`` for a
        plan's own file); without ``root``, of the file's last two path parts.

        Raises:
            RefError: ``path`` is not a file in a plan folder right under ``root``.
        """
        pure = PurePath(path)
        if root is not None and pure.parent.parent != PurePath(root):
            raise RefError(f"{path}: not an action file of the store {root}")
        name = pure.name if pure.name == PLAN_FILE else pure.stem
        return cls(pure.parent.name, name)

    def __str__(self) -> str:
        return ref_text(self.plan, self.id)

    def path(self, root: _Root) -> _Root:
        """The file ``<root>/<plan>/<id>.yaml`` (``<root>/<plan>/plan.yaml`` for a plan's
        own file), of the same path type as ``root``.

        Raises:
            RefError: a bare id, whose plan the store has not resolved.
        """
        if not self.plan:
            raise RefError(f"{self.id}: a bare id has no path (say which plan: plan/id)")
        name = PLAN_FILE if self.id == PLAN_FILE else f"{self.id}.yaml"
        return root / self.plan / name
