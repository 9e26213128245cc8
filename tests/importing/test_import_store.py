"""Importing into the store: the four real plans with the counts their documents state,
one commit per import, idempotent re-imports, and nothing in the store lost."""

import csv
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from bvtui.importing import PlanOverrides, import_plan, parse_file
from bvtui.model import ValidationError
from bvtui.store import Store
from tests.conftest import SEEDS, git

SEED_FILES = {
    "001": SEEDS / "001_76d2d19052c72509.txt",
    "002": SEEDS / "002_f1e4be5578d88cfd.txt",
    "003": SEEDS / "003_6d3b08e2e86c634a.txt",
    "004": SEEDS / "004_1fa4669c88969409.txt",
}


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    top = tmp_path / "repo"
    (top / "plans").mkdir(parents=True)
    git(top, "init", "--quiet")
    git(top, "commit", "--quiet", "--allow-empty", "-m", "start")
    return top / "plans"


def run_import(store_dir: Path, seed: str, slug: str, **overrides):
    source = SEED_FILES[seed]
    return import_plan(
        Store(store_dir),
        parse_file(source),
        slug,
        str(source),
        overrides=PlanOverrides(**overrides),
    )


def commits(store_dir: Path) -> int:
    return int(git(store_dir.parent, "rev-list", "--count", "HEAD"))


def test_001_lands_with_the_documents_counts_in_one_commit(empty_store: Path) -> None:
    result = run_import(empty_store, "001", "bvip", organisation="London Borough of Tower Hamlets")
    assert result.commit and len(result.created) == 115
    store = Store.open(empty_store)
    assert store.problems == []
    actions = store.actions
    assert len(actions) == 115
    assert len({a.objective for a in actions}) == 26
    assert store.plans["bvip"].themes == [
        "Elections",
        "Communications",
        "Property",
        "Grants",
        "Organisational Culture",
    ]
    assert Counter(a.status for a in actions) == {
        "On Target": 52,
        "Completed": 39,
        "Overdue": 15,
        "Delayed": 9,
    }
    assert store.plans["bvip"].as_of.isoformat() == "2017-09-29"
    subject = git(empty_store.parent, "log", "-1", "--format=%s").strip()
    assert subject == "import bvip from 001_76d2d19052c72509.txt: 115 actions"
    changed = git(empty_store.parent, "show", "--name-only", "--format=", "HEAD").split()
    assert len(changed) == 116  # 115 actions + plan.yaml, nothing else


def test_001_a_real_row_field_by_field(empty_store: Path) -> None:
    run_import(empty_store, "001", "bvip")
    action = Store.open(empty_store).find("bvip/1.3")
    assert action.title == "Ensure integrity of the process and good order at polling stations"
    assert action.officers == ["Will Tuckley", "Louise Stamp"]
    assert action.deadline == "May-18" and action.status == "On Target" and action.progress == 20
    assert action.updates[0].period == "2017-18 Q2"
    assert action.updates[0].text.startswith("Lessons learnt and areas for improvement")
    # "Andreas" and "Andreas Christophorou" filter as one person
    andreas = Store.open(empty_store).plans["bvip"].canonical_officer("Andreas")
    assert andreas == "Andreas Christophorou"


@pytest.mark.parametrize(("seed", "count"), [("002", 44), ("003", 32), ("004", 117)])
def test_the_other_seeds_land_whole_and_valid(empty_store: Path, seed: str, count: int) -> None:
    run_import(empty_store, seed, f"plan-{seed}")
    store = Store.open(empty_store)
    assert store.problems == [] and len(store.actions) == count


def test_004_keeps_revised_dates_member_and_smt_leads(empty_store: Path) -> None:
    run_import(empty_store, "004", "district")
    store = Store.open(empty_store)
    ids = [a.id for a in store.actions]
    assert ids[0] == "A1" and ids[-1] == "P6"
    assert len({a.theme for a in store.actions}) == 16
    a3 = store.find("district/A3")
    assert a3.deadline == "31/08/17" and a3.revised_deadline == "31/03/2018"
    assert a3.due.isoformat() == "2018-03-31"  # the revised deadline wins
    assert a3.officers == ["Head of Shared Financial Services"]
    assert a3.extra["Member Lead"] == "Finance"


def test_reimporting_the_same_file_changes_nothing(empty_store: Path) -> None:
    run_import(empty_store, "001", "bvip")
    before = commits(empty_store)
    again = run_import(empty_store, "001", "bvip")
    assert not again.changed and again.commit is None and again.unchanged == 115
    assert commits(empty_store) == before
    assert git(empty_store.parent, "status", "--porcelain") == ""


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


HEADER = ["Status", "Ref", "Milestones", "SMT Lead", "Timescale", "Improvement Theme", "Comments"]


def test_reimporting_an_edited_file_updates_only_what_changed_and_loses_nothing(
    empty_store: Path, tmp_path: Path
) -> None:
    rows = [
        HEADER,
        [
            "On target",
            "A1",
            "Train members",
            "Head of Finance",
            "31/03/2018",
            "A: Training",
            "Booked.",
        ],
        ["Complete", "A2", "Publish guide", "Head of Legal", "Mar-17", "A: Training", "Done."],
    ]
    source = write_csv(tmp_path / "tracker.csv", rows)
    store = Store(empty_store)
    first = import_plan(store, parse_file(source), "tracker", str(source))
    assert first.created == ["A1", "A2"]
    # an officer adds an update in the app meanwhile
    from bvtui.model import edited

    loaded = Store.open(empty_store)
    loaded.save_action(
        edited(loaded.find("tracker/A1"), {}, update="Added in the app.", period="Q9")
    )
    rows[1][0] = "Off target but recovery plans in place"
    rows[1][6] = "Venue fell through."
    source = write_csv(source, rows[:2])  # A2 dropped from the sheet
    second = import_plan(Store(empty_store), parse_file(source), "tracker", str(source))
    assert second.updated == ["A1"] and second.kept == ["A2"]
    after = Store.open(empty_store)
    a1 = after.find("tracker/A1")
    assert a1.status == "Off target but recovery plans in place"
    assert [u.text for u in a1.updates] == ["Venue fell through.", "Added in the app."]
    assert after.find("tracker/A2").status == "Complete"  # kept, not deleted
    diff = git(empty_store.parent, "show", "--format=", "--stat", "HEAD")
    assert "A1.yaml" in diff and "A2.yaml" not in diff


def test_an_xlsx_with_reordered_columns_and_synonyms(empty_store: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Q2 Update",
            "% Comp",
            "Lead Officer",
            "Deadline",
            "Action Title",
            "RAG Status",
            "Action Code",
        ]
    )
    sheet.append(
        ["Going well", 0.5, "Ann Lead / Bob Chief", "May-18", "Open the hub", "On Track", "H1"]
    )
    sheet.append(["Late", "abc", "Ann Lead", "Jun-17", "Close the depot", "Delayed", "H2"])
    sheet.append(
        ["Unclear", 0.3, "Ann Lead", "Jun-17", "Fraction without a % format", "Delayed", "H3"]
    )
    sheet["B2"].number_format = "0%"  # typed as 50% in Excel: stored as 0.5
    path = tmp_path / "council.xlsx"
    book.save(path)
    parsed = parse_file(path)
    assert parsed.problems == []
    assert [p.line for p in parsed.warnings] == [3, 4]
    assert "is a fraction" in parsed.warnings[1].reason
    result = import_plan(Store(empty_store), parsed, "council", str(path))
    assert result.created == ["H1", "H2", "H3"]
    action = Store.open(empty_store).find("council/H1")
    assert action.officers == ["Ann Lead", "Bob Chief"] and action.progress == 50
    assert action.status == "On Track" and action.rag == "green"


def test_a_bad_slug_writes_nothing(empty_store: Path) -> None:
    with pytest.raises(ValidationError, match=re.escape("plan: '../x'")):
        run_import(empty_store, "001", "../x")
    assert list(empty_store.iterdir()) == []


def test_a_header_broken_over_lines_is_a_one_line_extra_key(
    empty_store: Path, tmp_path: Path
) -> None:
    """Spreadsheet headers often wrap ("Member\\nLead"); extra keys hold no line break."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Action Code", "Action Title", "Lead Officer", "Member\nLead"])
    sheet.append(["H1", "Open the hub", "Ann Lead", "Cllr Bell"])
    path = tmp_path / "council.xlsx"
    book.save(path)
    result = import_plan(Store(empty_store), parse_file(path), "council", str(path))
    assert result.created == ["H1"]
    assert Store.open(empty_store).find("council/H1").extra == {"Member Lead": "Cllr Bell"}


SHIPPED = {
    "001": "tower-hamlets-bvip-2017-18",
    "002": "tower-hamlets-bvap-2016",
    "003": "tower-hamlets-tib-2019-22",
    "004": "district-improvement-plan",
}


def test_the_shipped_plans_re_import_unchanged(tmp_path: Path) -> None:
    """Each seed imported over the shipped store writes nothing, plan.yaml included:
    the titles the shipped plans were given stay."""
    top = tmp_path / "shipped"
    shutil.copytree(Path(__file__).parents[2] / "plans", top / "plans")
    git(top, "init", "-q")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "shipped")
    for seed, slug in SHIPPED.items():
        result = run_import(top / "plans", seed, slug)
        assert not result.changed and result.commit is None, (slug, result)
    assert git(top, "status", "--porcelain") == ""
