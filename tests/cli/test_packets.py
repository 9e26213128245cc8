"""``bvtui packets``: one workbook per lead officer, read back with openpyxl as Excel
would open it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from bvtui.model.packet import COLUMN_OF, HEADER_ROW, packet_file_name
from bvtui.store import Store
from tests.conftest import git, run

Q3 = "2017-18 Q3"


def column(key: str) -> int:
    return COLUMN_OF[key]


def test_one_packet_per_lead_officer_with_their_due_actions(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = run(
        capsys, "packets", "--store", str(store_dir), "--period", Q3, "-o", str(out_dir)
    )
    assert code == 0, err
    names = sorted(path.name for path in out_dir.iterdir())
    # the first officer an action names is its lead; "Andreas" is an alias
    assert names == [
        "Andreas Christophorou.xlsx",
        "Louise Stamp.xlsx",
        "Richard Chilcott.xlsx",
        "Will Tuckley.xlsx",
    ]
    assert "4 packets, 8 actions due an update for 2017-18 Q3" in out
    sheet = load_workbook(out_dir / "Louise Stamp.xlsx")["Updates"]
    refs = [
        sheet.cell(row, column("ref")).value for row in range(HEADER_ROW + 1, sheet.max_row + 1)
    ]
    assert refs == ["elections-demo/1.4", "elections-demo/1.10"]  # 1.9 is complete: not due
    row = HEADER_ROW + 1
    assert sheet.cell(row, column("status")).value == "On Target"
    assert sheet.cell(row, column("progress")).value == 20
    assert sheet.cell(row, column("deadline")).value == "Jun-17"
    assert sheet.cell(row, column("last_period")).value == "2017-18 Q2"
    assert sheet.cell(row, column("last_update")).value.startswith("Initial training")
    action = Store.open(store_dir).find("elections-demo/1.4")
    assert sheet.cell(row, column("made_from")).value == action.digest
    assert sheet.column_dimensions["L"].hidden


def test_drop_down_of_statuses_progress_checked_and_only_new_columns_open(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "packets", "--store", str(store_dir), "--period", Q3, "-o", str(tmp_path)
    )
    assert code == 0, err
    book = load_workbook(tmp_path / "Louise Stamp.xlsx")
    sheet = book["Updates"]
    validations = {dv.type: dv for dv in sheet.data_validations.dataValidation}
    status, progress = validations["list"], validations["whole"]
    assert "J4" in status.sqref and "J5" in status.sqref
    listed, where = status.formula1.lstrip("=").split("!")
    cells = book[listed.strip("'")][where.replace("$", "")]
    assert [cell.value for (cell,) in cells] == ["Completed", "On Target", "Delayed", "Overdue"]
    assert book[listed.strip("'")].sheet_state == "hidden"
    assert (progress.operator, progress.formula1, progress.formula2) == ("between", "0", "100")
    assert "K4" in progress.sqref
    assert sheet.protection.sheet
    row = HEADER_ROW + 1
    for key in ("new_update", "new_status", "new_progress"):
        assert not sheet.cell(row, column(key)).protection.locked
    for key in ("ref", "title", "status", "made_from"):
        assert sheet.cell(row, column(key)).protection.locked


def test_text_is_never_a_formula(capsys, store_dir: Path, tmp_path: Path) -> None:
    path = store_dir / "elections-demo" / "1.4.yaml"
    text = path.read_text().replace(
        "title: Train 40/50", 'title: \'=HYPERLINK("http://evil","x")\' #'
    )
    path.write_text(text)
    git(store_dir.parent, "commit", "-qam", "hostile title")
    code, _, err = run(
        capsys, "packets", "--store", str(store_dir), "--period", Q3, "-o", str(tmp_path)
    )
    assert code == 0, err
    cell = load_workbook(tmp_path / "Louise Stamp.xlsx")["Updates"].cell(
        HEADER_ROW + 1, column("title")
    )
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil","x")'


def test_a_packet_already_there_is_not_written_over(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "Will Tuckley.xlsx").write_bytes(b"returned already")
    code, _, err = run(
        capsys, "packets", "--store", str(store_dir), "--period", Q3, "-o", str(tmp_path)
    )
    assert code == 1
    assert "Will Tuckley.xlsx: a packet is there already" in err
    assert (tmp_path / "Will Tuckley.xlsx").read_bytes() == b"returned already"
    assert not (tmp_path / "Louise Stamp.xlsx").exists()  # nothing written
    code, _, err = run(
        capsys, "packets", "--store", str(store_dir), "--period", Q3, "-o", str(tmp_path), "--force"
    )
    assert code == 0, err
    assert load_workbook(tmp_path / "Will Tuckley.xlsx")["Updates"]


def test_the_folder_is_made_as_the_readme_writes_it(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    """``-o round-q3/`` (the README's example) makes the folder; a file there is refused."""
    out_dir = tmp_path / "round-q3"
    code, _, err = run(
        capsys, "packets", "--store", str(store_dir), "--period", Q3, "-o", f"{out_dir}/"
    )
    assert code == 0, err
    assert (out_dir / "Louise Stamp.xlsx").is_file()
    (tmp_path / "a-file").write_text("not a folder")
    code, _, err = run(
        capsys, "packets", "--store", str(store_dir), "--period", Q3, "-o", str(tmp_path / "a-file")
    )
    assert code == 1
    assert err.strip().endswith("a-file: not a folder")
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_the_plans_period_by_default_and_none_due_writes_nothing(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = run(capsys, "packets", "--store", str(store_dir), "-o", str(out_dir))
    assert code == 0, err
    # in 2017-18 Q2 (both plans' period) only 8.2 has no update yet
    assert [p.name for p in out_dir.iterdir()] == ["Richard Chilcott.xlsx"]
    code, out, err = run(
        capsys,
        "packets",
        "--store",
        str(store_dir),
        "--plan",
        "elections-demo",
        "-o",
        str(out_dir / "x"),
    )
    assert code == 0 and "no action is due an update for 2017-18 Q2" in out


def test_plans_in_different_periods_need_one_named(capsys, store_dir: Path, tmp_path: Path) -> None:
    plan = store_dir / "property-demo" / "plan.yaml"
    plan.write_text(plan.read_text().replace("period: 2017-18 Q2", "period: 2017-18 Q3"))
    git(store_dir.parent, "commit", "-qam", "next round for property")
    code, _, err = run(capsys, "packets", "--store", str(store_dir), "-o", str(tmp_path))
    assert code == 1
    assert err.count("\n") == 1 and "different current periods" in err
    assert "elections-demo: 2017-18 Q2" in err and "property-demo: 2017-18 Q3" in err


def test_a_named_period_writes_packets_only_for_the_plans_in_that_round(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    plan = store_dir / "property-demo" / "plan.yaml"
    plan.write_text(plan.read_text().replace("period: 2017-18 Q2", "period: 2017-18 Q3"))
    git(store_dir.parent, "commit", "-qam", "property's Q3 round opened")
    out_dir = tmp_path / "out"
    code, _, err = run(
        capsys, "packets", "--store", str(store_dir), "--period", Q3, "-o", str(out_dir)
    )
    assert code == 0, err
    assert "elections-demo (2017-18 Q2)" in err and err.count("\n") == 1
    assert list(out_dir.iterdir())
    for path in out_dir.iterdir():
        sheet = load_workbook(path).active
        refs = [
            row[column("ref") - 1]
            for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
        ]
        assert refs and all(str(ref).startswith("property-demo/") for ref in refs if ref)


@pytest.mark.parametrize(
    ("officer", "expected"),
    [
        ("Louise Stamp", "Louise Stamp.xlsx"),
        ("../../etc/passwd", "_.._etc_passwd.xlsx"),
        ("CON", "_CON.xlsx"),
        ("Zoë O'Neil\x1b[31m", "Zo_ O_Neil_31m.xlsx"),
        ("...", "officer.xlsx"),
    ],
)
def test_file_names_are_safe(officer: str, expected: str) -> None:
    assert packet_file_name(officer, set()) == expected


def test_file_names_are_unique_ignoring_case() -> None:
    taken: set[str] = set()
    assert packet_file_name("Ann Lee", taken) == "Ann Lee.xlsx"
    assert packet_file_name("ann lee", taken) == "ann lee (2).xlsx"
