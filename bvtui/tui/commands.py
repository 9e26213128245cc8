"""Command palette providers: jump to an action, filter on an officer or a theme.

Each provider's candidates are folded into a :class:`CandidateIndex` once per store
load (again only when an edit replaced an action) and searched there, so a key
typed into the palette costs milliseconds at 10,000 actions and at most
:data:`HIT_LIMIT` hits reach the palette's list. Names come from the store, so hits
are shown as plain text (Textual's own ``Matcher.highlight`` reads its argument as
markup, which a title like ``[red]x[/red]`` must never be) and help lines are made
inert (:func:`~bvtui.tui.text.inert_markup`).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from functools import partial
from weakref import WeakKeyDictionary

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from bvtui.model import ActionExcerpt
from bvtui.tui.listing import Listing
from bvtui.tui.palette_index import Candidate, CandidateIndex, Match
from bvtui.tui.screens.main import MainScreen
from bvtui.tui.text import inert_markup, line

DISCOVERY_LIMIT = 20
"""How many candidates a provider lists before anything is typed."""

HIT_LIMIT = 30
"""How many hits a provider lists for what is typed, best first."""


def highlighted(match: Match) -> Content:
    """The matched candidate as plain content with the matched letters underlined."""
    content = Content(match.candidate.text)
    for offset in match.offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content


class _Indexed:
    """A provider's index and the excerpts of the actions it was built from (to know
    when it is stale: an edit replaces its action's excerpt; no action is built to
    tell)."""

    def __init__(self, excerpts: list[ActionExcerpt], index: CandidateIndex) -> None:
        self.excerpts = excerpts
        self.index = index

    def fresh(self, excerpts: list[ActionExcerpt]) -> bool:
        return len(excerpts) == len(self.excerpts) and all(
            map(operator.is_, excerpts, self.excerpts)
        )


_INDEXES: WeakKeyDictionary[Listing, dict[str, _Indexed]] = WeakKeyDictionary()
"""Each listing's indexes by provider: built once per store load, again after an edit."""


class _MainScreenProvider(Provider):
    """A provider that offers commands only over the main screen's store."""

    prefix = ""
    """Shown before each hit so the user sees what kind of thing it is."""

    def candidates(self, listing: Listing) -> Iterable[tuple[str, str, object]]:
        """(text to match, help line, argument of :meth:`run`) for each candidate."""
        raise NotImplementedError

    def run(self, screen: MainScreen, argument: object) -> None:
        raise NotImplementedError

    def _main(self) -> MainScreen | None:
        screen = self.screen
        return screen if isinstance(screen, MainScreen) and screen.store is not None else None

    def index(self, listing: Listing) -> CandidateIndex:
        """The candidates of ``listing``, folded for searching once per store load."""
        indexes = _INDEXES.setdefault(listing, {})
        kept = indexes.get(type(self).__name__)
        if kept is None or not kept.fresh(listing.excerpts):
            candidates = (
                Candidate(f"{self.prefix}{text}", help_text, argument)
                for text, help_text, argument in self.candidates(listing)
            )
            kept = _Indexed(list(listing.excerpts), CandidateIndex(candidates))
            indexes[type(self).__name__] = kept
        return kept.index

    async def startup(self) -> None:
        """Build (or find) the index when the palette opens, before the first key."""
        screen = self._main()
        if screen is not None:
            self.index(screen.listing)

    async def discover(self) -> Hits:
        screen = self._main()
        if screen is None:
            return
        for candidate in self.index(screen.listing).candidates[:DISCOVERY_LIMIT]:
            yield DiscoveryHit(
                Content(candidate.text),
                partial(self.run, screen, candidate.argument),
                text=candidate.text,
                help=inert_markup(candidate.help),
            )

    async def search(self, query: str) -> Hits:
        screen = self._main()
        if screen is None:
            return
        for match in self.index(screen.listing).search(query, HIT_LIMIT):
            candidate = match.candidate
            yield Hit(
                match.score,
                highlighted(match),
                partial(self.run, screen, candidate.argument),
                text=candidate.text,
                help=inert_markup(candidate.help),
            )


class ActionCommands(_MainScreenProvider):
    """Jump to an action by its ref or title."""

    prefix = "Go to "

    def candidates(self, listing: Listing) -> Iterable[tuple[str, str, object]]:
        store = listing.store
        if store is None:
            return
        for at, excerpt in enumerate(listing.excerpts):  # titles read, no action built
            ref = str(excerpt.ref)
            text = f"{line(ref)} {line(store.text_at(at, 'title'))}"
            yield text, f"{line(excerpt.status)} · {line(excerpt.theme)}", ref

    def run(self, screen: MainScreen, argument: object) -> None:
        screen.jump_to(str(argument))


class OfficerCommands(_MainScreenProvider):
    """Show only one lead officer's actions."""

    prefix = "Officer: "

    def candidates(self, listing: Listing) -> Iterable[tuple[str, str, object]]:
        for officer, count in listing.values("officer"):
            yield line(officer), f"show the {count} actions {line(officer)} leads", officer

    def run(self, screen: MainScreen, argument: object) -> None:
        screen.filter_only("officer", str(argument))


class ThemeCommands(_MainScreenProvider):
    """Show only one theme's actions."""

    prefix = "Theme: "

    def candidates(self, listing: Listing) -> Iterable[tuple[str, str, object]]:
        for theme, count in listing.values("theme"):
            yield line(theme), f"show the {count} actions of this theme", theme

    def run(self, screen: MainScreen, argument: object) -> None:
        screen.filter_only("theme", str(argument))
