"""User text made safe to show, and the RAG styles every screen shares.

Titles, comments and names come from files anyone can edit: they are never parsed
as markup and never reach the terminal with control characters in them (an escape
sequence in a title must show as ``\\x1b[31m``, not turn the screen red). Every
widget builds its text with :func:`line` / :func:`block` into ``rich.text.Text``.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from rich.theme import Theme
from textual.color import Color

from bvtui.model import RAG_SYMBOLS, one_line, printable_block, ref_text

RAG_STYLES: dict[str, str] = {
    rag: f"rag.{rag}" for rag in ("red", "amber", "green", "blue", "grey")
}
"""The named style of each RAG colour (a symbol is always shown beside it); the colours
come from the theme (:func:`theme_styles`), so they read on a dark or a light one."""

WARN_STYLE = "bvtui.warn"
"""A note that needs attention: overdue, status check, uncommitted."""
ALERT_STYLE = "bvtui.alert"
"""Something wrong: files that did not load."""
VALUE_STYLE = "bvtui.value"
"""A value picked out: the filters in force, a key in the help."""
LABEL_STYLE = "bvtui.label"
"""The label of a field in the detail pane."""


def theme_styles(variables: Mapping[str, str]) -> Theme:
    """The named styles above in the colours of a Textual theme's ``variables``.

    Each is the theme's own colour for text of that kind on its background
    (``$text-error``, ``$text-warning``...), so a light theme gets dark colours.
    """
    fore = Color.parse(variables["foreground"])
    grey = fore.blend(Color.parse(variables["background"]), 0.15).hex
    return Theme(
        {
            "rag.red": f"bold {variables['text-error']}",
            "rag.amber": f"bold {variables['text-warning']}",
            "rag.green": f"bold {variables['text-success']}",
            "rag.blue": f"bold {variables['text-primary']}",
            "rag.grey": grey,
            WARN_STYLE: f"bold {variables['text-warning']}",
            ALERT_STYLE: f"bold {variables['text-error']}",
            VALUE_STYLE: f"bold {variables['text-accent']}",
            LABEL_STYLE: f"bold {variables['text-primary']}",
        }
    )


def styled(text: str, style: str) -> Text:
    """``text`` in a named style, as a span: Textual resolves a span's style through the
    app's console (and its theme), not a ``Text``'s own ``style``."""
    return Text.assemble((text, style))


RAG_NAMES: dict[str, str] = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Blue (complete)",
    "grey": "Grey",
}


def line(value: object) -> str:
    """A value as one printable line: control characters shown escaped, lists joined."""
    return one_line(value)


def inert_markup(text: str) -> str:
    """``text`` for a place that only takes Textual markup (a palette hit's help line).

    Every ``[`` is escaped, so nothing in it opens a tag, not even half of one:
    ``textual.markup.escape`` leaves ``[link=https:`` (no closing bracket) as it is,
    and parsing that raises ``MarkupError``.
    """
    return text.replace("[", "\\[")


def block(text: str) -> str:
    """Multi-line text with its line breaks kept and other control characters escaped."""
    return printable_block(text)


def fit(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells, an ellipsis marking a cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def fit_ref(plan: str, action_id: str, width: int) -> str:
    """``plan/id`` in ``width`` cells, cutting the plan slug so that the id always shows
    (no plan: the id alone)."""
    ref = ref_text(plan, action_id)
    if cell_len(ref) <= width:
        return fit(ref, width)
    room = width - cell_len(action_id) - 2  # "…/"
    if room < 1:
        return fit(action_id, width)
    return fit(f"{set_cell_size(plan, room)}…/{action_id}", width)


def rag_text(label: str, rag: str) -> Text:
    """``label`` in the colour of ``rag`` with its symbol first: ``● Overdue``."""
    return styled(f"{RAG_SYMBOLS.get(rag, '?')} {line(label)}", RAG_STYLES.get(rag, ""))
