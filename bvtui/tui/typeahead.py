"""Keys typed ahead: a key goes where the focus is once the keys before it have acted.

Over a slow SSH link or from tmux, a key that moves the focus (``o`` opens the
officer picker, ``/`` the search box) arrives in one read with the keys typed after
it. Textual hands every key to the widget focused when the key is read, so the keys
after ``o`` all went to the main table; by the time they came back unhandled to the
app the picker was open, found no binding for them, and dropped them: the letters
were lost and Enter applied the picker's first value. After ``/`` the letters ran
the main screen's keys (``r`` the red filter, ``x`` clear) instead of searching.

:class:`TypeAheadApp` notes where each key was handed. A key that comes back
unhandled after the focus has moved elsewhere is handed again, as a new key, to
where the focus is now, once the screen on top has mounted (a new screen focuses its
input when mounted). Keys are handed again in the order they were typed.
"""

from __future__ import annotations

from collections import deque

from textual import events
from textual.app import App
from textual.dom import DOMNode

HANDED_KEPT = 256
"""How many recent keys are remembered with where they were handed (a burst's worth)."""


class TypeAheadApp(App[None]):
    """An app whose keys typed ahead of a focus change follow the focus."""

    def __init__(self) -> None:
        super().__init__()
        self._handed: deque[tuple[events.Key, DOMNode]] = deque(maxlen=HANDED_KEPT)

    def _focus_target(self) -> DOMNode:
        """Where Textual hands a key now: the focused widget, else the screen."""
        return self.focused or self.screen

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.screen_stack:
            self._handed.append((event, self._focus_target()))
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A key back unhandled from where it was handed: follow the focus if it moved."""
        handed = next((to for key, to in reversed(self._handed) if key is event), None)
        if handed is None or not self.screen_stack or handed is self._focus_target():
            return  # the app's own handling (bindings) goes on
        event.prevent_default()
        event.stop()
        self.screen.call_later(self._hand_again, event.key, event.character)

    def _hand_again(self, key: str, character: str | None) -> None:
        again = events.Key(key, character)
        again.set_sender(self)  # as from the terminal: it bubbles back up to the app
        self.post_message(again)
