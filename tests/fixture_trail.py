"""A store with a real audit trail: several authors, bvtui saves, hand edits, a rename.

Built on the fixture store with the real ``bvtui set`` and plain git, each commit
dated by ``GIT_AUTHOR_DATE`` / ``GIT_COMMITTER_DATE`` so that "since a date" has fixed
answers:

===========  ===========================  ===================================================
2017-07-01   Test Officer (plain git)     the fixture plans
2017-08-01   Louise Stamp (bvtui)         elections-demo/1.3: On Target -> Delayed, 20 -> 40,
                                          update "Venue fell through; rebooking."
2017-08-15   Will Tuckley (plain git)     elections-demo/1.3: progress 40 -> 45 by hand
2017-09-01   Test Officer (bvtui)         elections-demo/1.3: revised deadline Jul-18 with an
                                          update "Moved to July: new venue."
2017-09-10   Will Tuckley (plain git)     git mv 1.3 -> 1.3b (id too)
2017-09-14   snapshot tag                 ``committee-2017-09-14`` (annotated)
2017-09-20   Louise Stamp (bvtui)         elections-demo/1.3b: Delayed -> On Target
2017-09-21   Richard Chilcott (bvtui)     property-demo/6.1: update only
2017-09-22   Richard Chilcott (bvtui)     elections-demo/1.4: On Target -> Overdue
2017-09-23   Test Officer (plain git)     property-demo/9.1 added, property-demo/8.2 removed
===========  ===========================  ===================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from bvtui.cli.main import main
from bvtui.model import edit
from tests.conftest import git

LOUISE = "Louise Stamp <louise@example.org>"
RICHARD = "Richard Chilcott <richard@example.org>"
WILL = ("-c", "user.name=Will Tuckley", "-c", "user.email=will@example.org")

NEW_ACTION = """id: '9.1'
title: Publish the community buildings register
theme: Property
objective: 9. Community buildings
officers: [Ann Sutcliffe]
deadline: Dec-17
status: On Target
progress: 10
"""


@dataclass
class Trail:
    """The store folder, its repository, and the commits made, by name."""

    store: Path
    top: Path
    shas: dict[str, str]


def _at(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """Make the next saves on ``day``: the commits' dates and the dates of new updates."""
    stamp = f"{day}T10:00:00+00:00"
    monkeypatch.setenv("GIT_AUTHOR_DATE", stamp)
    monkeypatch.setenv("GIT_COMMITTER_DATE", stamp)
    fixed = date.fromisoformat(day)

    class _Day(date):
        @classmethod
        def today(cls) -> date:
            return fixed

    monkeypatch.setattr(edit, "date", _Day)


def _bvtui(*args: str) -> None:
    assert main(list(args)) == 0, args


def _head(top: Path) -> str:
    return git(top, "rev-parse", "HEAD").strip()


def make_trail(make_repo, monkeypatch: pytest.MonkeyPatch) -> Trail:  # type: ignore[no-untyped-def]
    """Build the history in the module docstring; return the store and commit ids."""
    _at(monkeypatch, "2017-07-01")
    store = make_repo()
    top = store.parent
    s = ("--store", str(store))
    shas = {"fixture": _head(top)}

    _at(monkeypatch, "2017-08-01")
    _bvtui("set", *s, "elections-demo/1.3", "status=Delayed", "progress=40", "--author", LOUISE,
           "--update", "Venue fell through; rebooking.")  # fmt: skip
    shas["delayed"] = _head(top)

    _at(monkeypatch, "2017-08-15")
    path = store / "elections-demo" / "1.3.yaml"
    path.write_text(path.read_text().replace("progress: 40", "progress: 45"))
    git(top, *WILL, "commit", "-q", "-am", "nudge progress")
    shas["hand"] = _head(top)

    _at(monkeypatch, "2017-09-01")
    _bvtui("set", *s, "elections-demo/1.3", "revised_deadline=Jul-18",
           "--update", "Moved to July: new venue.")  # fmt: skip
    shas["slip"] = _head(top)

    _at(monkeypatch, "2017-09-10")
    git(top, "mv", "plans/elections-demo/1.3.yaml", "plans/elections-demo/1.3b.yaml")
    renamed = store / "elections-demo" / "1.3b.yaml"
    renamed.write_text(renamed.read_text().replace("id: '1.3'", "id: '1.3b'"))
    git(top, *WILL, "commit", "-q", "-am", "renumber 1.3")
    shas["rename"] = _head(top)

    _at(monkeypatch, "2017-09-14")
    _bvtui("snapshot", *s, "committee-2017-09-14", "--message", "As presented to committee")

    _at(monkeypatch, "2017-09-20")
    _bvtui("set", *s, "elections-demo/1.3b", "status=On Target", "--author", LOUISE)
    shas["better"] = _head(top)

    _at(monkeypatch, "2017-09-21")
    _bvtui("set", *s, "property-demo/6.1", "--author", RICHARD,
           "--update", "Validation meeting booked for October.")  # fmt: skip
    shas["update"] = _head(top)

    _at(monkeypatch, "2017-09-22")
    _bvtui("set", *s, "elections-demo/1.4", "status=Overdue", "--author", RICHARD)
    shas["worse"] = _head(top)

    _at(monkeypatch, "2017-09-23")
    (store / "property-demo" / "9.1.yaml").write_text(NEW_ACTION)
    git(top, "rm", "-q", "plans/property-demo/8.2.yaml")
    git(top, "add", "plans/property-demo/9.1.yaml")
    git(top, "commit", "-q", "-m", "add 9.1, drop 8.2")
    shas["add-remove"] = _head(top)
    monkeypatch.delenv("GIT_AUTHOR_DATE")
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    monkeypatch.setattr(edit, "date", date)
    return Trail(store, top, shas)


@pytest.fixture
def trail(make_repo, monkeypatch: pytest.MonkeyPatch) -> Trail:  # type: ignore[no-untyped-def]
    """The store with the audit trail above."""
    return make_trail(make_repo, monkeypatch)
