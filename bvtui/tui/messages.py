"""Messages that cross the app: a store loaded (or not) by the loading worker.

Posted from a thread worker (``post_message`` is thread-safe) and handled on the UI
thread, so no widget is ever touched from a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from bvtui.store import Store
from bvtui.tui.listing import Listing


@dataclass
class StoreLoaded(Message):
    """The store was read: its plans and actions, and the listing built over them."""

    store: Store
    listing: Listing
    seconds: float
    proposals: dict[str, str] = field(default_factory=dict)
    """What is proposed for each action with a proposal waiting (by ref)."""


@dataclass
class StoreLoadFailed(Message):
    """The store could not be read at all; ``reason`` is one line."""

    reason: str


@dataclass
class SyncDone(Message):
    """A sync (or its continuation) ended: its one line, and the actions left in conflict."""

    line: str
    conflicts: list[str]
    failed: bool = False
