"""A report over several plans judges each action on its own plan's as-of date, as
``bvtui list`` and the app do, and its stamp says which dates apply."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from bvtui.cli.main import main
from tests.conftest import git


@pytest.fixture
def mixed_store(store_dir: Path) -> Path:
    """elections-demo as of 2017-09-29; property-demo with no as_of (judged on today)."""
    plan = store_dir / "property-demo" / "plan.yaml"
    plan.write_text(re.sub(r"^as_of: .*\n", "", plan.read_text(), flags=re.M))
    git(store_dir.parent, "commit", "-q", "-am", "property-demo: no as_of")
    return store_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def listed_overdue(capsys: pytest.CaptureFixture[str], store: Path) -> list[str]:
    out = run(capsys, "list", "--store", str(store), "--overdue", "--format", "json")
    return [record["ref"] for record in json.loads(out)]


def test_every_format_counts_the_overdue_list_counts(
    capsys: pytest.CaptureFixture[str], mixed_store: Path, tmp_path: Path
) -> None:
    overdue = listed_overdue(capsys, mixed_store)
    assert "elections-demo/1.3" not in overdue  # due May-18: not overdue on 2017-09-29
    report = ["report", "--store", str(mixed_store)]
    text = run(capsys, *report, "--format", "text")
    assert f"=== Overdue: {len(overdue)} ===" in text
    md = run(capsys, *report, "--format", "md")
    assert f"### Overdue: {len(overdue)}" in md
    html = run(capsys, *report, "--format", "html")
    assert f"<h3>Overdue: {len(overdue)}</h3>" in html
    rows = csv.DictReader(io.StringIO(run(capsys, *report, "--format", "csv")))
    assert sorted(row["ref"] for row in rows if row["overdue"] == "True") == sorted(overdue)
    path = tmp_path / "r.xlsx"
    run(capsys, *report, "--format", "xlsx", "-o", str(path))
    summary = [
        row[0] for row in openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True)
    ]
    assert f"Overdue: {len(overdue)}" in summary


def test_each_action_is_judged_on_its_own_plans_date_and_the_stamp_says_which(
    capsys: pytest.CaptureFixture[str], mixed_store: Path
) -> None:
    today = date.today().isoformat()
    md = run(capsys, "report", "--store", str(mixed_store), "--format", "md")
    [stamp] = [line for line in md.splitlines() if line.startswith("- **As of:**")]
    assert "elections-demo 2017-09-29" in stamp
    assert f"property-demo {today} (today: no as_of)" in stamp
    assert "days past due on 2017-09-29" in md  # an elections action, on its plan's date
    assert f"days past due on {today}" in md  # a property action, on today
