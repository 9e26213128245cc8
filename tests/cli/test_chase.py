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


def chase_q3_with_period(capsys, store_dir: Path, slug: str, period: str) -> list[str]:
    """Give plan ``slug`` the current ``period`` ("" for none), commit, then chase the Q3
    round with no --plan: the refs chased, and stderr's lines."""
    plan = store_dir / slug / "plan.yaml"
    now = "period: 2017-18 Q2\n"
    plan.write_text(plan.read_text().replace(now, f"period: {period}\n" if period else ""))
    git(store_dir.parent, "commit", "-qam", f"{slug}: period {period or '(none)'}")
    code, out, err = run(
        capsys, "chase", "--store", str(store_dir), "--period", Q3, "--format", "json"
    )
    assert code == 0, err
    refs = [ref for row in json.loads(out)["officers"] for ref in row["actions"]]
    assert refs and all(ref.startswith("property-demo/") for ref in refs)
    return err.splitlines()


def test_a_named_period_chases_only_the_plans_whose_round_it_is(capsys, store_dir: Path) -> None:
    assert chase_q3_with_period(capsys, store_dir, "property-demo", Q3) == [
        "bvtui: plans not in the 2017-18 Q3 round: elections-demo (2017-18 Q2); "
        "name one with --plan to include it"
    ]
    # named with --plan, a plan is chased whatever its own period
    code, out, err = run(
        capsys, "chase", "--store", str(store_dir), "--period", Q3, "--plan", "elections-demo"
    )
    assert code == 0 and err == ""
    assert out.splitlines()[-1].split() == ["Total", "5"]


def test_a_round_not_yet_opened_takes_every_plan_with_a_period(capsys, store_dir: Path) -> None:
    assert chase_q3_with_period(capsys, store_dir, "elections-demo", "") == [
        "bvtui: no plan's current period is 2017-18 Q3: taken as a round not yet opened "
        "(bvtui period open), for every plan with a period",
        "bvtui: plans not in the 2017-18 Q3 round: elections-demo (no period); "
        "name one with --plan to include it",
    ]
