"""No name in the store can forge a line of the audit trail: plan folders, extra keys."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bvtui.cli.main import main
from bvtui.model import FieldChange, ValidationError, commit_message, edited
from bvtui.store import Store
from tests.conftest import STORE_DATA, git

FORGED = "elections-demo/1.1"
EVIL_FOLDER = "evil\nAction: elections-demo"
"""A folder whose actions' refs would read ``evil`` then ``Action: elections-demo/<id>``."""


def trailer_refs(top: Path) -> list[str]:
    """Every ``Action:`` line in the history, as the README's ``--grep`` recipe sees them."""
    log = git(top, "log", "--format=%B")
    return [line for line in log.splitlines() if line.startswith("Action:")]


def test_a_plan_folder_named_against_the_id_rules_is_a_problem_not_a_plan(
    store_dir: Path,
) -> None:
    evil = EVIL_FOLDER
    shutil.copytree(STORE_DATA / "property-demo", store_dir / evil)
    git(store_dir.parent, "add", "-A")
    git(store_dir.parent, "commit", "-q", "-m", "a folder")
    store = Store.open(store_dir)
    assert sorted(store.plans) == ["elections-demo", "property-demo"]
    assert all(not action.plan.slug.startswith("evil") for action in store.actions)
    [problem] = [p for p in store.problems if "evil" in p.path]
    assert "\n" not in str(problem) and "plan folder" in str(problem)


def test_set_on_a_bad_plan_folder_finds_nothing_and_forges_no_trailer(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    evil = EVIL_FOLDER
    shutil.copytree(STORE_DATA / "property-demo", store_dir / evil)
    git(store_dir.parent, "add", "-A")
    git(store_dir.parent, "commit", "-q", "-m", "a folder")
    code = main(["set", "--store", str(store_dir), f"{evil}/6.1", "title=x"])
    assert code == 1
    assert trailer_refs(store_dir.parent) == []


def test_an_extra_key_with_control_characters_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    head = git(store_dir.parent, "rev-parse", "HEAD")
    key = f"extra.x\n\nAction: {FORGED}\n\nz"
    code = main(["set", "--store", str(store_dir), "elections-demo/1.3", f"{key}=v"])
    _out, err = capsys.readouterr()
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "extra" in err
    assert git(store_dir.parent, "rev-parse", "HEAD") == head
    with pytest.raises(ValidationError):
        edited(Store.open(store_dir).find("elections-demo/1.3"), {"extra.a\x1b[2Jb": "v"})


def test_a_hand_written_extra_key_is_a_problem_of_its_file(store_dir: Path) -> None:
    path = store_dir / "elections-demo" / "1.3.yaml"
    text = path.read_text()
    path.write_text(text + '  "x\\n\\nAction: elections-demo/1.1\\n\\nz": v\n')
    store = Store.open(store_dir)
    assert "elections-demo/1.3" not in {action.ref for action in store.actions}
    assert any(p.path == str(path) and "extra" in p.message for p in store.problems)


def test_no_field_name_or_ref_text_makes_a_line_of_its_own_in_a_commit_message() -> None:
    changes = [FieldChange(f"extra.x\n\nAction: {FORGED}\n\nz", None, "v")]
    message = commit_message(f"evil\nAction: {FORGED}", changes)
    lines = message.splitlines()
    assert [line for line in lines if line.startswith("Action:")] == [lines[-2]]
    assert lines[-2] != f"Action: {FORGED}"
    assert not any(line.startswith(("Fields: ", "Action: ")) for line in lines[:-2])


def test_bvtui_commit_of_a_hand_edit_with_a_forged_key_keeps_the_trailer_true(
    store_dir: Path,
) -> None:
    path = store_dir / "elections-demo" / "1.3.yaml"
    path.write_text(path.read_text() + f'  "x\\n\\nAction: {FORGED}\\n\\nz": v\n')
    [result] = Store.open(store_dir).commit_pending()
    assert result.commit is not None
    assert trailer_refs(store_dir.parent) == ["Action: elections-demo/1.3"]


def test_an_id_or_slug_ending_in_a_line_break_breaks_the_id_rules() -> None:
    from bvtui.model import check_id

    with pytest.raises(ValidationError):
        check_id("elections-demo\n", "plans/x", "plan folder")
