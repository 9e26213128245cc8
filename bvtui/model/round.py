"""Who "me" is in the quarterly update round.

(Which actions are due an update is ``Action.due_update``: open, and no update for its
plan's current ``period``.)

"Me" is the officer a git identity (name, e-mail) stands for: the plan's ``officers``
table (name -> e-mail) is asked first, then the officer names themselves and their
aliases, compared as filters compare text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bvtui.model.filters import fold
from bvtui.model.model import Plan


@dataclass(frozen=True)
class Identified:
    """The officer a git identity stands for, and how it was told."""

    officer: str
    how: str
    """``e-mail`` (the officers table), ``name`` (an officer's name) or ``alias``."""
    where: str = ""
    """The plan whose table or alias told it ("" for a name found on actions)."""

    def describe(self) -> str:
        """How, in words: ``by e-mail (officers: in plan p)``, ``by alias 'Andreas' ...``."""
        place = f" in {self.where}/plan.yaml" if self.where else " on the actions"
        table = {
            "e-mail": f"by e-mail, from the officers: table{place}",
            "name": f"by name{place}",
            "alias": f"by alias, from officer_aliases:{place}",
        }
        return table.get(self.how, self.how)


def recognise(
    name: str, email: str, plans: Iterable[Plan], officers: Iterable[str] = ()
) -> Identified | None:
    """:func:`identify`, saying how the officer was found."""
    plans = list(plans)
    wanted_email = email.strip().casefold()
    if wanted_email:
        for plan in plans:
            for officer, address in plan.officers.items():
                if address.strip().casefold() == wanted_email:
                    return Identified(plan.canonical_officer(officer), "e-mail", plan.slug)
    wanted = fold(name)
    if not wanted:
        return None
    for plan in plans:
        for known, how in (
            *((officer, "name") for officer in plan.officers),
            *((alias, "alias") for alias in plan.officer_aliases),
            *((full, "name") for full in plan.officer_aliases.values()),
        ):
            if fold(known) == wanted:
                return Identified(plan.canonical_officer(known), how, plan.slug)
    for officer in officers:
        if fold(officer) == wanted:
            return Identified(" ".join(officer.split()), "name")
    return None


def identify(
    name: str, email: str, plans: Iterable[Plan], officers: Iterable[str] = ()
) -> str | None:
    """The officer a git identity stands for, or None when no plan knows them.

    ``officers`` are the names actions carry (the officer table of a plan need not list
    everyone). An e-mail in a plan's ``officers`` table wins over a name; a name matches
    an officer, or an alias of one, ignoring case and spacing.
    """
    found = recognise(name, email, plans, officers)
    return None if found is None else found.officer
