"""A plan folder's search texts in the parse cache: one value per folder, apart from the
excerpts in the cache's index.

Every load decodes the index whole; the folded search texts (each action's title,
objective, officers and updates) are most of an excerpt's bytes, and only a search
reads them. So they are kept as one value per plan folder, decoded by a load that
searches (or needs every excerpt whole, as the app does), and otherwise only kept in
the cache for the next search. The value is valid under the stat data of every action
file of the folder at once: a folder with a file changed, added or removed, or one
still racy (see :mod:`bvtui.store.parse_cache`), has its texts taken from its actions
again, and written back.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from bvtui.store.cached import DAMAGED, search_texts_from_cache, search_texts_to_cache
from bvtui.store.parse_cache import STAMP_SIZE, ParseCache


class FolderTexts:
    """The search texts of one plan folder's actions, as cached and as this load found.

    Args:
        cache: the store's parse cache.
        folder: the plan folder.
        stamps: the fingerprints of its action files, in the load's order.
        wanted: whether this load needs the texts; when not, a valid cached value is
            only kept for a later load.
    """

    def __init__(
        self, cache: ParseCache, folder: str, stamps: Sequence[Hashable | None], wanted: bool
    ) -> None:
        self.cache, self.wanted = cache, wanted
        self.key = f"{folder}/:search"
        self.fingerprint = _joined(stamps)
        self.cached: dict[str, str] = {}
        self.found: dict[str, str] = {}
        if self.fingerprint is None or not cache.keep(self.key, self.fingerprint) or not wanted:
            return
        value = cache.value(self.key)
        if value is not None:
            try:
                self.cached = search_texts_from_cache(value)
            except DAMAGED:  # a damaged value: the texts are taken from the actions
                cache.drop(self.key)

    def get(self, name: str) -> str | None:
        """The cached search text of the action in file ``name``, None when there is none."""
        return self.cached.get(name)

    def note(self, name: str, text: str) -> None:
        """Record the search text this load has for the action in file ``name``."""
        self.found[name] = text

    def save(self) -> None:
        """Put the texts found in the cache, when they differ from those it held."""
        if self.wanted and self.fingerprint is not None and self.found != self.cached:
            self.cache.put(self.key, self.fingerprint, search_texts_to_cache(self.found))


def _joined(stamps: Sequence[Hashable | None]) -> bytes | str | None:
    """The fingerprints of a folder's files as one; None when one is missing or racy
    (its file could change again without its stat data showing it)."""
    try:
        joined = b"".join(stamps)  # type: ignore[arg-type]
    except TypeError:  # a file gone (None), or blob ids (at a revision)
        if all(type(stamp) is str for stamp in stamps):
            return "\n".join(stamps)  # type: ignore[arg-type]
        return None
    # a racy fingerprint is longer than the others
    return None if len(joined) != STAMP_SIZE * len(stamps) else joined
