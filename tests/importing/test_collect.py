"""``bvtui collect``: what a returned packet may say, and what is refused (one line
each, nothing lost), on real packets filled in with openpyxl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bvtui.store import Store
from tests.conftest import git, run

Q3 = "2017-18 Q3"


@pytest.fixture
def louise(capsys, store_dir: Path, tmp_path: Path) -> Path:
    """Louise Stamp's packet (1.4 in row 4, 1.10 in row 5) for 2017-18 Q3."""
    out_dir = tmp_path / "round"
    out_dir.mkdir()
    code, _, err = run(
        capsys, "packets", "--store", str(store_dir), "--period", Q3, "-o", str(out_dir)
    )
    assert code == 0, err
    return out_dir / "Louise Stamp.xlsx"


def type_into(path: Path, cells: dict[str, object], number_format: str | None = None) -> None:
    book = load_workbook(path)
    sheet = book["Updates"]
    for where, value in cells.items():
        sheet[where] = value
        if number_format:
            sheet[where].number_format = number_format
    book.save(path)


def head(store: Path) -> str:
    return git(store.parent, "rev-parse", "HEAD").strip()


def kept(store: Path, ref: str) -> dict:
    return json.loads((store.parent / ".git/bvtui/unapplied" / f"{ref}.json").read_text())


def test_preview_alone_saves_nothing(capsys, store_dir: Path, louise: Path) -> None:
    type_into(louise, {"J4": "Delayed"})
    before = head(store_dir)
    code, out, err = run(capsys, "collect", "--store", str(store_dir), str(louise))
    assert code == 0, err
    assert "elections-demo/1.4  status: On Target -> Delayed  (Louise Stamp <>)" in out
    assert "nothing saved: run again with --yes" in out
    assert head(store_dir) == before


def test_officer_with_no_email_authors_as_name_alone(capsys, store_dir: Path, louise: Path) -> None:
    type_into(louise, {"I4": "Booked.", "K4": 0.45}, number_format="0%")
    code, _out, err = run(capsys, "collect", "--store", str(store_dir), str(louise), "--yes")
    assert code == 0, err
    assert (
        git(store_dir.parent, "log", "-1", "--format=%an|%ae|%cn") == "Louise Stamp||Test Officer\n"
    )
    assert Store.open(store_dir).find("elections-demo/1.4").progress == 45  # 45% is 45


def test_a_bad_value_refuses_that_action_only_and_keeps_it(
    capsys, store_dir: Path, louise: Path
) -> None:
    type_into(louise, {"J4": "Sort of fine", "I4": "Nearly.", "K5": 35})
    code, _out, err = run(capsys, "collect", "--store", str(store_dir), str(louise))
    [line] = [line for line in err.splitlines() if "Sort of fine" in line]
    assert line.endswith("; its returned values will be kept aside when the changes are saved")
    assert not (store_dir.parent / ".git/bvtui/unapplied").exists()  # a preview keeps nothing
    code, _out, err = run(capsys, "collect", "--store", str(store_dir), str(louise), "--yes")
    assert code == 1
    [line] = [line for line in err.splitlines() if "Sort of fine" in line]  # said once
    assert line.startswith(f"bvtui: {louise}: sheet Updates, row 4, New status: 'Sort of fine': ")
    assert "is not one of this plan's statuses: Completed, On Target, Delayed, Overdue" in line
    path = store_dir.parent / ".git/bvtui/unapplied/elections-demo/1.4.json"
    assert line.endswith(
        f"; its returned values kept aside in {path} (the app offers them when the action is opened)"
    )
    store = Store.open(store_dir)
    assert store.find("elections-demo/1.4").status == "On Target"  # nothing of 1.4 saved
    assert store.find("elections-demo/1.10").progress == 35  # the other row is saved
    assert kept(store_dir, "elections-demo/1.4")["values"] == {"status": "Sort of fine"}
    assert kept(store_dir, "elections-demo/1.4")["update"] == "Nearly."


def test_a_locked_cell_edited_refuses_the_row(capsys, store_dir: Path, louise: Path) -> None:
    type_into(louise, {"B4": "A better title", "K4": 90})
    code, _, err = run(capsys, "collect", "--store", str(store_dir), str(louise), "--yes")
    assert code == 1
    assert (
        f"bvtui: {louise}: sheet Updates, row 4, Action: 'A better title': edited outside the update columns"
        in err
    )
    assert Store.open(store_dir).find("elections-demo/1.4").progress == 20
    assert kept(store_dir, "elections-demo/1.4")["values"] == {"progress": "90"}


def test_cells_outside_the_action_rows_are_reported(capsys, store_dir: Path, louise: Path) -> None:
    type_into(louise, {"N4": "see me", "B9": "a new action?", "C2": "note", "I5": "Done."})
    code, _out, err = run(capsys, "collect", "--store", str(store_dir), str(louise), "--yes")
    assert code == 1
    assert f"{louise}: sheet Updates, row 4, column N: 'see me': written outside" in err
    assert f"{louise}: sheet Updates, row 2, column C: 'note': written outside" in err
    assert f"{louise}: sheet Updates, row 9: 'a new action?': a row with no Ref" in err
    assert Store.open(store_dir).find("elections-demo/1.10").updates[-1].text == "Done."


def test_a_formula_is_never_taken_as_a_value(capsys, store_dir: Path, louise: Path) -> None:
    type_into(louise, {"I4": '=HYPERLINK("http://x","y")'})
    code, _, err = run(capsys, "collect", "--store", str(store_dir), str(louise), "--yes")
    assert code == 1
    assert 'row 4, New update: \'=HYPERLINK("http://x","y")\': a formula, not a value' in err
    assert Store.open(store_dir).find("elections-demo/1.4").updates[-1].period == "2017-18 Q2"


def test_not_a_packet_is_one_line(capsys, store_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "plan.xlsx"
    from openpyxl import Workbook

    Workbook().save(other)
    code, _, err = run(capsys, "collect", "--store", str(store_dir), str(other))
    assert code == 1
    assert err.count("\n") == 1 and f"{other}: not an update packet" in err


def test_an_untouched_row_of_an_action_changed_since_is_not_a_problem(
    capsys, store_dir: Path, louise: Path
) -> None:
    code, _, err = run(capsys, "set", "--store", str(store_dir), "1.4", "progress=25")
    assert code == 0, err
    code, out, err = run(capsys, "collect", "--store", str(store_dir), str(louise), "--yes")
    assert (code, err) == (0, "")
    assert "2 returned unchanged\n" in out


def test_a_packet_collected_twice_changes_nothing_the_second_time(
    capsys, store_dir: Path, louise: Path
) -> None:
    type_into(louise, {"I4": "Booked.", "J4": "delayed", "K5": 30})
    code, _, err = run(capsys, "collect", "--store", str(store_dir), str(louise), "--yes")
    assert code == 0, err
    before = head(store_dir)
    code, out, err = run(capsys, "collect", "--store", str(store_dir), str(louise), "--yes")
    assert (code, err) == (0, "")
    assert "0 changes to 0 actions from 0 officers; 0 returned unchanged; 2 saved already" in out
    assert head(store_dir) == before
    assert not (store_dir.parent / ".git/bvtui/unapplied").exists()


def test_a_packet_with_its_headings_changed_is_not_read(
    capsys, store_dir: Path, louise: Path
) -> None:
    type_into(louise, {"C3": "Status now", "I4": "Booked."})
    before = head(store_dir)
    code, _, err = run(capsys, "collect", "--store", str(store_dir), str(louise), "--yes")
    assert code == 1
    assert (
        f"bvtui: {louise}: sheet Updates, row 3, column 3: 'Status now': the heading 'Status' was changed; the packet is not read"
        in err
    )
    assert head(store_dir) == before
