"""Who "me" is for a store: the identity its saves are committed as, and the officer
that identity stands for (:func:`bvtui.model.recognise`).

The identity is the one a save commits as: ``--author`` (the app's or a command's),
else ``$BVTUI_AUTHOR``, else git's ``user.name`` and ``user.email`` for the store's
repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bvtui.git import check_author
from bvtui.model import Identified, one_line, recognise
from bvtui.store.values import AUTHOR_ENV, StoreError

if TYPE_CHECKING:
    from bvtui.store.store import Store


@dataclass(frozen=True)
class Me:
    """A git identity, where it came from, and the officer it stands for (or None)."""

    name: str
    email: str
    source: str
    """``--author``, ``$BVTUI_AUTHOR`` or ``git config``."""
    found: Identified | None

    @property
    def identity(self) -> str:
        """``Name <email>`` as far as it is known."""
        name, email = one_line(self.name), one_line(self.email)
        if name and email:
            return f"{name} <{email}>"
        return name or (f"<{email}>" if email else "(no identity)")

    def unknown(self) -> str:
        """Why no officer was found, and how to fix it, in one line."""
        if not (self.name or self.email):
            return (
                "git has no identity here (user.name and user.email are not set): "
                'git config user.name "Your Name" and git config user.email you@council.gov.uk'
            )
        name = one_line(self.name) or "Your Name"
        email = one_line(self.email) or "you@council.gov.uk"
        return (
            f"{self.identity} ({self.source}) is no officer of any plan: add "
            f"'{name}: {email}' under officers: in your plan's plan.yaml "
            "(or set git config user.name to your name as the plans spell it)"
        )


def whoami(store: Store, author: str | None = None) -> Me:
    """The officer the identity a save would commit as stands for, over ``store``'s
    loaded plans and the officer names its actions carry.

    Raises:
        StoreError: ``author`` (or ``$BVTUI_AUTHOR``) is not ``Name <email>``.
    """
    explicit = author or os.environ.get(AUTHOR_ENV) or None
    if explicit:
        try:
            name, email = check_author(explicit)
        except ValueError as err:
            raise StoreError(str(err)) from None
        source = "--author" if author else f"${AUTHOR_ENV}"
    elif store.repo is not None:
        name, email = store.repo.identity()
        source = "git config"
    else:
        name, email, source = "", "", "git config"
    # the canonical names, from the excerpts: no action built (the app's load builds
    # an action when it is first read)
    officers = dict.fromkeys(o for excerpt in store.excerpts for o in excerpt.officers)
    found = recognise(name, email, store.plans.values(), officers)
    return Me(name, email, source, found)
