"""The slip ledger in reports: each action's deadline revisions, how many, by how many
days in all, each with its reason and approver from the commit's trailers (issue 17,
item 4)."""

from __future__ import annotations

from pathlib import Path

from bvtui.cli.main import main
from tests.conftest import git

LOUISE = "Louise Stamp <louise@council.example>"


def revise(store: Path, value: str, *extra: str) -> None:
    assert main(["set", "--store", str(store), "1.3", f"revised_deadline={value}", *extra]) == 0


def report(capsys, store: Path, *args: str) -> str:
    assert main(["report", "--store", str(store), "--plan", "elections-demo", *args]) == 0
    return capsys.readouterr().out


def test_each_revision_with_its_reason_and_approver(capsys, store_dir: Path) -> None:
    revise(store_dir, "Jul-18", "--reason", "Venue fell through", "--approved-by", LOUISE)
    # a second revision by hand with plain git: no reason, no approver
    path = store_dir / "elections-demo" / "1.3.yaml"
    path.write_text(
        path.read_text().replace("revised_deadline: Jul-18", "revised_deadline: Sep-18")
    )
    git(store_dir.parent, "commit", "--quiet", "-am", "moved again")
    capsys.readouterr()
    out = report(capsys, store_dir, "--format", "md")
    ledger = out.split("## Deadline revisions (slip ledger)")[1]
    assert "1 action revised 2 times, +122 days in all" in ledger
    row = next(line for line in ledger.splitlines() if line.startswith("| 1.3 "))
    assert "| 2 " in row and "| +122 " in row
    assert "May-18 to Jul-18 (+61 days), reason: Venue fell through, approved by " in row
    assert "Louise Stamp &lt;louise@council.example&gt;" in row  # md escapes < >
    assert "Jul-18 to Sep-18 (+61 days), no reason given, no approver" in row
    html = report(capsys, store_dir, "--format", "html")
    assert "<h2>Deadline revisions (slip ledger)</h2>" in html
    assert "reason: Venue fell through" in html


def test_a_report_at_a_revision_has_the_ledger_of_then(capsys, store_dir: Path) -> None:
    revise(store_dir, "Jul-18", "--reason", "first")
    git(store_dir.parent, "tag", "then")
    revise(store_dir, "Sep-18", "--reason", "second")
    capsys.readouterr()
    out = report(capsys, store_dir, "--at", "then")
    assert "reason: first" in out and "second" not in out
    assert "1 action revised 1 time, +61 days in all" in out


def test_a_first_deadline_is_no_revision(capsys, store_dir: Path) -> None:
    assert main(["set", "--store", str(store_dir), "1.3", "progress=40"]) == 0
    capsys.readouterr()
    out = report(capsys, store_dir)
    assert "DEADLINE REVISIONS (SLIP LEDGER)" in out and "No deadline was revised." in out
