"""The update round on the command line: ``period``, ``period open``, ``whoami``,
``list --due-update`` and ``list --mine``, on real stores in real repositories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bvtui.cli.main import main
from tests.conftest import git

ELECTIONS_OPEN = [
    "elections-demo/1.1",
    "elections-demo/1.3",
    "elections-demo/1.4",
    "elections-demo/1.10",
    "elections-demo/3.3",
]
"""The fixture elections plan's open actions (1.9 and 4.1 are Completed)."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refs(capsys: pytest.CaptureFixture[str], store: Path, *filters: str) -> list[str]:
    code, out, err = run(capsys, "list", "--store", str(store), "--format", "json", *filters)
    assert code == 0, err
    return [record["ref"] for record in json.loads(out)]


def open_q3(capsys: pytest.CaptureFixture[str], store: Path) -> str:
    """Open the 2017-18 Q3 round of the fixture elections plan; what it printed."""
    code, out, err = run(
        capsys, "period", "open", "2017-18 Q3", "--plan", "elections-demo", "--store", str(store)
    )
    assert code == 0, err
    return out


def commits(store: Path) -> int:
    return int(git(store.parent, "rev-list", "--count", "HEAD"))


def test_period_open_sets_the_period_in_one_commit_keeping_comments(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    plan_file = store_dir / "elections-demo" / "plan.yaml"
    before = plan_file.read_text()
    out = open_q3(capsys, store_dir)
    assert "5 of 5 open actions due an update" in out
    after = plan_file.read_text()
    assert after == before.replace("period: 2017-18 Q2", "period: 2017-18 Q3")
    assert after.startswith("# A small slice")  # the round trip writer kept the comment
    message = git(store_dir.parent, "log", "-1", "--format=%B")
    assert message.splitlines()[0] == "elections-demo/plan.yaml: update round 2017-18 Q3 opened"
    assert "period: 2017-18 Q2 -> 2017-18 Q3" in message
    assert git(store_dir.parent, "show", "--name-only", "--format=", "HEAD").split() == [
        "plans/elections-demo/plan.yaml"
    ]
    assert git(store_dir.parent, "status", "--porcelain") == ""
    # the same period again: nothing to commit
    count = commits(store_dir)
    out = open_q3(capsys, store_dir)
    assert "already 2017-18 Q3" in out and commits(store_dir) == count


def test_period_lists_each_plan_with_its_due_count(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    code, out, _ = run(capsys, "period", "--store", str(store_dir))
    assert code == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:]}
    assert rows["elections-demo"] == ["2017-18", "Q2", "0", "5"]
    assert rows["property-demo"] == ["2017-18", "Q2", "1", "3"]  # 8.2 has no update at all


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["2017-18 Q3"], "holds 2 plans (elections-demo, property-demo): name one with --plan"),
        (["2017-18 Q3", "--plan", "nowhere"], "--plan 'nowhere': no such plan"),
        (["2017-18\nQ3", "--plan", "elections-demo"], "give one line of text"),
        (["  ", "--plan", "elections-demo"], "give one line of text"),
    ],
)
def test_period_open_refuses_in_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], store_dir: Path, args: list[str], said: str
) -> None:
    count = commits(store_dir)
    code, out, err = run(capsys, "period", "open", *args, "--store", str(store_dir))
    assert code == 1 and out == ""
    assert said in err and len(err.strip().splitlines()) == 1
    assert commits(store_dir) == count
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_list_due_update_combines_with_the_other_filters(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    assert refs(capsys, store_dir, "--due-update") == ["property-demo/8.2"]
    open_q3(capsys, store_dir)
    assert refs(capsys, store_dir, "--due-update") == [*ELECTIONS_OPEN, "property-demo/8.2"]
    assert refs(capsys, store_dir, "--due-update", "--rag", "amber") == ["elections-demo/1.10"]


def test_whoami_by_name_by_email_table_and_by_alias(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    top = store_dir.parent
    git(top, "config", "user.name", "louise  stamp")
    code, out, _ = run(capsys, "whoami", "--store", str(store_dir))
    assert code == 0
    assert out.splitlines()[0] == "Louise Stamp" and "by name on the actions" in out
    git(top, "config", "user.name", "Andreas")
    code, out, _ = run(capsys, "whoami", "--store", str(store_dir))
    assert out.splitlines()[0] == "Andreas Christophorou"
    assert "by alias, from officer_aliases: in elections-demo/plan.yaml" in out
    plan_file = store_dir / "property-demo" / "plan.yaml"
    plan_file.write_text(plan_file.read_text() + "officers:\n  Richard Chilcott: rc@example.org\n")
    git(top, "config", "user.name", "RC")
    git(top, "config", "user.email", "RC@Example.org")
    code, out, _ = run(capsys, "whoami", "--store", str(store_dir))
    assert out.splitlines()[0] == "Richard Chilcott"
    assert "by e-mail, from the officers: table in property-demo/plan.yaml" in out


def test_whoami_says_how_to_fix_an_identity_that_is_no_officer(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    code, out, err = run(capsys, "whoami", "--store", str(store_dir))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "Test Officer <officer@example.org> (git config) is no officer of any plan" in err
    assert "'Test Officer: officer@example.org' under officers:" in err


def test_list_mine_is_the_identitys_officer_and_combines(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    git(store_dir.parent, "config", "user.name", "Louise Stamp")
    mine = [
        "elections-demo/1.1",
        "elections-demo/1.3",
        "elections-demo/1.4",
        "elections-demo/1.9",
        "elections-demo/1.10",
    ]
    assert refs(capsys, store_dir, "--mine") == mine
    assert refs(capsys, store_dir, "--mine", "--due-update") == []
    open_q3(capsys, store_dir)
    due = [ref for ref in mine if ref != "elections-demo/1.9"]  # 1.9 is Completed
    assert refs(capsys, store_dir, "--mine", "--due-update") == due
    assert refs(capsys, store_dir, "--mine", "--due-update", "--rag", "amber") == [due[-1]]
    git(store_dir.parent, "config", "user.name", "Nobody")
    code, out, err = run(capsys, "list", "--mine", "--store", str(store_dir))
    assert code == 1 and out == "" and "--mine: Nobody <officer@example.org>" in err
