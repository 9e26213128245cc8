"""Importing workbooks as councils build them (issue 15, items 3, 4, 5, 9 and colours).

Each test builds a real xlsx with openpyxl (sheets, hidden sheets and columns, merged
cells, fills), imports it, and asserts the fields read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from bvtui.cli.main import main
from bvtui.importing import ImportedPlan, ImportError_, parse_file

HEADER = ["Ref", "Action", "Lead Officer", "Status"]


def parse_text(tmp_path: Path, text: str) -> ImportedPlan:
    """The plan read from ``text`` saved as a tab-separated file."""
    path = tmp_path / "plan.tsv"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def save(book: Workbook, tmp_path: Path, name: str = "plan.xlsx") -> Path:
    path = tmp_path / name
    book.save(path)
    return path


# -- 3. sheets ---------------------------------------------------------------------------


def themed_book() -> Workbook:
    book = Workbook()
    first = book.active
    first.title = "Governance"
    for row in (HEADER, ["1", "Review the constitution", "Ann Lee", "On track"],
                ["2", "Train members", "Bob Roy", "Delayed"]):  # fmt: skip
        first.append(row)
    second = book.create_sheet("Finance")
    for row in (HEADER, ["1", "Balance the budget", "Cy Dee", "Overdue"]):
        second.append(row)
    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    lists.append(["Action", "Status", "Lead"])  # a drop-down list longer than the plan
    for n in range(40):
        lists.append([f"Option {n}", "On track", "Someone"])
    return book


def test_every_visible_sheet_is_read_and_its_name_is_the_theme(tmp_path: Path) -> None:
    plan = parse_file(save(themed_book(), tmp_path))
    assert plan.problems == []
    assert [(a["id"], a["title"], a["theme"]) for a in plan.actions] == [
        ("1", "Review the constitution", "Governance"),
        ("2", "Train members", "Governance"),
        ("Finance-1", "Balance the budget", "Finance"),
    ]
    assert plan.themes == ["Governance", "Finance"]


def test_sheet_option_reads_one_sheet(tmp_path: Path) -> None:
    path = save(themed_book(), tmp_path)
    plan = parse_file(path, sheet="Finance")
    assert [(a["id"], a["title"]) for a in plan.actions] == [("1", "Balance the budget")]
    with pytest.raises(
        ImportError_, match="no sheet 'Money' \\(sheets: Governance, Finance, Lists"
    ):
        parse_file(path, sheet="Money")


def test_problems_name_the_sheet(capsys, store_dir: Path, tmp_path: Path) -> None:
    book = themed_book()
    book["Finance"].append(["", "No ref here", "Cy Dee", "Overdue"])
    path = save(book, tmp_path)
    main(["import", str(path), "--plan", "mine", "--store", str(store_dir)])
    _, err = capsys.readouterr()
    assert f"{path}:Finance:3: no Ref for 'No ref here'" in err.splitlines()


def test_hidden_columns_are_not_read(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Old status", "Status"])
    sheet.append(["1", "Do A", "Overdue", "On track"])
    sheet.column_dimensions["C"].hidden = True
    item = parse_file(save(book, tmp_path)).actions[0]
    assert item["status"] == "On track"
    assert item["extra"] == {}


# -- 4. merged cells and section rows ----------------------------------------------------------


def test_a_theme_merged_down_fills_every_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Theme", "Action", "Lead Officer"])
    sheet.append(["Housing", "Repair homes", "Ann Lee"])
    sheet.append([None, "Build homes", "Bob Roy"])
    sheet.append([None, "Let homes", "Cy Dee"])
    sheet.merge_cells("A2:A4")
    plan = parse_file(save(book, tmp_path))
    assert [a["theme"] for a in plan.actions] == ["Housing"] * 3


def test_a_ref_merged_over_milestone_rows_numbers_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Milestone", "Lead Officer"])
    sheet.append(["3", "Draft the policy", "Ann Lee"])
    sheet.append([None, "Consult on it", "Ann Lee"])
    sheet.append(["4", "Publish it", "Bob Roy"])
    sheet.merge_cells("A2:A3")
    plan = parse_file(save(book, tmp_path))
    assert plan.problems == []
    assert [(a["id"], a["title"]) for a in plan.actions] == [
        ("3.1", "Draft the policy"),
        ("3.2", "Consult on it"),
        ("4", "Publish it"),
    ]


def test_section_rows_are_themes_and_objectives_not_text(tmp_path: Path) -> None:
    text = (
        "Ref\tAction\tLead Officer\n"
        "Governance and leadership\n"
        "1\tReview the constitution\tAnn Lee\n"
        "\tPriority 2: Finance\n"
        "Recommendation 3: Strengthen budget setting\n"
        "2\tSet the budget early\tBob Roy\n"
    )
    plan = parse_text(tmp_path, text)
    assert plan.problems == []
    first, second = plan.actions
    assert (first["title"], first["theme"]) == (
        "Review the constitution",
        "Governance and leadership",
    )
    assert (second["theme"], second["objective"]) == (
        "Priority 2: Finance",
        "Recommendation 3: Strengthen budget setting",
    )


def test_section_row_merged_across_the_table(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Lead Officer"])
    sheet.append(["Priority 1: Housing"])
    sheet.merge_cells("A2:C2")
    sheet.append(["1", "Repair homes", "Ann Lee"])
    plan = parse_file(save(book, tmp_path))
    assert plan.problems == []
    assert [(a["title"], a["theme"]) for a in plan.actions] == [
        ("Repair homes", "Priority 1: Housing")
    ]


# -- 5. quarter columns ---------------------------------------------------------------------------


def test_one_update_per_quarter_column_and_the_latest_is_the_period(tmp_path: Path) -> None:
    text = (
        "Ref\tAction\tQ1 update\tQ2 update\tQ3 update\n"
        "1\tDo A\tStarted\tHalf way\tNearly done\n"
        "2\tDo B\tPlanned\t\t\n"
    )
    plan = parse_text(tmp_path, text)
    assert plan.period == "Q3"
    first, second = plan.actions
    assert first["updates"] == [
        {"period": "Q1", "text": "Started"},
        {"period": "Q2", "text": "Half way"},
        {"period": "Q3", "text": "Nearly done"},
    ]
    assert second["updates"] == [{"period": "Q1", "text": "Planned"}]


# -- 9. page furniture, footnotes, key rows -------------------------------------------------------


def test_page_furniture_and_footnotes_are_not_plan_text(tmp_path: Path) -> None:
    text = (
        "OFFICIAL\n"
        "Ref\tAction\tLead Officer\n"
        "1\tReview the constitution\tAnn Lee\n"
        "\tPage 2 of 4\n"
        "\tOFFICIAL\n"
        "2\tTrain members\tBob Roy\n"
        "* Actions carried over from 2023/24\n"
    )
    plan = parse_text(tmp_path, text)
    assert plan.problems == []
    assert [(a["title"], a["theme"]) for a in plan.actions] == [
        ("Review the constitution", ""),
        ("Train members", ""),
    ]
    assert plan.themes == []


# -- 1. a status given as a colour ------------------------------------------------------------------


def test_a_status_given_only_as_a_fill_colour(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "RAG"])
    sheet.append(["1", "Do A", None])
    sheet.append(["2", "Do B", "●"])
    sheet.append(["3", "Do C", None])
    sheet["C2"].fill = PatternFill("solid", fgColor="FF00B050")  # Excel's green
    sheet["C3"].fill = PatternFill("solid", fgColor="FFFFC000")  # Excel's amber
    plan = parse_file(save(book, tmp_path))
    assert [a["status"] for a in plan.actions] == ["Green", "Amber", ""]
    assert plan.statuses == {"Green": "green", "Amber": "amber"}


def test_a_key_sheet_gives_the_codes_their_colour(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Status"])
    sheet.append(["1", "Do A", "P"])
    sheet.append(["2", "Do B", "S"])
    key = book.create_sheet("Key")
    for row in (["Code", "Meaning"], ["P", "Complete"], ["S", "Some slippage"]):
        key.append(row)
    plan = parse_file(save(book, tmp_path))
    assert [a["title"] for a in plan.actions] == ["Do A", "Do B"]
    assert plan.statuses == {"P": "blue", "S": "amber"}
