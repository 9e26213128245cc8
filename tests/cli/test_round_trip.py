"""The round trip issue 16 names: packets for two officers, filled in with openpyxl as a
person would in Excel (open, type into cells, save), collected back into commits."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from bvtui.model.packet import COLUMN_OF, HEADER_ROW
from bvtui.store import Store
from tests.conftest import git, run

Q3 = "2017-18 Q3"


def fill(path: Path, rows: dict[str, dict[str, object]]) -> dict[str, int]:
    """Type values into the rows of the actions named (by ref), as Excel would save
    them; each ref's sheet row."""
    book = load_workbook(path)
    sheet = book["Updates"]
    where = {
        sheet.cell(row, COLUMN_OF["ref"]).value: row
        for row in range(HEADER_ROW + 1, sheet.max_row + 1)
    }
    for ref, values in rows.items():
        for key, value in values.items():
            sheet.cell(where[ref], COLUMN_OF[key]).value = value
    book.save(path)
    return where


def with_officers_table(store: Path) -> None:
    plan = store / "property-demo" / "plan.yaml"
    plan.write_text(
        plan.read_text() + "officers:\n  Richard Chilcott: richard.chilcott@example.gov.uk\n"
    )
    git(store.parent, "commit", "-qam", "officers table")


def test_two_officers_one_edits_three_one_untouched_one_changed_meanwhile(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    with_officers_table(store_dir)
    out_dir = tmp_path / "round"
    out_dir.mkdir()
    code, _, err = run(
        capsys,
        "packets",
        "--store",
        str(store_dir),
        "--period",
        Q3,
        "-o",
        str(out_dir),
        "--plan",
        "property-demo,elections-demo",
    )
    assert code == 0, err
    richard, louise = out_dir / "Richard Chilcott.xlsx", out_dir / "Louise Stamp.xlsx"
    rows = fill(
        richard,
        {
            "property-demo/6.1": {"new_update": "Surveys done.", "new_status": "Delayed"},
            "property-demo/6.4": {"new_progress": 60},
            "property-demo/8.2": {
                "new_update": "Lease signed.",
                "new_status": "completed",
                "new_progress": 100,
            },
        },
    )
    # 6.4's update is the last quarter's, copied across (as a hurried officer would)
    book = load_workbook(richard)
    sheet = book["Updates"]
    row = rows["property-demo/6.4"]
    last = sheet.cell(row, COLUMN_OF["last_update"]).value
    sheet.cell(row, COLUMN_OF["new_update"]).value = last
    book.save(richard)
    # meanwhile someone edits 8.2 in the app or with bvtui set
    code, _, err = run(capsys, "set", "--store", str(store_dir), "8.2", "progress=55")
    assert code == 0, err
    before = git(store_dir.parent, "rev-parse", "HEAD").strip()

    code, out, err = run(
        capsys, "collect", "--store", str(store_dir), str(richard), str(louise), "--yes"
    )

    assert code == 1  # something was not applied: said on stderr
    assert "property-demo/6.1  status: Overdue -> Delayed" in out
    assert "property-demo/6.1  update (2017-18 Q3): Surveys done." in out
    assert "property-demo/6.4  progress: 30 -> 60" in out
    assert "4 changes to 2 actions from 1 officer; 2 returned unchanged; 1 not applied" in out
    refusal = [
        line for line in err.splitlines() if "8.2" in line and "changed in the store" in line
    ]
    assert refusal and refusal[0].startswith(
        f"bvtui: {richard}: sheet Updates, row {rows['property-demo/8.2']}, Ref"
    )
    log = git(store_dir.parent, "log", "--format=%an <%ae>|%cn|%s", f"{before}..HEAD").splitlines()
    assert len(log) == 2  # 6.1 and 6.4; nothing from Louise, nothing of 8.2
    assert all(
        line.startswith("Richard Chilcott <richard.chilcott@example.gov.uk>|Test Officer|")
        for line in log
    )
    assert {line.rsplit("|", 1)[1].split(":")[0] for line in log} == {
        "property-demo/6.1",
        "property-demo/6.4",
    }
    store = Store.open(store_dir)
    six_one = store.find("property-demo/6.1")
    assert six_one.status == "Delayed"
    assert (six_one.updates[-1].period, six_one.updates[-1].text) == (Q3, "Surveys done.")
    assert store.find("property-demo/6.4").progress == 60
    eight_two = store.find("property-demo/8.2")
    assert eight_two.progress == 55 and eight_two.status != "Completed"  # the later edit stands
    kept = json.loads(
        (store_dir.parent / ".git/bvtui/unapplied/property-demo/8.2.json").read_text()
    )
    assert kept["values"] == {"status": "completed", "progress": "100"}
    assert (kept["update"], kept["period"]) == ("Lease signed.", Q3)
    assert "kept aside in" in err and "8.2.json" in err
    # the warnings the plan officer reads before the pack goes out
    code, out, err = run(capsys, "validate", "--store", str(store_dir), "--warnings")
    assert code == 0, err
    assert (
        f"{store_dir}/property-demo/6.4.yaml: updates: the 2017-18 Q3 update is the "
        "2017-18 Q2 one unchanged (copied?) (warning)"
    ) in out
