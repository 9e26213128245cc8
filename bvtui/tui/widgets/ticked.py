"""A radio button whose chosen state shows as a tick, not only as a brighter dot.

Textual draws every radio button with the same glyph and tells the chosen one by
colour alone, which disappears with ``NO_COLOR`` or on a washed-out projector.
"""

from __future__ import annotations

from textual.widgets import RadioButton

TICK = "✓"
"""What a chosen (or ticked) value shows in its box; an unchosen one shows a blank."""


class TickedRadioButton(RadioButton):
    """A :class:`RadioButton` showing :data:`TICK` when it is on."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return TICK if self.value else " "
