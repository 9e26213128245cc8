"""Who "me" is in the quarterly update round.

(Which actions are due an update is ``Action.due_update``: open, and no update for its
plan's current ``period``.)

"Me" is the officer a git identity (name, e-mail) stands for: the plan's ``officers``
table (name -> e-mail) is asked first, then the officer names themselves and their
aliases, compared as filters compare text.
"""

from __future__ import annotations

from collections.abc import Iterable

from bvtui.model.filters import fold
from bvtui.model.model import Plan


def identify(
    name: str, email: str, plans: Iterable[Plan], officers: Iterable[str] = ()
) -> str | None:
    """The officer a git identity stands for, or None when no plan knows them.

    ``officers`` are the names actions carry (the officer table of a plan need not list
    everyone). An e-mail in a plan's ``officers`` table wins over a name; a name matches
    an officer, or an alias of one, ignoring case and spacing.
    """
    plans = list(plans)
    wanted_email = email.strip().casefold()
    if wanted_email:
        for plan in plans:
            for officer, address in plan.officers.items():
                if address.strip().casefold() == wanted_email:
                    return plan.canonical_officer(officer)
    wanted = fold(name)
    if not wanted:
        return None
    for plan in plans:
        for known in (*plan.officers, *plan.officer_aliases, *plan.officer_aliases.values()):
            if fold(known) == wanted:
                return plan.canonical_officer(known)
    for officer in officers:
        if fold(officer) == wanted:
            return " ".join(officer.split())
    return None
