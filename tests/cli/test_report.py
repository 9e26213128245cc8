"""``bvtui report`` on real stores: structure, stamp, formats, --at, --since, errors."""

from __future__ import annotations

import csv
import io
import os
import re
import time
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from bvtui.cli.main import main
from bvtui.reporting import RAG_COLOURS
from tests.conftest import git

FORMATS = ("text", "md", "html", "csv", "xlsx", "docx", "pdf")
EXTENSIONS = {fmt: "txt" if fmt == "text" else fmt for fmt in FORMATS}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys, store: Path, *args: str) -> str:
    code, out, err = run(capsys, "report", "--store", str(store), *args)
    assert code == 0, err
    return out


def write_all(capsys, store: Path, folder: Path, *args: str) -> dict[str, bytes]:
    """Every format written with -o, read back as bytes."""
    folder.mkdir()
    files = {}
    for fmt in FORMATS:
        path = folder / f"report.{EXTENSIONS[fmt]}"
        report(capsys, store, "--format", fmt, "-o", str(path), *args)
        files[fmt] = path.read_bytes()
    return files


def head(store: Path) -> str:
    return git(store.parent, "rev-parse", "HEAD").strip()


def test_text_report_has_the_2017_18_structure(capsys, store_dir: Path) -> None:
    out = report(capsys, store_dir, "--plan", "elections-demo")
    lines = out.splitlines()
    assert lines[0] == "Best Value Improvement Plan 2017-18"
    assert "London Borough of Tower Hamlets" in lines
    assert re.search(r"^Plan:\s+Best Value Improvement Plan 2017-18 \(elections-demo\)$", out, re.M)
    assert re.search(r"^As of:\s+2017-09-29 \(the plan's as_of\)$", out, re.M)
    assert re.search(rf"^Commit:\s+{head(store_dir)}$", out, re.M)
    # summary: theme x RAG with percentages and totals, then theme x status
    assert re.search(
        r"^Elections\s+0 \(0%\)\s+1 \(20%\)\s+3 \(60%\)\s+1 \(20%\)\s+0 \(0%\)\s+5$", out, re.M
    )
    assert re.search(
        r"^Total\s+0 \(0%\)\s+1 \(14%\)\s+4 \(57%\)\s+2 \(29%\)\s+0 \(0%\)\s+7$", out, re.M
    )
    assert re.search(
        r"^Theme\s+Delayed \(Amber\)\s+On Target \(Green\)\s+Completed\s+Total$", out, re.M
    )
    assert re.search(r"^Communications\s+0\s+1\s+1\s+2$", out, re.M)
    # delivery plan: per theme and objective, the actions with their fields
    elections = out.index("=== Elections: 5 actions (1 amber, 3 green, 1 complete) ===")
    objective = out.index("--- 1. Planning for 2018 Mayoral and local elections ---", elections)
    assert elections < objective < out.index("=== Communications: 2 actions")
    assert re.search(
        r"^1\.4\s+Train 40/50 .*Louise Stamp\s+Jun-17\s+On Target\s+Green\s+20%\s+2017-18 Q2: Initial",
        out,
        re.M,
    )
    # exceptions: overdue and status check
    overdue = out[out.index("=== Overdue: ") :]
    assert overdue.startswith("=== Overdue: 2 ===")
    assert re.search(
        r"^1\.4\s.*2017-06-30\s+On Target\s+Green\s+91 days past due on 2017-09-29", overdue, re.M
    )
    assert "=== Status check failed: 2 ===" in out
    assert "the rule says Overdue" in out
    assert "RAG worsened" not in out  # only with --since


def test_filters_choose_the_actions_and_are_stamped(capsys, store_dir: Path) -> None:
    out = report(capsys, store_dir, "--rag", "red", "--format", "md")
    assert "- **Plan:** Property Improvement Plan (property-demo)" in out
    assert "- **Filters:** RAG: red" in out
    assert "## Delivery plan" in out and "### Property: 2 actions (2 red)" in out
    assert "| 6.1 " in out and "| 6.4 " in out and "8.2" not in out
    assert "elections-demo" not in out


def test_csv_is_one_row_per_action_with_the_record_fields(capsys, store_dir: Path) -> None:
    out = report(capsys, store_dir, "--format", "csv", "--theme", "elections")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["ref"] for row in rows] == [
        f"elections-demo/{i}" for i in ("1.1", "1.3", "1.4", "1.9", "1.10")
    ]
    one = rows[2]
    assert one["rag"] == "green" and one["overdue"] == "True" and one["officers"] == "Louise Stamp"
    assert one["report_commit"] == head(store_dir)
    assert one["report_as_of"] == "2017-09-29 (the plan's as_of)"


def test_report_at_a_snapshot_is_byte_identical_to_the_report_made_then(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    git(store_dir.parent, "tag", "committee-2017-09")
    # the stamp's "Made with" names --at as given, so "then" is made with the same command
    then = write_all(capsys, store_dir, tmp_path / "then", "--at", "committee-2017-09")
    assert main(["set", "--store", str(store_dir), "1.3", "status=Delayed", "progress=40"]) == 0
    assert main(["set", "--store", str(store_dir), "6.4", "status=Completed"]) == 0
    capsys.readouterr()
    now = write_all(capsys, store_dir, tmp_path / "now")
    at_tag = write_all(capsys, store_dir, tmp_path / "at", "--at", "committee-2017-09")
    for fmt in FORMATS:
        assert at_tag[fmt] == then[fmt], fmt
        assert now[fmt] != then[fmt], fmt  # the saves since do show without --at


def test_since_lists_actions_whose_rag_worsened(capsys, store_dir: Path) -> None:
    git(store_dir.parent, "tag", "last-meeting")
    tagged = head(store_dir)
    assert main(["set", "--store", str(store_dir), "1.3", "status=Overdue"]) == 0
    assert main(["set", "--store", str(store_dir), "6.1", "status=Completed"]) == 0  # better
    assert main(["set", "--store", str(store_dir), "1.10", "status=Overdue"]) == 0
    capsys.readouterr()
    out = report(capsys, store_dir, "--since", "last-meeting")
    assert re.search(rf"^RAG compared with:\s+{tagged}$", out, re.M)
    worse = out[out.index(f"=== RAG worsened since {tagged[:10]}: 2 ===") :]
    assert re.search(r"^elections-demo/1\.3\s.*Green -> Red$", worse, re.M)
    assert re.search(r"^elections-demo/1\.10\s.*Amber -> Red$", worse, re.M)
    assert "property-demo/6.1" not in worse


def test_uncommitted_edits_are_said_in_the_stamp(capsys, store_dir: Path) -> None:
    path = store_dir / "elections-demo" / "1.3.yaml"
    path.write_text(path.read_text().replace("progress: 20", "progress: 30"))
    out = report(capsys, store_dir, "--plan", "elections-demo")
    assert re.search(rf"^Commit:\s+{head(store_dir)} \+ uncommitted edits$", out, re.M)


def test_html_is_self_contained_escaped_and_labels_every_rag_in_words(
    capsys, store_dir: Path
) -> None:
    hostile = "<script>alert(1)</script> [red]x[/red] & co"
    assert main(["set", "--store", str(store_dir), "1.3", f"title={hostile}"]) == 0
    capsys.readouterr()
    page = report(capsys, store_dir, "--format", "html")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [red]x[/red] &amp; co" in page
    assert not re.search(r"(src|href)=|@import|url\(", page)  # no external assets
    assert "@media print" in page and "<svg" in page
    cells = re.findall(r'<td class="rag rag-(\w+)">([^<]*)</td>', page)
    words = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Complete", "grey": "Grey"}
    assert len(cells) >= 10  # the delivery plan's ten, plus the exceptions'
    # a complete action says whether evidence backs it: "Complete - self-reported"
    assert all(word.partition(" - ")[0] == words[rag] for rag, word in cells)
    for rag, (fill, _ink) in RAG_COLOURS.items():
        assert f".rag-{rag} {{ background: {fill};" in page
    # the chart: one labelled bar per theme, segments titled with count and RAG in words
    assert "<title>Property: 2 Red (67%)</title>" in page
    assert re.search(r">Elections</text>", page)


def test_xlsx_summary_and_theme_sheets_with_filled_rag_cells(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.xlsx"
    report(capsys, store_dir, "--format", "xlsx", "-o", str(path))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Elections", "Communications", "Property"]
    summary = book["Summary"]
    rows = [list(row) for row in summary.iter_rows(values_only=True)]
    header = next(row for row in rows if row[0] == "Theme")
    assert header[:12] == [
        "Theme",
        "Red",
        "%",
        "Amber",
        "%",
        "Green",
        "%",
        "Complete",
        "%",
        "Grey",
        "%",
        "Total",
    ]
    property_row = next(row for row in rows if row[0] == "Property")
    assert property_row[1:12] == [2, 0.67, 0, 0, 0, 0, 0, 0, 1, 0.33, 3]
    total = next(row for row in rows if row[0] == "Total")
    assert total[1] == 2 and total[11] == 10
    assert ["Commit", head(store_dir)] == next(row for row in rows if row[0] == "Commit")[:2]
    sheet = book["Property"]
    assert [c.value for c in sheet[1]][:8] == [
        "Ref",
        "Objective",
        "Action",
        "Lead officer",
        "Deadline",
        "Due",
        "Status",
        "RAG",
    ]
    by_ref = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(by_ref) == {"property-demo/6.1", "property-demo/6.4", "property-demo/8.2"}
    rag = by_ref["property-demo/6.1"][7]
    assert rag.value == "Red" and rag.fill.fgColor.rgb == "00C62828"
    assert by_ref["property-demo/8.2"][7].value == "Grey"
    assert by_ref["property-demo/6.1"][5].value == datetime(2017, 4, 30)


def test_xlsx_dates_are_the_commit_date_so_the_bytes_repeat(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    report(capsys, store_dir, "--format", "xlsx", "-o", str(first))
    committed = datetime.fromisoformat(
        git(store_dir.parent, "show", "-s", "--format=%cI", "HEAD").strip()
    ).replace(tzinfo=None)
    book = openpyxl.load_workbook(first)
    assert book.properties.created == committed and book.properties.modified == committed
    with zipfile.ZipFile(first) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    zip_time = committed.replace(second=committed.second // 2 * 2)  # zip counts in 2 s steps
    assert stamps == {zip_time.timetuple()[:6]}
    report(capsys, store_dir, "--format", "xlsx", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xlsx"), "--format xlsx writes a file: give -o FILE"),
        (
            ("--format", "html", "-o", "/nonexistent/dir/r.html"),
            "/nonexistent/dir/r.html: cannot write the report",
        ),
        (("--at", "no-such-tag"), "no-such-tag: not a revision"),
        (("--since", "no-such-tag"), "no-such-tag: not a revision"),
    ],
)
def test_errors_are_one_line_and_exit_1(capsys, store_dir: Path, args, message) -> None:
    code, out, err = run(capsys, "report", "--store", str(store_dir), *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err


def test_report_of_one_plan_reads_only_that_plan(capsys, store_dir: Path) -> None:
    """``--plan`` loads only the plans it names: a broken file in another plan's folder
    is not read (no warning), and the report is the same bytes as before it appeared."""
    before = {
        fmt: report(capsys, store_dir, "--plan", "elections-demo", "--format", fmt)
        for fmt in ("text", "csv")
    }
    (store_dir / "property-demo" / "9.9.yaml").write_text("id: '9.9'\ntitle: [unclosed\n")
    git(store_dir.parent, "add", "-A")
    git(store_dir.parent, "commit", "-q", "-m", "a broken file in another plan")
    commit = head(store_dir)

    for fmt, old in before.items():
        code, out, err = run(
            capsys, "report", "--store", str(store_dir), "--plan", "elections-demo", "--format", fmt
        )
        assert code == 0
        assert err == ""  # the broken file was not read: no "did not load" warning
        assert out == old.replace(old_head(old), commit)

    code, _out, err = run(capsys, "report", "--store", str(store_dir), "--plan", "property-demo")
    assert code == 0
    assert "1 file did not load" in err  # the same file is read when its plan is asked for


def old_head(text: str) -> str:
    """The commit a report was stamped with (the one before the broken file's)."""
    found = re.search(r"\b[0-9a-f]{40}\b", text)
    assert found is not None
    return found.group(0)


def test_report_of_one_plan_keeps_the_cache_of_the_others(capsys, store_dir: Path) -> None:
    from bvtui.git import Repo
    from bvtui.store import cache_path

    old = time.time() - 60  # files younger than 2 s are never cached (racy)
    for path in store_dir.rglob("*.yaml"):
        os.utime(path, (old, old))
    assert main(["list", "--store", str(store_dir)]) == 0  # fills the parse cache
    repo = Repo.find(store_dir)
    assert repo is not None
    cache = cache_path(repo.git_dir, store_dir, "tree")
    filled = cache.read_bytes()

    report(capsys, store_dir, "--plan", "elections-demo")

    assert cache.read_bytes() == filled
