"""``bvtui chase``: who has not returned what, per lead officer, with counts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import git, run

Q3 = "2017-18 Q3"


def test_counts_per_officer_and_total_drop_as_updates_come_in(capsys, store_dir: Path) -> None:
    plan = store_dir / "elections-demo" / "plan.yaml"
    plan.write_text(plan.read_text() + "officers:\n  Louise Stamp: l.stamp@example.gov.uk\n")
    git(store_dir.parent, "commit", "-qam", "officers table")
    code, out, err = run(
        capsys, "chase", "--store", str(store_dir), "--period", Q3, "--format", "json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert (report["period"], report["total"]) == (Q3, 8)
    by_officer = {row["officer"]: row for row in report["officers"]}
    assert {name: row["due"] for name, row in by_officer.items()} == {
        "Andreas Christophorou": 1,
        "Louise Stamp": 2,
        "Richard Chilcott": 3,
        "Will Tuckley": 2,
    }
    assert by_officer["Louise Stamp"]["email"] == "l.stamp@example.gov.uk"
    assert by_officer["Louise Stamp"]["actions"] == ["elections-demo/1.4", "elections-demo/1.10"]

    code, _, err = run(
        capsys, "set", "--store", str(store_dir), "1.4", "--update", "Booked.", "--period", Q3
    )
    assert code == 0, err
    code, out, err = run(capsys, "chase", "--store", str(store_dir), "--period", Q3)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Due an update for 2017-18 Q3, not returned:"
    louise = next(line for line in lines if line.startswith("Louise Stamp"))
    assert louise.split()[2:] == ["l.stamp@example.gov.uk", "1", "elections-demo/1.10"]
    assert lines[-1].split() == ["Total", "7"]


def test_the_plans_period_by_default(capsys, store_dir: Path) -> None:
    code, out, err = run(capsys, "chase", "--store", str(store_dir), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["period"], report["total"]) == ("2017-18 Q2", 1)
    assert report["officers"][0]["actions"] == ["property-demo/8.2"]
    code, out, err = run(capsys, "chase", "--store", str(store_dir), "--plan", "elections-demo")
    assert code == 0, err
    assert "2017-18 Q2" in out and "Total" in out  # nothing due in elections-demo's Q2
