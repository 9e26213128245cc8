"""Command palette providers: jump to an action, filter on an officer or a theme.

Names come from the store, so hits are shown as plain text (Textual's own
``Matcher.highlight`` reads its argument as markup, which a title like
``[red]x[/red]`` must never be) and help lines are escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from bvtui.tui.screens.main import MainScreen
from bvtui.tui.text import line

DISCOVERY_LIMIT = 20
"""How many candidates a provider lists before anything is typed."""


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` as plain content with the fuzzy match's characters underlined."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content


class _MainScreenProvider(Provider):
    """A provider that offers commands only over the main screen's store."""

    prefix = ""
    """Shown before each hit so the user sees what kind of thing it is."""

    def candidates(self, screen: MainScreen) -> Iterable[tuple[str, str, object]]:
        """(text to match, help line, argument of :meth:`run`) for each candidate."""
        raise NotImplementedError

    def run(self, screen: MainScreen, argument: object) -> None:
        raise NotImplementedError

    def _main(self) -> MainScreen | None:
        screen = self.screen
        return screen if isinstance(screen, MainScreen) and screen.store is not None else None

    async def discover(self) -> Hits:
        screen = self._main()
        if screen is None:
            return
        for index, (text, help_text, argument) in enumerate(self.candidates(screen)):
            if index >= DISCOVERY_LIMIT:
                break
            yield DiscoveryHit(
                Content(f"{self.prefix}{text}"),
                partial(self.run, screen, argument),
                text=f"{self.prefix}{text}",
                help=escape(help_text),
            )

    async def search(self, query: str) -> Hits:
        screen = self._main()
        if screen is None:
            return
        matcher = self.matcher(query)
        for text, help_text, argument in self.candidates(screen):
            full = f"{self.prefix}{text}"
            score = matcher.match(full)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, full),
                    partial(self.run, screen, argument),
                    text=full,
                    help=escape(help_text),
                )


class ActionCommands(_MainScreenProvider):
    """Jump to an action by its ref or title."""

    prefix = "Go to "

    def candidates(self, screen: MainScreen) -> Iterable[tuple[str, str, object]]:
        for action in screen.listing.actions:
            text = f"{line(action.ref)} {line(action.title)}"
            yield text, f"{line(action.status)} · {line(action.theme)}", action.ref

    def run(self, screen: MainScreen, argument: object) -> None:
        screen.jump_to(str(argument))


class OfficerCommands(_MainScreenProvider):
    """Show only one lead officer's actions."""

    prefix = "Officer: "

    def candidates(self, screen: MainScreen) -> Iterable[tuple[str, str, object]]:
        for officer, count in screen.listing.values("officer"):
            yield line(officer), f"show the {count} actions {line(officer)} leads", officer

    def run(self, screen: MainScreen, argument: object) -> None:
        screen.filter_only("officer", str(argument))


class ThemeCommands(_MainScreenProvider):
    """Show only one theme's actions."""

    prefix = "Theme: "

    def candidates(self, screen: MainScreen) -> Iterable[tuple[str, str, object]]:
        for theme, count in screen.listing.values("theme"):
            yield line(theme), f"show the {count} actions of this theme", theme

    def run(self, screen: MainScreen, argument: object) -> None:
        screen.filter_only("theme", str(argument))
