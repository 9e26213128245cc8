"""Importing council spreadsheets as councils write them (issue 15).

Each test writes a small file the way a council's own plan, audit tracker or risk
register is laid out, imports it, and asserts the fields read, not only the counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.cli.main import main
from bvtui.importing import ImportedPlan, parse_file, parse_map, split_officers, split_progress
from bvtui.model import due_date
from bvtui.store import Store


def tsv(tmp_path: Path, text: str, name: str = "plan.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def by_title(plan: ImportedPlan) -> dict[str, dict]:
    return {item["title"]: item for item in plan.actions}


# -- 1. RAG from every form councils use ------------------------------------------------


def test_letters_colours_and_audit_words_get_their_rag(tmp_path: Path) -> None:
    rows = ["Ref\tAction\tStatus"]
    words = ["G", "Blue", "Implemented", "Behind schedule", "Achieved", "Partially implemented"]
    words += ["Under control", "Completed - awaiting sign off", "R", "A", "G/A", "Amber/Red"]
    rows += [f"{n}\tDo {n}\t{word}" for n, word in enumerate(words, start=1)]
    plan = parse_file(tsv(tmp_path, "\n".join(rows) + "\n"))
    assert plan.statuses == {
        "Blue": "blue",
        "Implemented": "blue",
        "Achieved": "blue",
        "Completed - awaiting sign off": "blue",
        "G": "green",
        "Under control": "green",
        "G/A": "green",
        "Behind schedule": "amber",
        "Partially implemented": "amber",
        "A": "amber",
        "Amber/Red": "amber",
        "R": "red",
    }
    assert plan.warnings == []


@pytest.mark.parametrize("header", ["BRAG", "Progress (RAG)", "RAG rating", "Current status"])
def test_a_rag_column_by_any_name_is_the_status(tmp_path: Path, header: str) -> None:
    plan = parse_file(tsv(tmp_path, f"Ref\tAction\t{header}\n1\tDo A\tG\n"))
    assert plan.actions[0]["status"] == "G"
    assert plan.actions[0]["extra"] == {}
    assert plan.statuses == {"G": "green"}


def test_a_key_row_in_the_file_gives_the_codes_their_colour(tmp_path: Path) -> None:
    text = (
        "Ref\tAction\tStatus\n"
        "1\tDo A\tP\n"
        "2\tDo B\tS\n"
        "Key: P = Complete; S = Some slippage; X = Significant slippage\n"
    )
    plan = parse_file(tsv(tmp_path, text))
    assert [item["title"] for item in plan.actions] == ["Do A", "Do B"]
    assert plan.statuses == {"P": "blue", "S": "amber"}
    assert plan.problems == [] and plan.warnings == []


def test_an_unknown_status_word_is_reported_once_with_its_count(tmp_path: Path) -> None:
    text = "Ref\tAction\tStatus\n1\tDo A\tFrobbed\n2\tDo B\tFrobbed\n3\tDo C\tOn track\n"
    plan = parse_file(tsv(tmp_path, text))
    assert [w.reason for w in plan.warnings] == [
        "status 'Frobbed' (2 actions) has no RAG colour and shows grey: "
        "give it one under statuses: in plan.yaml (Frobbed: amber)"
    ]
    assert plan.statuses["Frobbed"] == "grey"


# -- 2. header names ----------------------------------------------------------------------


def test_council_header_names_feed_their_fields(tmp_path: Path) -> None:
    text = (
        "Action No.\tAction\tResponsible Officer(s)\tUpdate as at 31 Dec 2024\tStatus\n"
        "A1\tReview the constitution\tJane Smith\tDraft with legal\tOn track\n"
    )
    item = parse_file(tsv(tmp_path, text)).actions[0]
    assert item["id"] == "A1"
    assert item["officers"] == ["Jane Smith"]
    assert item["updates"] == [{"period": "", "text": "Draft with legal"}]
    assert item["extra"] == {}


@pytest.mark.parametrize(
    ("header", "field"),
    [("No.", "id"), ("Action Owner", "officers"), ("Commentary", "updates")],
)
def test_short_header_names(tmp_path: Path, header: str, field: str) -> None:
    text = f"{header}\tAction\tStatus\nX\tDo A\tOn track\n"
    item = parse_file(tsv(tmp_path, text)).actions[0]
    assert item["extra"] == {}
    assert item[field] in ("X", ["X"], [{"period": "", "text": "X"}])


@pytest.mark.parametrize("title", ["Agreed Action", "Recommendation", "Ofsted recommendation"])
def test_an_audit_tracker_imports(tmp_path: Path, title: str) -> None:
    text = (
        f"Rec No.\t{title}\tOwner\tImplementation date\tStatus\n"
        "1\tStrengthen contract monitoring\tAhmed, Sarah\t31/03/2025\tImplemented\n"
        "2\tReview the risk policy\tJones, Mark\tQ4 2024/25\tPartially implemented\n"
    )
    plan = parse_file(tsv(tmp_path, text))
    assert plan.problems == []
    first, second = plan.actions
    assert (first["id"], first["title"]) == ("1", "Strengthen contract monitoring")
    assert first["officers"] == ["Sarah Ahmed"]
    assert first["deadline"] == "31/03/2025"
    assert second["deadline"] == "Q4 2024/25"
    assert plan.statuses == {"Implemented": "blue", "Partially implemented": "amber"}


def test_a_risk_register_imports(tmp_path: Path) -> None:
    text = (
        "Risk Ref\tRisk Title\tCause\tConsequence\tLikelihood\tImpact\tScore\tRisk Owner"
        "\tControls\tStatus\n"
        "CR1\tFinancial sustainability\tFunding cuts\tService reductions\t4\t5\t20"
        "\tChief Finance Officer\tMTFS\tUnder control\n"
    )
    plan = parse_file(tsv(tmp_path, text))
    item = plan.actions[0]
    assert (item["id"], item["title"]) == ("CR1", "Financial sustainability")
    assert item["officers"] == ["Chief Finance Officer"]
    assert item["extra"]["Likelihood"] == "4"
    assert plan.statuses == {"Under control": "green"}


def test_map_overrides_the_recognised_columns(tmp_path: Path) -> None:
    text = "Ref\tAction\tNotes\tWho\tLead\n1\tDo A\tAll fine\tAnn Lee\tBob Roy\n"
    mapping = parse_map(["Notes=update", "Who=officers"])
    item = parse_file(tsv(tmp_path, text), mapping).actions[0]
    assert item["updates"] == [{"period": "", "text": "All fine"}]
    assert item["officers"] == ["Ann Lee"]
    assert item["extra"] == {"Lead": "Bob Roy"}


def test_map_with_an_unknown_field_is_one_clear_line() -> None:
    with pytest.raises(ValueError, match="--map 'Notes=comments': expected HEADER=FIELD"):
        parse_map(["Notes=comments"])


def test_dry_run_prints_the_mapping_and_writes_nothing(capsys, store_dir: Path) -> None:
    source = store_dir.parent / "tracker.tsv"
    source.write_text(
        "Ref\tAction\tCommentary\tWhatever\n1\tDo A\tGoing well\tx1\n2\tDo B\t\tx2\n",
        encoding="utf-8",
    )
    before = sorted(store_dir.rglob("*"))
    code = main(["import", str(source), "--plan", "mine", "--store", str(store_dir), "--dry-run"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == [
        "table at line 1:",
        "  Ref         -> id               '1', '2'",
        "  Action      -> title            'Do A', 'Do B'",
        "  Commentary  -> update           'Going well'",
        "  Whatever    -> extra            'x1', 'x2'",
        "2 actions read, 0 rows rejected",
        "nothing written (--dry-run)",
    ]
    assert sorted(store_dir.rglob("*")) == before


def test_map_on_the_command_line_is_imported(capsys, store_dir: Path) -> None:
    source = store_dir.parent / "tracker.tsv"
    source.write_text("Ref\tAction\tWhatever\n1\tDo A\tGoing well\n", encoding="utf-8")
    args = ["import", str(source), "--plan", "mine", "--store", str(store_dir)]
    assert main([*args, "--map", "Whatever=update"]) == 0
    action = Store.open(store_dir).find("mine/1")
    assert [update.text for update in action.updates] == ["Going well"]


# -- 6. one unreadable cell never drops the action ---------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "rest"),
    [
        ("80% The review continues.", 80, "The review continues."),
        ("c.60%", 60, ""),
        ("60% (Q2: 40%)", 60, "(Q2: 40%)"),
        ("Complete", 100, ""),
        ("l00%", 100, ""),
        ("5O%", 50, ""),
    ],
)
def test_progress_as_councils_write_it(text: str, value: int, rest: str) -> None:
    assert split_progress(text) == (value, rest)


def test_a_cell_that_does_not_read_is_kept_and_the_row_imported(tmp_path: Path) -> None:
    text = (
        "Ref\tAction\tProgress %\tUpdate\n"
        "1\tDo A\t50-75%\tHalf way\n"
        "2\tDo B\t80% The review continues.\tStarted\n"
    )
    plan = parse_file(tsv(tmp_path, text))
    first, second = plan.actions
    assert plan.problems == []
    assert first["progress"] is None and first["extra"] == {"Progress %": "50-75%"}
    assert [(w.line, w.reason) for w in plan.warnings] == [
        (
            2,
            "column 'Progress %': progress '50-75%' is not a number 0-100; kept as written in extra",
        )
    ]
    assert second["progress"] == 80
    assert second["updates"] == [{"period": "", "text": "Started\n\nThe review continues."}]


def test_a_column_of_fractions_reads_as_percentages(tmp_path: Path) -> None:
    text = "Ref\tAction\tProgress\n1\tDo A\t0.5\n2\tDo B\t1\n3\tDo C\t0.25\n"
    plan = parse_file(tsv(tmp_path, text))
    assert [item["progress"] for item in plan.actions] == [50, 100, 25]


def test_status_officer_and_date_run_together(tmp_path: Path) -> None:
    text = "Ref\tAction\tStatus\n1\tDo A\tOn track – J. Smith – 31/03/25\n"
    plan = parse_file(tsv(tmp_path, text))
    item = plan.actions[0]
    assert (item["status"], item["officers"], item["deadline"]) == (
        "On track",
        ["J. Smith"],
        "31/03/25",
    )
    assert plan.statuses == {"On track": "green"}


# -- 7. due dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Q4 2024/25", "2025-03-31"),
        ("2024/25", "2025-03-31"),
        ("Quarter 1 2025/26", "2025-06-30"),
        ("FY 2025-26", "2026-03-31"),
        ("Q3 2024-2025", "2024-12-31"),
        ("2017-05-31", "2017-05-31"),
    ],
)
def test_financial_years_and_quarters_have_a_due_date(text: str, due: str) -> None:
    found = due_date(text)
    assert found is not None and found.isoformat() == due


def test_an_excel_serial_in_a_general_cell_is_a_date(tmp_path: Path) -> None:
    plan = parse_file(tsv(tmp_path, "Ref\tAction\tDeadline\n1\tDo A\t45747\n"))
    assert plan.actions[0]["deadline"] == "2025-03-31"


@pytest.mark.parametrize(
    ("cell", "deadline"),
    [
        ("2025-03-31T00:00:00Z", "2025-03-31"),
        ("2025-06-29T23:00:00Z", "2025-06-30"),
        ("2025-13-45T00:00:00Z", "2025-13-45T00:00:00Z"),
    ],
)
def test_an_export_timestamp_is_its_date(tmp_path: Path, cell: str, deadline: str) -> None:
    plan = parse_file(tsv(tmp_path, f"Ref\tAction\tDue Date\n1\tDo A\t{cell}\n"))
    assert plan.actions[0]["deadline"] == deadline


def test_deadlines_with_no_date_are_reported(tmp_path: Path) -> None:
    text = "Ref\tAction\tDeadline\n1\tDo A\tJune Cabinet\n2\tDo B\tMay-25\n"
    plan = parse_file(tsv(tmp_path, text))
    assert [w.reason for w in plan.warnings] == [
        "1 deadline name no date ('June Cabinet'): no due date, never overdue"
    ]


# -- 8. officers ------------------------------------------------------------------------------


def test_surname_forename_is_one_person_in_a_column_of_such_names(tmp_path: Path) -> None:
    text = "Ref\tAction\tLead Officer\n1\tDo A\tAhmed, Sarah\n2\tDo B\tJones, Mark; Patel, Raj\n"
    plan = parse_file(tsv(tmp_path, text))
    assert [item["officers"] for item in plan.actions] == [
        ["Sarah Ahmed"],
        ["Mark Jones", "Raj Patel"],
    ]


def test_names_on_separate_lines_are_separate_people() -> None:
    assert split_officers("Jane Smith\nJohn Jones") == ["Jane Smith", "John Jones"]
    role = "Director of Development,\nEnterprise and Communities"
    assert split_officers(role) == ["Director of Development, Enterprise and Communities"]


def test_a_map_that_names_no_column_is_a_warning(capsys, store_dir: Path) -> None:
    source = store_dir.parent / "tracker.tsv"
    source.write_text("Ref\tAction\n1\tDo A\n", encoding="utf-8")
    args = ["import", str(source), "--plan", "mine", "--store", str(store_dir), "--dry-run"]
    assert main([*args, "--map", "Commentry=update"]) == 0
    _, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{source}: warning: --map names no column 'commentry' (the file's columns: Action, Ref)"
    ]
