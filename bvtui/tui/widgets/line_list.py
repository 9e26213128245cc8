"""A scrollable list of prepared lines drawn through the Line API: only what is on screen.

For long read-only reports (the changes screen's thousands of moves). The lines are
``rich.text.Text`` built elsewhere (in a worker thread, say); this widget renders a
line into a :class:`~textual.strip.Strip` only when it is scrolled into view and
keeps the last few hundred in an LRU cache, so showing 30,000 lines costs what
showing a screenful does.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

RENDERED_CACHE = 512
"""How many rendered lines are kept (a few screenfuls)."""


class LineList(ScrollView, can_focus=True):
    """Lines of text, scrolled with the arrow, page and home/end keys; never wrapped."""

    DEFAULT_CSS = """
    LineList {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Text] = []
        self._rendered: LRUCache[int, Strip] = LRUCache(RENDERED_CACHE)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def show(self, lines: list[Text], keep_scroll: bool = False) -> None:
        """Replace the lines and scroll back to the top (or stay where the user is)."""
        self._lines = lines
        self._rendered.clear()
        widest = max((cell_len(text.plain) for text in lines), default=0)
        self.virtual_size = Size(widest, len(lines))
        if not keep_scroll:
            self.scroll_home(animate=False)
        self.refresh()

    def plain_lines(self) -> list[str]:
        """Every line's text, unstyled (what a test or a copy would read)."""
        return [text.plain for text in self._lines]

    def notify_style_update(self) -> None:
        """Styles changed (a theme, focus): lines drawn with the old ones are drawn again."""
        super().notify_style_update()
        self._rendered.clear()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._rendered.get(index)
        if strip is None:
            text = self._lines[index]
            segments = list(text.render(self.app.console, end=""))
            strip = Strip(segments, cell_len(text.plain)).apply_style(self.rich_style)
            self._rendered[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)
