"""bvtui's own theme for projectors and poor eyesight, and the themes ``ctrl+t`` cycles.

Textual brings dark and light themes; a projector in a lit committee room washes out
mid-tone colours, so :data:`HIGH_CONTRAST` is white and saturated colours on black,
each RAG colour reading at 7:1 or more (WCAG AAA) on its background. Colour is never
the only signal: every RAG cell also carries its word and symbol.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="bvtui-high-contrast",
    primary="#7CC4FF",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFC400",
    error="#FF7070",
    success="#4CFF4C",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#1A1A1A",
    dark=True,
)
"""White on black; blue (complete), amber, red and green at AAA contrast."""

CYCLE = ("textual-dark", "textual-light", HIGH_CONTRAST.name)
"""The themes ``ctrl+t`` steps through: dark, light, high contrast."""


def next_theme(current: str) -> str:
    """The theme after ``current`` in :data:`CYCLE` (the first when it is not in it)."""
    if current not in CYCLE:
        return CYCLE[0]
    return CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)]
