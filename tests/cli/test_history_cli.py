"""``bvtui log``, ``timeline``, ``changes``, ``snapshot`` and ``audit`` on a real trail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bvtui.cli.main import main
from tests.conftest import git
from tests.fixture_trail import Trail, trail  # noqa: F401


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()  # what building the trail printed
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_log_of_an_action_reads_like_the_trail(capsys, trail: Trail) -> None:  # noqa: F811
    code, out, err = run(capsys, "log", "--store", str(trail.store), "1.3b")
    assert code == 0 and err == ""
    blocks = out.strip().split("\n\n")
    assert blocks[0].splitlines() == [
        f"2017-09-20 10:00  Louise Stamp  {trail.shas['better'][:10]}",
        "    elections-demo/1.3b: status Delayed -> On Target",
        "    status: Delayed -> On Target",
    ]
    assert blocks[1].splitlines() == [
        f"2017-09-10 10:00  Will Tuckley  {trail.shas['rename'][:10]}  (hand edit)",
        "    renumber 1.3",
        "    renamed from plans/elections-demo/1.3.yaml",
        "    id: 1.3 -> 1.3b",
    ]
    assert "    update added (2017-18 Q2): Moved to July: new venue." in blocks[2]
    assert "(hand edit)" in blocks[3] and "    progress: 40 -> 45" in blocks[3]
    assert blocks[-1].splitlines()[-1].startswith("    new action: Ensure integrity")
    assert len(blocks) == 6


def test_log_json_since_a_tag_and_the_whole_store(capsys, trail: Trail) -> None:  # noqa: F811
    s = ("--store", str(trail.store))
    code, out, _ = run(
        capsys, "log", *s, "1.3b", "--since", "committee-2017-09-14", "--format", "json"
    )
    records = json.loads(out)
    assert code == 0 and len(records) == 1
    record = records[0]
    assert record["commit"] == trail.shas["better"] and record["author"] == "Louise Stamp"
    assert record["trailers"]["Action"] == ["elections-demo/1.3b"] and record["by_bvtui"]
    assert record["changes"] == [
        {
            "field": "status",
            "old": "Delayed",
            "new": "On Target",
            "update_added": False,
            "line": "status: Delayed -> On Target",
        }
    ]
    code, out, _ = run(capsys, "log", *s, "--since", "2017-09-21")
    assert code == 0
    assert "property-demo/6.1" in out and "elections-demo/1.4" in out and "9.1" in out
    assert "elections-demo/1.3b" not in out
    assert "    update added (2017-18 Q2): Validation meeting booked for October." in out


def test_timeline_prints_statuses_and_slips(capsys, trail: Trail) -> None:  # noqa: F811
    code, out, _ = run(capsys, "timeline", "--store", str(trail.store), "elections-demo/1.3b")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Status timeline"
    assert "2017-08-01  Delayed    ▲ amber  Louise Stamp" in out
    assert "2017-07-01  On Target  ■ green  Test Officer (hand edit)" in out
    assert "2017-09-01  May-18 -> Jul-18     +61  Test Officer  Moved to July: new venue." in out
    code, out, _ = run(capsys, "timeline", "--store", str(trail.store), "1.3b", "--format", "json")
    data = json.loads(out)
    assert [s["status"] for s in data["statuses"]] == ["On Target", "Delayed", "On Target"]
    assert data["deadline_slips"][0]["days"] == 61


def test_changes_since_the_snapshot(capsys, trail: Trail) -> None:  # noqa: F811
    s = ("--store", str(trail.store))
    code, out, _ = run(capsys, "changes", *s, "--since", "committee-2017-09-14")
    assert code == 0
    assert out.splitlines()[0] == (
        "5 actions moved: 1 worse, 1 better, 1 new, 1 removed, 1 with new updates"
    )
    assert "elections-demo · Elections" in out and "property-demo · Property" in out
    row_14 = next(line for line in out.splitlines() if line.startswith("1.4 "))
    assert "● red" in row_14 and "▼ worse" in row_14 and "On Target -> Overdue" in row_14
    code, out, _ = run(capsys, "changes", *s, "--since", "2017-09-01", "--until", "2017-09-21",
                       "--format", "json")  # fmt: skip
    data = json.loads(out)
    assert data["head"] == trail.shas["update"] and data["base"] == trail.shas["hand"]
    assert [(m["ref"], m["kind"], m["direction"]) for m in data["moves"]] == [
        ("elections-demo/1.3b", "renamed", "better"),
        ("property-demo/6.1", "changed", None),
    ]


def test_audit_exit_code_and_findings(capsys, trail: Trail) -> None:  # noqa: F811
    s = ("--store", str(trail.store))
    code, out, _ = run(capsys, "audit", *s, "--since", trail.shas["add-remove"])
    assert code == 0 and "nothing found" in out
    git(trail.top, "tag", "committee-moved")
    git(trail.top, "reset", "-q", "--hard", "HEAD~1")
    (trail.store / "elections-demo" / "1.1.yaml").write_text("id: '1.1'\nstatus: Delayed\n")
    code, out, _ = run(capsys, "audit", *s)
    assert code == 1
    assert "Commits to plan files made outside bvtui (3)" in out
    assert "Will Tuckley" in out and "renumber 1.3" in out and "nudge progress" in out
    assert "Uncommitted edits (1)" in out and "plans/elections-demo/1.1.yaml" in out
    assert "Snapshot tags not in the history of HEAD (1)" in out and "committee-moved" in out
    code, out, _ = run(capsys, "audit", *s, "--format", "json")
    data = json.loads(out)
    assert code == 1 and not data["clean"]
    assert [t["tag"] for t in data["stray_tags"]] == ["committee-moved"]
    assert data["uncommitted"] == [{"status": "M", "path": "plans/elections-demo/1.1.yaml"}]


def test_snapshot_command_and_list_at_it(capsys, trail: Trail) -> None:  # noqa: F811
    s = ("--store", str(trail.store))
    code, out, _ = run(capsys, "snapshot", *s, "committee-2017-10-05", "-m", "Q2 committee")
    assert code == 0 and out.startswith("snapshot committee-2017-10-05 = commit ")
    code, out, err = run(capsys, "snapshot", *s, "committee-2017-10-05")
    assert code == 1 and "already exists" in err and err.count("\n") == 1
    code, out, _ = run(
        capsys, "show", *s, "--at", "committee-2017-09-14", "1.3b", "--format", "json"
    )
    assert json.loads(out)["status"] == "Delayed"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("log", "nosuch"), 1, "nosuch: no such action in"),
        (("log", "../x"), 1, "../x: not an action id"),
        (
            ("changes", "--since", "not-a-rev"),
            1,
            "not-a-rev: not a date (YYYY-MM-DD) nor a revision",
        ),
        (("changes", "--since", "HEAD", "--until", "1999-01-01"), 1, "1999-01-01: no commit"),
        (("timeline", "elections-demo/7.7"), 1, "no commits touch this file"),
    ],
)
def test_errors_are_one_line_with_exit_1(capsys, trail: Trail, args, code, message) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    got, out, err = run(capsys, args[0], "--store", str(trail.store), *args[1:])
    assert got == code and out == ""
    assert message in err and err.count("\n") == 1


def test_usage_errors_exit_2(capsys, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["changes", "--store", str(tmp_path)])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["changes", "--since", "HEAD", "--format", "csv"])
    assert exit_.value.code == 2


def test_a_store_outside_git_has_no_history(capsys, tmp_path: Path) -> None:
    store = tmp_path / "plans"
    store.mkdir()
    code, _, err = run(capsys, "log", "--store", str(store))
    assert code == 1 and "not in a git repository" in err


def _git_commands(trace: Path) -> list[str]:
    """The git commands a run started, in order, from git's own trace (GIT_TRACE)."""
    return [
        line.split("built-in: git ")[1].split()[0]
        for line in trace.read_text().splitlines()
        if "built-in: git " in line
    ]


def test_log_of_an_action_bvtui_created_asks_git_for_its_log_and_blobs_only(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "--quiet")
    store = top / "plans"
    assert main(["init", str(store)]) == 0
    table = tmp_path / "plan.csv"
    table.write_text(
        "Ref,Action,Lead Officer,Deadline,Status\n1.1,Book the venue,Ann Smith,31/03/2026,On track\n"
    )
    assert main(["import", str(table), "--plan", "venues", "--store", str(store)]) == 0
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    code, out, _err = run(capsys, "log", "--store", str(store), "venues/1.1")
    assert code == 0 and "new action: Book the venue" in out
    # an import's commit creates its files: no rename to ask git about (diff-tree);
    # the blobs are read by one cat-file started beside the log; the commit-graph
    # write is the background one a first history command starts
    commands = [name for name in _git_commands(trace) if name != "commit-graph"]
    assert sorted(commands) == ["cat-file", "log", "rev-parse"]
