"""The field-by-field three-way merge on file texts, without git."""

from __future__ import annotations

from bvtui.sharing import merge_texts
from bvtui.store import read_mapping

BASE = """id: '1.3'
title: Polling stations   # the milestone's own words
status: On Target
progress: 20
updates:
- period: 2017-18 Q1
  text: First.
extra:
  Source: AGS
"""


def merge(mine: str, theirs: str, base: str = BASE) -> tuple[str, bool]:
    return merge_texts(base, mine, theirs, "plans/demo/1.3.yaml")


def test_disjoint_fields_both_land_and_comments_survive() -> None:
    mine = BASE.replace("status: On Target", "status: Delayed")
    theirs = BASE.replace("progress: 20", "progress: 40")
    text, clean = merge(mine, theirs)
    assert clean
    assert "status: Delayed" in text and "progress: 40" in text
    assert "# the milestone's own words" in text


def test_updates_union_ordered_by_period_then_date() -> None:
    added = "- period: {p}\n  date: {d}\n  text: {t}\n"
    mine = BASE.replace(
        "extra:", added.format(p="2017-18 Q3", d="2017-12-01", t="Mine.") + "extra:"
    )
    theirs = BASE.replace(
        "extra:",
        added.format(p="2017-18 Q2", d="2017-09-30", t="Theirs.")
        + added.format(p="2017-18 Q3", d="2017-11-01", t="Theirs later.")
        + "extra:",
    )
    text, clean = merge(mine, theirs)
    assert clean
    texts = [u["text"] for u in read_mapping(text, "x")["updates"]]
    assert texts == ["First.", "Theirs.", "Theirs later.", "Mine."]


def test_decisions_of_two_clerks_are_both_kept() -> None:
    decision = "decisions:\n- date: '{d}'\n  meeting: {m}\n  text: {t}\n"
    mine = BASE + decision.format(d="2017-10-12", m="Board", t="Breakdown requested")
    theirs = BASE + decision.format(d="2017-10-13", m="Scrutiny", t="Officer to attend")
    text, clean = merge(mine, theirs)
    assert clean
    texts = [d["text"] for d in read_mapping(text, "x")["decisions"]]
    assert texts == ["Breakdown requested", "Officer to attend"]


def test_an_update_removed_on_one_side_stays_removed() -> None:
    mine = BASE.replace(
        "- period: 2017-18 Q1\n  text: First.\n",
        "- period: 2017-18 Q1\n  text: First, corrected.\n",
    )
    theirs = BASE.replace("updates:", "updates:\n- period: 2017-18 Q2\n  text: Second.")
    text, clean = merge(mine, theirs)
    assert clean
    texts = [u["text"] for u in read_mapping(text, "x")["updates"]]
    assert texts == ["First, corrected.", "Second."]


def test_extra_merges_key_by_key_and_conflicts_are_named() -> None:
    mine = BASE.replace("  Source: AGS", "  Source: AGS\n  Member Lead: Cllr A")
    theirs = BASE.replace("  Source: AGS", "  Source: PwC")
    text, clean = merge(mine, theirs)
    assert clean
    assert read_mapping(text, "x")["extra"] == {"Source": "PwC", "Member Lead": "Cllr A"}
    mine2 = BASE.replace("  Source: AGS", "  Source: Audit")
    text, clean = merge(mine2, theirs)
    assert not clean
    data = read_mapping(text, "x")
    assert data["extra"]["Source"] == "Audit"
    assert data["conflicts"] == {"extra.Source": {"base": "AGS", "mine": "Audit", "theirs": "PwC"}}


def test_same_field_two_values_keeps_both() -> None:
    mine = BASE.replace("status: On Target", "status: Delayed")
    theirs = BASE.replace("status: On Target", "status: Completed").replace("20", "100")
    text, clean = merge(mine, theirs)
    assert not clean
    data = read_mapping(text, "x")
    assert data["status"] == "Delayed" and data["progress"] == "100"
    assert data["conflicts"] == {
        "status": {"base": "On Target", "mine": "Delayed", "theirs": "Completed"}
    }
    assert "progress: 100\n" in text  # taken from theirs with its own (unquoted) style


def test_both_sides_added_the_same_file() -> None:
    text, clean = merge(BASE, BASE, base="")
    assert clean and text == BASE


def test_evidence_attached_in_two_clones_is_all_kept() -> None:
    entry = "- file: {f}\n  blob: {b}\n  added: {d}\n"
    mine = BASE.replace(
        "extra:",
        "evidence:\n" + entry.format(f="minutes.pdf", b="a" * 40, d="2017-09-14") + "extra:",
    )
    theirs = BASE.replace(
        "extra:",
        "evidence:\n" + entry.format(f="letter.pdf", b="b" * 40, d="2017-09-12") + "extra:",
    )
    text, clean = merge(mine, theirs)
    assert clean
    files = [item["file"] for item in read_mapping(text, "x")["evidence"]]
    assert files == ["letter.pdf", "minutes.pdf"]
