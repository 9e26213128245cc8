"""The command line on real stores: output formats, filters, edits, exit codes."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bvtui.cli.main import main
from tests.conftest import SEEDS, git


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refs(capsys, store: Path, *filters: str) -> list[str]:
    code, out, _ = run(capsys, "list", "--store", str(store), "--format", "json", *filters)
    assert code == 0
    return [record["ref"] for record in json.loads(out)]


def test_list_json_has_every_field_and_the_derived_ones(capsys, store_dir: Path) -> None:
    code, out, err = run(capsys, "list", "--store", str(store_dir), "--format", "json")
    assert code == 0 and err == ""
    records = json.loads(out)
    assert len(records) == 10
    record = next(r for r in records if r["ref"] == "elections-demo/1.4")
    for key in (
        "plan",
        "id",
        "title",
        "theme",
        "objective",
        "officers",
        "deadline",
        "revised_deadline",
        "due",
        "status",
        "rag",
        "progress",
        "overdue",
        "status_check",
    ):
        assert key in record
    assert record["due"] == "2017-06-30" and record["rag"] == "green"
    assert record["overdue"] is True and "Overdue (red)" in record["status_check"]


def test_filters_combine_and_across_kinds_or_within(capsys, store_dir: Path) -> None:
    assert refs(capsys, store_dir, "--rag", "red") == ["property-demo/6.1", "property-demo/6.4"]
    assert refs(capsys, store_dir, "--rag", "red,amber") == [
        "elections-demo/1.10",
        "property-demo/6.1",
        "property-demo/6.4",
    ]
    assert refs(capsys, store_dir, "--theme", "elections", "--rag", "green") == [
        "elections-demo/1.1",
        "elections-demo/1.3",
        "elections-demo/1.4",
    ]
    assert refs(capsys, store_dir, "--officer", "andreas") == [
        "elections-demo/3.3",
        "elections-demo/4.1",
    ]
    assert refs(capsys, store_dir, "--status", "not started") == ["property-demo/8.2"]
    assert refs(capsys, store_dir, "--plan", "property-demo", "--overdue") == [
        "property-demo/6.1",
        "property-demo/6.4",
    ]
    assert refs(capsys, store_dir, "--search", "ASSET AUDIT") == ["elections-demo/3.3"]
    # --as-of moves what is overdue
    assert refs(capsys, store_dir, "--overdue", "--as-of", "2017-01-01") == []


def test_list_table_and_csv(capsys, store_dir: Path) -> None:
    code, out, _ = run(
        capsys, "list", "--store", str(store_dir), "--rag", "red", "--format", "github"
    )
    assert code == 0 and out.startswith("| ref") and "| property-demo/6.1" in out and "● red" in out
    code, out, _ = run(capsys, "list", "--store", str(store_dir), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 10 and rows[0]["ref"] == "elections-demo/1.1"
    assert rows[0]["officers"] == "Will Tuckley; Louise Stamp"


def test_a_table_that_matches_nothing_says_so_and_scripts_get_empty_data(
    capsys, store_dir: Path
) -> None:
    nothing = ["list", "--store", str(store_dir), "--theme", "Nowhere", "--rag", "red"]
    code, out, err = run(capsys, *nothing)
    assert code == 0 and out.startswith("ref") and len(out.splitlines()) == 2  # the header
    assert err == "bvtui: no action matches theme: Nowhere · RAG: red\n"
    for fmt, empty in (("json", "[]\n"), ("csv", None)):
        code, out, err = run(capsys, *nothing, "--format", fmt)
        assert code == 0 and err == "" and (empty is None or out == empty)


def test_show(capsys, store_dir: Path) -> None:
    code, out, _ = run(capsys, "show", "--store", str(store_dir), "1.10")
    assert code == 0
    assert "Dedicated count training" in out and "▲ amber" in out and "Overdue (red)" in out
    assert "All accountants to receive Xpress" in out


def test_set_commits_and_reports(capsys, store_dir: Path) -> None:
    code, out, err = run(
        capsys,
        "set",
        "--store",
        str(store_dir),
        "elections-demo/1.3",
        "status=Delayed",
        "progress=40",
        "--update",
        "Moved.",
        "--period",
        "2017-18 Q3",
    )
    assert code == 0 and out.startswith("elections-demo/1.3: committed ") and err == ""
    subject = git(store_dir.parent, "log", "-1", "--format=%s").strip()
    assert subject.startswith("elections-demo/1.3: status On Target -> Delayed, progress 20 -> 40")
    code, out, _ = run(capsys, "set", "--store", str(store_dir), "1.3", "progress=40")
    assert code == 0 and out.strip() == "elections-demo/1.3: no change"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1.3", "progress=abc"], "progress: 'abc' is not a whole number from 0 to 100"),
        (["1.3", "status=Finished"], "status: 'Finished' is not one of this plan's statuses"),
        (["1.3", "colour=red"], "colour: 'red' is not a field you can set"),
        (["1.3", "nonsense"], "expected FIELD=VALUE"),
        (["99.9", "progress=1"], "99.9: no such action"),
        (["1.3"], "nothing to set"),
    ],
)
def test_set_refuses_bad_input_in_one_line_and_changes_nothing(
    capsys, store_dir: Path, args: list[str], message: str
) -> None:
    before = git(store_dir.parent, "rev-parse", "HEAD")
    code, out, err = run(capsys, "set", "--store", str(store_dir), *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err
    assert git(store_dir.parent, "rev-parse", "HEAD") == before
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_failed_commit_then_bvtui_commit(capsys, store_dir: Path) -> None:
    hook = store_dir.parent / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'frozen until the meeting ends' >&2\nexit 1\n")
    hook.chmod(0o755)
    code, _, err = run(capsys, "set", "--store", str(store_dir), "6.4", "progress=45")
    assert code == 1 and "saved but not committed" in err and "frozen until the meeting ends" in err
    assert "progress: 45" in (store_dir / "property-demo/6.4.yaml").read_text()
    hook.unlink()
    code, out, _ = run(capsys, "commit", "--store", str(store_dir))
    assert code == 0 and "property-demo/6.4: committed" in out
    assert (
        git(store_dir.parent, "log", "-1", "--format=%s").strip()
        == "property-demo/6.4: progress 30 -> 45"
    )
    code, out, _ = run(capsys, "commit", "--store", str(store_dir))
    assert code == 0 and out.strip() == "nothing to commit"


def test_validate(capsys, store_dir: Path) -> None:
    code, out, err = run(capsys, "validate", "--store", str(store_dir))
    assert code == 0 and out == "" and "all valid" in err
    (store_dir / "property-demo/6.1.yaml").write_text("id: '6.1'\nprogress: lots\n")
    code, out, err = run(capsys, "validate", "--store", str(store_dir))
    assert code == 1
    assert (
        out.strip()
        == f"{store_dir}/property-demo/6.1.yaml: progress: 'lots' is not a whole number from 0 to 100"
    )
    # and the other commands still work, with a warning
    code, out, err = run(capsys, "list", "--store", str(store_dir), "--format", "json")
    assert code == 0 and len(json.loads(out)) == 9 and "1 file did not load" in err


def test_init_makes_a_repository_and_a_first_commit(capsys, tmp_path: Path) -> None:
    code, _, _ = run(capsys, "init", str(tmp_path / "council" / "plans"))
    assert code == 0
    top = tmp_path / "council" / "plans"
    assert git(top, "log", "--format=%s").strip() == "bvtui init: new store plans"
    code, _, err = run(capsys, "init", str(top))
    assert code == 1 and "not empty" in err


def test_import_cli_reports_bad_lines_and_is_idempotent(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "Ref,Action Title,Lead,Status,Progress %\nX1,Do a thing,Ann Lead,On target,10\n"
        ",No ref,Ann Lead,On target,lots\n"
    )
    code, out, err = run(capsys, "import", str(source), "--plan", "mine", "--store", str(store_dir))
    assert code == 1  # a row was not imported
    assert "1 new" in out and "1 row rejected" in out and "committed" in out
    assert err.splitlines() == [
        f"{source}:3: no Ref for 'No ref'",
        f"bvtui: {source}: 1 row not imported (listed above); the rest imported",
    ]
    assert (store_dir / "mine" / "X1.yaml").is_file()
    code, out, _ = run(capsys, "import", str(source), "--plan", "mine", "--store", str(store_dir))
    assert code == 1 and "no change, nothing committed" in out
    source.write_text(
        "Ref,Action Title,Lead,Status,Progress %\nX1,Do a thing,Ann Lead,On target,10\n"
    )
    code, out, err = run(capsys, "import", str(source), "--plan", "mine", "--store", str(store_dir))
    assert code == 0 and err == "" and "rejected" not in out  # every row read: exit 0


def test_import_nothing_readable_is_exit_1(capsys, store_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "empty.csv"
    source.write_text("just,some,words\n")
    code, _, err = run(capsys, "import", str(source), "--plan", "mine", "--store", str(store_dir))
    assert code == 1 and "no actions could be read" in err


def test_store_from_environment(capsys, store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BVTUI_STORE", str(store_dir))
    assert len(refs(capsys, store_dir)) == 10  # --store given
    code, out, _ = run(capsys, "list", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 10


def console(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bvtui", *args], cwd=cwd, capture_output=True, text=True
    )


def test_exit_codes_through_the_real_command(store_dir: Path) -> None:
    ok = console("list", "--rag", "red", cwd=store_dir.parent)  # ./plans by default
    assert ok.returncode == 0 and "property-demo/6.1" in ok.stdout
    usage = console("list", "--rag", "purple", cwd=store_dir.parent)
    assert usage.returncode == 2 and "not a RAG" in usage.stderr
    data = console("show", "nope", cwd=store_dir.parent)
    assert data.returncode == 1 and data.stderr.count("\n") == 1
    missing = console("list", "--store", "elsewhere", cwd=store_dir.parent)
    assert missing.returncode == 1 and "no such store folder" in missing.stderr
    helps = console("set", "--help", cwd=store_dir.parent)
    assert helps.returncode == 0 and "FIELD=VALUE" in helps.stdout


def test_the_cli_never_imports_textual(store_dir: Path) -> None:
    probe = (
        "import sys; from bvtui.cli.main import main; main(['list', '--format', 'json']); "
        "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'CLEAN', file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=store_dir.parent, capture_output=True, text=True
    )
    assert result.stderr.strip().endswith("CLEAN")


def test_the_shipped_store_is_valid_and_holds_the_four_plans() -> None:
    shipped = Path(__file__).resolve().parents[2] / "plans"
    result = console("list", "--store", str(shipped), "--format", "json", cwd=shipped.parent)
    assert result.returncode == 0 and result.stderr == ""
    records = json.loads(result.stdout)
    by_plan: dict[str, int] = {}
    for record in records:
        by_plan[record["plan"]] = by_plan.get(record["plan"], 0) + 1
    assert by_plan == {
        "district-improvement-plan": 117,
        "tower-hamlets-bvap-2016": 44,
        "tower-hamlets-bvip-2017-18": 115,
        "tower-hamlets-tib-2019-22": 32,
    }
    assert SEEDS.exists()
