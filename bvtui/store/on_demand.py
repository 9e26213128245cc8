"""A store's actions decoded on demand: the app's load keeps each cached action as the
checked bytes the parse cache held, and builds the :class:`~bvtui.model.Action` the
first time something reads it (a row drawn, the detail pane, an edit).

The app lists, filters and counts a store on its excerpts; of 100,000 actions it
draws a screenful, so building every action at launch (most of the load's time and
memory) is work nobody sees. An action built once is kept: each action has one
instance for as long as the load, which an edit replaces
(:meth:`bvtui.store.Store.replace_action`).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from typing import NamedTuple

from bvtui.model import Action, ActionExcerpt, Plan
from bvtui.store.cached import ACTION_FIELDS, DAMAGED, action_from_cache


class Encoded(NamedTuple):
    """An action not built yet: the bytes of its cached value (checked against their
    checksum when read from the cache), the plan it is of and its file's path."""

    plan: Plan
    path: str
    data: bytes


Reread = Callable[[int, Encoded], Action]
"""What builds the action at a position whose bytes do not decode (the store parses
its file instead)."""


class ActionsOnDemand:
    """The actions of one load, in order, some kept :class:`Encoded` until first read.

    Args:
        reread: builds the action at a position whose bytes turn out unusable.
    """

    def __init__(self, reread: Reread) -> None:
        self._items: list[Action | Encoded] = []
        self._encoded = 0
        """How many of the items are still encoded."""
        self._reread = reread

    def add(self, item: Action | Encoded) -> None:
        """Append an action, or one to build when first read."""
        self._items.append(item)
        if type(item) is Encoded:
            self._encoded += 1

    def __len__(self) -> int:
        return len(self._items)

    def at(self, index: int) -> Action:
        """The action at ``index``, built now if it was not yet (and kept)."""
        item = self._items[index]
        if type(item) is not Encoded:
            return item  # type: ignore[return-value]
        action = self._decode(index, item)
        self._items[index] = action
        self._encoded -= 1
        return action

    def text_of(self, index: int, field: str) -> str:
        """The text field ``field`` (``title``, ``deadline``...) of the action at
        ``index``, read off its bytes without building it when it is not built yet (the
        palette's titles of every action; nothing is kept). Bytes that do not give a
        text build the action (as :meth:`at`, which parses its file)."""
        at = ACTION_FIELDS.index(field)
        item = self._items[index]
        if type(item) is Encoded:
            try:
                values = marshal.loads(item.data)
                text = values[at] if type(values) is tuple else None
                if len(values) == len(ACTION_FIELDS) and type(text) is str:
                    return text
            except (ValueError, EOFError, TypeError, IndexError):  # bytes of another shape
                pass
        text = getattr(self.at(index), field)
        if type(text) is not str:
            raise ValueError(f"{field}: not a text field of an action")
        return text

    def put(self, index: int, action: Action) -> None:
        """Put ``action`` in place of the one at ``index``."""
        if type(self._items[index]) is Encoded:
            self._encoded -= 1
        self._items[index] = action

    def all(self) -> list[Action]:
        """Every action, each built now that was not yet: the list itself, in order."""
        if self._encoded:
            for index in range(len(self._items)):
                self.at(index)
        return self._items  # type: ignore[return-value]

    @property
    def encoded(self) -> int:
        """How many actions are not built yet."""
        return self._encoded

    def _decode(self, index: int, item: Encoded) -> Action:
        try:
            return action_from_cache(item.plan, item.path, marshal.loads(item.data))
        except (*DAMAGED, EOFError):  # bytes of another shape: the file is read instead
            return self._reread(index, item)


def stand_in(encoded: Encoded, excerpt: ActionExcerpt) -> Action:
    """The action as its excerpt says, when neither its cached bytes nor its file can
    be read any more (the file changed since the load, and no longer loads)."""
    return Action(
        encoded.plan,
        excerpt.ref.id,
        theme=excerpt.theme,
        objective=excerpt.objective,
        officers=list(excerpt.officers),
        status=excerpt.status,
        path=encoded.path,
    )
