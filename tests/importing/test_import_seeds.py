"""The import parser on the real seed documents.

The seed facts asserted here come from the documents themselves (see the seeds'
README): counts of milestones, objectives, themes and statuses, and real rows read
field by field.
"""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import pytest

from bvtui.importing import ImportedPlan, parse_file
from bvtui.model import ID_PATTERN

SEEDS = Path(__file__).parent.parent / "data" / "seeds"
SEED_001 = SEEDS / "001_76d2d19052c72509.txt"
SEED_002 = SEEDS / "002_f1e4be5578d88cfd.txt"
SEED_003 = SEEDS / "003_6d3b08e2e86c634a.txt"
SEED_004 = SEEDS / "004_1fa4669c88969409.txt"
ALL_SEEDS = [SEED_001, SEED_002, SEED_003, SEED_004]

_cache: dict[Path, ImportedPlan] = {}


def plan_of(path: Path) -> ImportedPlan:
    """A seed parsed once per test session (parsing is pure, so sharing is safe)."""
    if path not in _cache:
        _cache[path] = parse_file(path)
    return _cache[path]


def action(plan: ImportedPlan, action_id: str) -> dict:
    matches = [item for item in plan.actions if item["id"] == action_id]
    assert len(matches) == 1, f"{action_id}: {len(matches)} actions"
    return matches[0]


# -- every seed -----------------------------------------------------------------------


@pytest.mark.parametrize("seed", ALL_SEEDS, ids=lambda path: path.name[:3])
def test_seed_ids_are_unique_and_safe(seed: Path) -> None:
    ids = [item["id"] for item in plan_of(seed).actions]
    assert len(ids) == len(set(ids))
    assert all(ID_PATTERN.match(action_id) for action_id in ids)


@pytest.mark.parametrize("seed", ALL_SEEDS, ids=lambda path: path.name[:3])
def test_seed_parses_the_same_twice(seed: Path) -> None:
    assert parse_file(seed) == parse_file(seed)


@pytest.mark.parametrize("seed", ALL_SEEDS, ids=lambda path: path.name[:3])
def test_seed_actions_have_the_agreed_keys_and_no_problems(seed: Path) -> None:
    plan = plan_of(seed)
    keys = ["id", "title", "theme", "objective", "officers", "deadline"]
    keys += ["revised_deadline", "status", "progress", "updates", "extra"]
    assert plan.problems == []
    assert all(list(item) == keys for item in plan.actions)
    assert all(item["title"] for item in plan.actions)
    assert all("<" not in item["title"] + str(item["updates"]) for item in plan.actions)


# -- 001: Tower Hamlets Best Value Improvement Plan 2017-18, Q2 update ---------------


def test_001_counts() -> None:
    plan = plan_of(SEED_001)
    assert len(plan.actions) == 115
    assert len({item["objective"] for item in plan.actions}) == 26
    assert plan.themes == ["Elections", "Communications", "Property", "Grants",
                           "Organisational Culture"]  # fmt: skip
    counts = Counter(item["status"] for item in plan.actions)
    assert counts == {"On Target": 52, "Completed": 39, "Overdue": 15, "Delayed": 9}


def test_001_plan_facts() -> None:
    plan = plan_of(SEED_001)
    assert plan.title == "Best Value Improvement Plan 2017-18"
    assert plan.as_of == datetime.date(2017, 9, 29)
    assert plan.period == "2017-18 Q2"
    assert list(plan.statuses.items()) == [
        ("Completed", "blue"),
        ("On Target", "green"),
        ("Delayed", "amber"),
        ("Overdue", "red"),
    ]
    assert plan.officer_aliases == {
        "Andreas": "Andreas Christophorou",
        "Emily": "Emily Fieran-Reed",
        "Kelly": "Kelly Powell",
    }


def test_001_milestone_read_field_by_field() -> None:
    item = action(plan_of(SEED_001), "1.3")
    assert item["title"] == "Ensure integrity of the process and good order at polling stations"
    assert item["theme"] == "Elections"
    assert item["objective"] == "1. Planning for 2018 Mayoral and local elections"
    assert item["officers"] == ["Will Tuckley", "Louise Stamp"]
    assert item["deadline"] == "May-18"
    assert item["revised_deadline"] == ""
    assert item["status"] == "On Target"
    assert item["progress"] == 20
    assert item["updates"] == [
        {
            "period": "2017-18 Q2",
            "text": "Lessons learnt and areas for improvement from the UKPGE 2017 will be "
            "incorporated into poll staff training. Exclusion Zones will be laid out and "
            "Police presence at all polling places from 7am - 10.30pm.",
        }
    ]
    assert item["extra"] == {}


def test_001_row_after_repeated_header_continues_the_activity_above() -> None:
    item = action(plan_of(SEED_001), "1.14")
    assert item["title"] == "Review of Media Pack to ensure up-to-date information provided"
    assert item["objective"] == "1. Planning for 2018 Mayoral and local elections"
    assert item["officers"] == ["Andreas Christophorou", "Kelly"]
    grants = action(plan_of(SEED_001), "11.3")
    assert grants["title"] == "Full implementation of new web-based system"
    assert grants["objective"] == "11. Implement web based GIFTS software"
    assert grants["theme"] == "Grants"


def test_001_comments_under_a_header_that_lost_its_name() -> None:
    """The Communications header has no "QUARTER 2 COMMENTS" cell; the comments still count."""
    item = action(plan_of(SEED_001), "3.1")
    assert item["title"] == "Launch new weekly staff newsletter"
    assert item["updates"][0]["text"].startswith("We have now had 24 issues")
    assert item["extra"] == {}


def test_001_status_in_other_case_is_written_in_the_plans_spelling() -> None:
    item = action(plan_of(SEED_001), "18.3")
    assert item["title"] == "Interviews"
    assert item["status"] == "On Target"  # the document writes "On target"
    assert item["deadline"] == "Mar-Apr 17"
    assert item["progress"] == 85


def test_001_blank_progress_and_blank_comment() -> None:
    plan = plan_of(SEED_001)
    assert action(plan, "22.2")["progress"] is None
    no_comment = action(plan, "17.2")
    assert no_comment["title"] == "Amendments to General Purpose Committee"
    assert no_comment["updates"] == []


def test_001_officers_split_on_spaced_slash() -> None:
    item = action(plan_of(SEED_001), "14.1")
    assert item["officers"] == ["Matthew Mannion", "Steve Hill"]
    assert item["deadline"] == "Sep-17"
    assert item["status"] == "Delayed"


# -- 002: Best Value Action Plan, second six-monthly update, March 2016 ---------------


def test_002_counts_by_theme() -> None:
    """The document says 9 + 17 + 9 + 5 + 5; its text holds 16 Grants milestones."""
    plan = plan_of(SEED_002)
    assert plan.themes == ["Procurement", "Grants", "Property", "Communications",
                           "Organisational Culture"]  # fmt: skip
    counts = Counter(item["theme"] for item in plan.actions)
    assert counts == {
        "Procurement": 9,
        "Grants": 16,
        "Property": 9,
        "Communications": 5,
        "Organisational Culture": 5,
    }
    assert len(plan.actions) == 44


def test_002_plan_facts() -> None:
    plan = plan_of(SEED_002)
    assert plan.title == "Best Value Action Plan"
    assert plan.as_of == datetime.date(2016, 3, 17)
    assert plan.period == "2015-16 H2"
    assert plan.statuses == {
        "Complete and Ongoing": "blue",
        "Completed": "blue",
        "On Target": "green",
        "On track": "green",
        "Ongoing": "green",
        "Off-track": "red",
    }


def test_002_both_comment_columns_kept_with_labels() -> None:
    item = action(plan_of(SEED_002), "21.1")
    assert item["title"] == "Evaluate and review"
    assert item["objective"] == (
        "Develop cross party member working groups on key issues: "
        "The Governance Review Working Group"
    )
    assert item["officers"] == ["Melanie Clay"]
    assert item["deadline"] == "Dec-15"
    assert item["status"] == "Ongoing"
    assert item["progress"] == 50
    assert item["updates"] == [
        {
            "period": "2015-16 H2",
            "text": "Action to Date: Action plan established linking BV, Mayors Transparency "
            "Protocol and Transparency Commission's recommendations: embedded in business as "
            "usual work or task and finish projects\n\nAction planned and risks: Milestones "
            "and deliverables informing GRWG forward plan",
        }
    ]
    assert item["extra"] == {"Action / Recommendation Lead": "Melanie Clay / Matthew Mannion"}


def test_002_html_cells_are_cleaned() -> None:
    item = action(plan_of(SEED_002), "10.2")
    assert item["title"] == "Programme evaluations commissioned for all grant regimes"
    assert item["officers"] == ["Zena Cooke"]
    assert item["deadline"] == "May-16"
    assert item["status"] == "On Target"
    assert item["progress"] == 80
    assert item["updates"][0]["text"].startswith(
        "Action to Date: The specification and tender documentation has been produced"
    )
    assert "\nThe wider evaluation" in item["updates"][0]["text"]


def test_002_cell_split_by_page_break_is_joined() -> None:
    text = action(plan_of(SEED_002), "17.2")["updates"][0]["text"]
    assert "regarding sharing sales resources/ targeting sales cross-borough." in text
    assert text.endswith("Action planned and risks: As above.")


def test_002_objective_block_spread_over_rows_and_sections() -> None:
    plan = plan_of(SEED_002)
    first_grant = action(plan, "7.1")
    assert first_grant["objective"] == (
        "Ensure service continuation pending agreement of new Mainstream Grants Programme"
    )
    assert first_grant["extra"]["Section"] == "Strategy and Delivery"
    property_audit = action(plan, "14.1")
    assert property_audit["title"] == "1. Undertaken through the planned audit process"
    assert property_audit["officers"] == ["Ann Sutcliffe", "Minesh Jani"]
    assert property_audit["extra"]["Section"] == (
        "Policy and process for property disposal reviewed and updated"
    )
    assert action(plan, "14.2")["progress"] is None  # "N/A"


# -- 003: Transformation and Improvement Board 2019-22 export -------------------------


def test_003_actions_and_objectives() -> None:
    plan = plan_of(SEED_003)
    ids = [item["id"] for item in plan.actions]
    assert len(ids) == 32
    assert ids[0] == "R2.1" and ids[-1] == "R11.33"
    assert "R9.25" not in ids  # counted in the summary, absent from the text
    objectives = list(dict.fromkeys(item["objective"] for item in plan.actions))
    assert [objective.split(":")[0] for objective in objectives] == [
        "R1 & R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9 & R10", "R11",
    ]  # fmt: skip
    assert plan.period == "Q2"


def test_003_statuses_from_the_key() -> None:
    plan = plan_of(SEED_003)
    assert plan.statuses == {
        "Completed": "blue",
        "In Progress": "green",
        "Check Progress": "amber",
        "Overdue": "red",
        "Neglected": "red",
        "Cancelled": "grey",
        "Unassigned": "grey",
        "Not Started": "grey",
        "Assigned": "grey",
    }
    assert {item["status"] for item in plan.actions} == {""}  # the icons did not survive


def test_003_action_read_field_by_field() -> None:
    item = action(plan_of(SEED_003), "R5.14")
    assert item["title"] == "Increase the number of permanent staff"
    assert item["officers"] == ["Amanda Harcus", "Debbie Jones", "Denise Radley"]
    assert item["progress"] == 30
    assert item["objective"].startswith("R5: Address the barriers to sustainable change")
    assert item["extra"] == {"Monitoring Group": "Children's Services Improvement Board"}
    assert item["updates"][0]["period"] == "Q2"
    assert item["updates"][0]["text"].startswith(
        "In Children's Social Care we have reduced our vacancy gap further from 26% to 19.55%."
    )


def test_003_progress_from_html_and_update_continued_after_page_break() -> None:
    plan = plan_of(SEED_003)
    assert action(plan, "R2.1")["progress"] == 75  # <input value="75%"/>
    assert action(plan, "R2.4")["progress"] == 37  # <div ...>37%</div>
    assert action(plan, "R2.2")["officers"] == ["Andreas Christophorou"]  # <i>...</i>
    assert action(plan, "R2.2")["updates"] == []
    text = action(plan, "R8.24")["updates"][0]["text"]
    assert "using digital technology to allow residents" in text
    assert action(plan, "R10.26")["objective"].startswith("R9 & R10: Further break down silos")


# -- 004: district council tracker ----------------------------------------------------


def test_004_counts() -> None:
    plan = plan_of(SEED_004)
    assert len(plan.actions) == 117
    assert plan.actions[0]["id"] == "A1" and plan.actions[-1]["id"] == "P6"
    assert len(plan.themes) == 16
    assert [theme[0] for theme in plan.themes] == list("ABCDEFGHIJKLMNOP")
    assert plan.themes[1] == "B: Customer Care / Customer Complaints"
    assert list(plan.statuses) == [
        "Complete",
        "On target",
        "Off target but recovery plans in place",
    ]
    assert (plan.title, plan.organisation, plan.as_of, plan.period) == ("", "", None, "")


def test_004_row_read_field_by_field() -> None:
    item = action(plan_of(SEED_004), "A2")
    assert item["title"] == (
        "Consultation with all Budget Holders and members and all relevant members "
        "and budget holders trained"
    )
    assert item["theme"] == "A: Member and Officer Development"
    assert item["objective"] == "Improved financial management by members and budget holders"
    assert item["officers"] == ["Head of Shared Financial Services"]
    assert item["deadline"] == "30/04/17"
    assert item["revised_deadline"] == "31/03/2018"
    assert item["status"] == "Off target but recovery plans in place"
    assert item["progress"] is None
    assert item["updates"][0]["text"].startswith("Member Group established to raise awareness")
    assert item["extra"] == {
        "Source": "AGS",
        "Officer or Member action": "Officer",
        "Member Lead": "Finance",
    }


def test_004_role_with_comma_is_one_officer_and_sub_theme_kept() -> None:
    item = action(plan_of(SEED_004), "B7")
    assert item["officers"] == ["Director of Development, Enterprise and Communities"]
    assert item["theme"] == "B: Customer Care / Customer Complaints"
    assert item["extra"]["Improvement Theme"] == "B: Customer Complaints"
    assert "Source" not in item["extra"]  # empty cells are left out
    assert action(plan_of(SEED_004), "H6")["status"] == ""
