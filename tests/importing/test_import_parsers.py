"""The import parser on ordinary council spreadsheets and small documents, reading
files (line numbers, cleaned cells), and the field parsers (officers, progress)."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from bvtui.importing import (
    ImportError_,
    ImportProblem,
    clean_cell,
    officer_aliases,
    parse_file,
    parse_progress,
    read_table,
    split_officers,
)

DATA = Path(__file__).parent.parent / "data" / "import"


# -- ordinary spreadsheets ------------------------------------------------------------


CSV_ROWS = [
    ["Comments", "Status", "RAG Status", "Lead", "Action", "Due Date", "Progress %", "Theme",
     "Objective", "Member Lead"],
    ["Venue booked, contract signed", "Complete", "Green", "Jane Smith & Raj Patel",
     "Book the count venue", "31/01/2018", "100%", "Elections", "1. Plan the count", "Cllr Brown"],
    ["Draft ready", "On track", "Green", "Jane", "Write count procedures", "Mar-18", "40",
     "Elections", "1. Plan the count", ""],
    ["", "Not started", "", "Raj Patel", "Train count staff", "Apr-18", "abc", "Elections",
     "1. Plan the count", ""],
    ["Agreed", "On Track", "", "Ann Lee; Bob Roy", "Publish the notice", "May-18", "10%",
     "Communications", "2. Notices", ""],
]  # fmt: skip


def test_csv_with_synonyms_in_any_order_and_a_bad_cell(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(CSV_ROWS)
    plan = parse_file(path)
    assert plan.problems == []
    reason = "column 'Progress %': progress 'abc' is not a number 0-100; kept as written in extra"
    assert plan.warnings == [ImportProblem(4, reason)]
    assert [item["id"] for item in plan.actions] == ["1.1", "1.2", "1.3", "2.1"]
    assert plan.actions[2]["progress"] is None
    assert plan.actions[2]["extra"]["Progress %"] == "abc"
    first = plan.actions[0]
    assert first["title"] == "Book the count venue"
    assert first["officers"] == ["Jane Smith", "Raj Patel"]
    assert first["status"] == "Complete"
    assert first["progress"] == 100
    assert first["deadline"] == "31/01/2018"
    assert first["objective"] == "1. Plan the count"
    assert first["updates"] == [{"period": "", "text": "Venue booked, contract signed"}]
    assert first["extra"] == {"RAG Status": "Green", "Member Lead": "Cllr Brown"}
    assert plan.actions[1]["progress"] == 40
    assert plan.actions[3]["status"] == "On track"  # "On Track" written in the plan's spelling
    assert plan.themes == ["Elections", "Communications"]
    assert plan.officer_aliases == {"Jane": "Jane Smith"}


def test_csv_with_semicolons_and_no_grouping_numbers_rows(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Milestone;Owner;Deadline\nFirst;A B;May-18\nSecond;C D;Jun-18\n", "utf-8")
    plan = parse_file(path)
    assert [(item["id"], item["title"], item["officers"]) for item in plan.actions] == [
        ("1", "First", ["A B"]),
        ("2", "Second", ["C D"]),
    ]


def test_xlsx_with_ids_percent_cells_dates_and_bad_rows(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Q3 Update", "% Comp", "Ref", "SMT Lead", "Milestones", "Timescale",
                  "Status", "Officer or Member action"])  # fmt: skip
    sheet.append(["Going well", 0.5, "A1", "Head of HR", "Review policy",
                  datetime.datetime(2018, 3, 31), "On target", "Officer"])  # fmt: skip
    sheet.append([None, 1.5, "A2", "Head of HR", "Too far", "Apr-18", "Complete", None])
    sheet.append([None, None, "A1", "Head of HR", "Same id again", None, None, None])
    sheet.append(["Fine", "25%", "A 3", "Head of HR", "Id with a space", None, "Complete", None])
    sheet["B2"].number_format = "0%"
    sheet["B3"].number_format = "0%"
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    plan = parse_file(path)
    assert plan.problems == [ImportProblem(4, "id 'A1' is used again (first on line 2)")]
    assert plan.warnings == [
        ImportProblem(
            3, "column '% Comp': progress '150%' is not a number 0-100; kept as written in extra"
        )
    ]
    first, second, third = plan.actions
    assert second["progress"] is None and second["extra"]["% Comp"] == "150%"
    assert first["id"] == "A1"
    assert first["progress"] == 50
    assert first["deadline"] == "2018-03-31"
    assert first["officers"] == ["Head of HR"]
    assert first["updates"] == [{"period": "Q3", "text": "Going well"}]
    assert first["extra"] == {"Officer or Member action": "Officer"}
    assert third["id"] == "A-3"
    assert plan.period == "Q3"


def test_xlsx_uses_the_sheet_with_the_most_rows(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["Notes"])
    plan_sheet = book.create_sheet("Plan")
    plan_sheet.append(["Action", "Lead Officer", "Status"])
    plan_sheet.append(["Do it", "Ann Lee", "Delayed"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    assert [item["title"] for item in parse_file(path).actions] == ["Do it"]


def test_fixture_document_with_structure_and_html() -> None:
    """A small extracted document: report text, themes, objectives, page breaks, HTML."""
    plan = parse_file(DATA / "mini_plan.txt")
    assert plan.title == "Best Value Improvement Plan 2018-19"
    assert plan.as_of == datetime.date(2018, 12, 21)
    assert plan.period == "2018-19 Q3"
    assert plan.themes == ["Housing", "Finance"]
    assert plan.problems == []
    assert [(item["id"], item["progress"]) for item in plan.actions] == [
        ("1.1", 60),
        ("1.2", 70),
        ("1.3", None),
        ("2.1", 100),  # OCR'd "1O0%"
        ("2.2", 10),
        ("3.1", 100),
    ]
    survey, wrapped, after_break, _, _, savings = plan.actions
    assert survey["officers"] == ["Ann Lee", "Bob Roy"]
    assert survey["updates"] == [{"period": "2018-19 Q3", "text": "Survey done."}]
    assert wrapped["title"] == "Repair programme agreed with the contractor and tenants"
    assert wrapped["updates"][0]["text"] == "Contractor appointed.\nWorks start in January."
    assert after_break["objective"] == "1. Improve housing repairs"
    assert after_break["theme"] == "Housing"
    assert after_break["status"] == "On Target"
    assert after_break["updates"][0]["text"] == "Planned for February."
    assert savings["theme"] == "Finance"
    assert savings["officers"] == ["Eve Fox", "Gil Hay"]
    assert plan.statuses == {
        "Completed": "blue",
        "On Target": "green",
        "Delayed": "amber",
        "Overdue": "red",
    }


def test_no_table_is_a_problem_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Dear Secretary of State,\nHere is our report.\n", encoding="utf-8")
    plan = parse_file(path)
    assert plan.actions == []
    assert plan.problems[0].line == 1
    assert "no table header" in plan.problems[0].reason


# -- reading files --------------------------------------------------------------------


def test_unreadable_files_raise_import_error_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    with pytest.raises(ImportError_, match=r"missing\.csv: no such file"):
        parse_file(missing)
    word = tmp_path / "plan.docx"
    word.write_bytes(b"PK")
    with pytest.raises(ImportError_, match=r"plan.docx: unsupported file type '\.docx'"):
        parse_file(word)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ImportError_, match=r"broken\.xlsx: not a readable xlsx"):
        read_table(broken)
    assert issubclass(ImportError_, ValueError)


def test_read_table_keeps_line_numbers_and_cleans_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("a\t<i>b</i>\n\n\t<p>c</p> <p>d</p>\n", encoding="utf-8")
    rows = read_table(path)
    assert [(row.line, row.cells) for row in rows] == [
        (1, ["a", "b"]),
        (2, [""]),
        (3, ["", "c\nd"]),
    ]


def test_csv_quoted_cell_over_two_lines_keeps_the_first_line_number(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('Action,Status\n"two\nlines",Done\nnext,Done\n', encoding="utf-8")
    assert [(row.line, row.cells[0]) for row in read_table(path)] == [
        (1, "Action"),
        (2, "two\nlines"),
        (4, "next"),
    ]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ('<input type="text" value="60%"/>', "60%"),
        ('<div style="width: 70%; padding: 2px;">70%</div>', "70%"),
        ("<p>One.</p> <p>Two &amp; three.</p>", "One.\nTwo & three."),
        ("<i>Andreas   Christophorou</i>", "Andreas Christophorou"),
        ("progress < 50% of target", "progress < 50% of target"),
    ],
)
def test_clean_cell(raw: str, clean: str) -> None:
    assert clean_cell(raw) == clean


# -- values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "officers"),
    [
        ("Will Tuckley/Louise Stamp", ["Will Tuckley", "Louise Stamp"]),
        ("Steve Hill /  Emily Fieran-Reed", ["Steve Hill", "Emily Fieran-Reed"]),
        ("Amanda Harcus; Debbie Jones", ["Amanda Harcus", "Debbie Jones"]),
        ("Ann Lee, Bob Roy & Cy Dee", ["Ann Lee", "Bob Roy", "Cy Dee"]),
        ("Head of Shared Financial Services", ["Head of Shared Financial Services"]),
        ("Director of Development, Enterprise and Communities",
         ["Director of Development, Enterprise and Communities"]),
        ("Ann Lee / Ann Lee", ["Ann Lee"]),
        ("", []),
    ],
)  # fmt: skip
def test_split_officers(text: str, officers: list[str]) -> None:
    assert split_officers(text) == officers


def test_officer_aliases_only_when_unambiguous() -> None:
    names = ["Steve Hill", "Steve Jones", "Steve", "Kelly", "Kelly Powell", "Ann"]
    assert officer_aliases(names) == {"Kelly": "Kelly Powell"}


@pytest.mark.parametrize(
    ("text", "value"),
    [("63%", 63), ("0%", 0), ("100", 100), ("62.5%", 62), ("", None), ("-", None),
     ("N/A", None)],
)  # fmt: skip
def test_parse_progress(text: str, value: int | None) -> None:
    assert parse_progress(text) == value


@pytest.mark.parametrize("text", ["abc", "101%", "-5", "50-75%"])
def test_parse_progress_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number 0-100"):
        parse_progress(text)
