"""A meeting's decision is appended to the action's ``decisions:`` and committed through
the one save path, with a ``Meeting:`` trailer; bad text is refused and changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bvtui.model import decisions_of, with_decision
from bvtui.store import Store
from tests.conftest import git

DAY = date(2017, 10, 12)


def test_a_decision_is_one_commit_with_a_meeting_trailer(store_dir: Path) -> None:
    store = Store.open(store_dir)
    action = store.find("elections-demo/1.4")
    decided = with_decision(action, "Board 12/10", "Officer to attend next meeting", DAY)
    result = store.save_action(decided, trailers={"Meeting": "Board 12/10"})
    assert result.commit
    top = store_dir.parent
    subject = git(top, "log", "-1", "--format=%s").strip()
    assert subject == "elections-demo/1.4: decision (Board 12/10)"
    body = git(top, "log", "-1", "--format=%B")
    assert "Decision Board 12/10:\n    Officer to attend next meeting" in body
    trailers = git(top, "log", "-1", "--format=%(trailers:only,unfold)").strip()
    assert trailers == "Action: elections-demo/1.4\nFields: decisions\nMeeting: Board 12/10"
    text = (store_dir / "elections-demo" / "1.4.yaml").read_text()
    assert text.endswith(
        "decisions:\n- date: '2017-10-12'\n  meeting: Board 12/10\n"
        "  text: Officer to attend next meeting\n"
    )
    again = Store.open(store_dir).find("elections-demo/1.4")
    assert [(d.meeting, d.day, d.text) for d in decisions_of(again)] == [
        ("Board 12/10", "2017-10-12", "Officer to attend next meeting")
    ]
    second = with_decision(again, "Board 12/10", "Breakdown requested", DAY)
    assert Store.open(store_dir).save_action(second, trailers={"Meeting": "Board 12/10"}).commit
    assert len(decisions_of(Store.open(store_dir).find("elections-demo/1.4"))) == 2
    assert git(top, "status", "--porcelain").strip() == ""


@pytest.mark.parametrize(
    ("meeting", "text", "said"),
    [
        ("Board", "   ", "decision: empty"),
        ("", "Breakdown requested", "meeting name: empty"),
        ("Board\nAction: x", "Breakdown requested", "one line"),
        ("Board", "Breakdown\x1b[2J requested", "one line"),
    ],
)
def test_bad_text_is_refused(store_dir: Path, meeting: str, text: str, said: str) -> None:
    action = Store.open(store_dir).find("elections-demo/1.4")
    with pytest.raises(ValueError, match=said):
        with_decision(action, meeting, text, DAY)
    assert "decisions" not in action.other
