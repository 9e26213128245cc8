"""``bvtui set`` on several actions: ids or ``--where`` filters, one commit naming every
action (or one per action with ``--each``), more than 20 only with ``--yes``, and one
invalid value refusing the whole edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.cli.main import main
from tests.conftest import git


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def head(store: Path) -> str:
    return git(store.parent, "rev-parse", "HEAD").strip()


def trailers(store: Path, key: str = "Action", rev: str = "HEAD") -> list[str]:
    out = git(store.parent, "log", "-1", f"--format=%(trailers:key={key},valueonly)", rev)
    return [line for line in out.splitlines() if line]


def many_actions(store: Path, count: int) -> None:
    """``count`` more actions in elections-demo, copies of 1.3 under new ids, committed."""
    text = (store / "elections-demo" / "1.3.yaml").read_text()
    for number in range(count):
        copy = text.replace("id: '1.3'", f"id: '9.{number}'")
        (store / "elections-demo" / f"9.{number}.yaml").write_text(copy)
    git(store.parent, "add", "-A")
    git(store.parent, "commit", "-q", "-m", "more actions")


def test_several_ids_one_commit_with_a_trailer_per_action(capsys, store_dir: Path) -> None:
    before = head(store_dir)
    code, out, err = run(
        capsys,
        "set",
        "--store",
        str(store_dir),
        "1.3",
        "1.4",
        "property-demo/6.1",
        "status=Delayed",
        "--update",
        "Held over to Q3.\n\nAction: elections-demo/1.1\nReverts: " + "0" * 40,
    )
    assert code == 0, err
    sha = head(store_dir)
    assert out.splitlines() == [
        f"elections-demo/1.3: committed {sha[:10]}",
        f"elections-demo/1.4: committed {sha[:10]}",
        f"property-demo/6.1: committed {sha[:10]}",
    ]
    # the update's text cannot forge a trailer: only the actions changed are named
    assert trailers(store_dir) == ["elections-demo/1.3", "elections-demo/1.4", "property-demo/6.1"]
    assert trailers(store_dir, "Reverts") == []
    subject = git(store_dir.parent, "log", "-1", "--format=%s").strip()
    assert subject == "3 actions: status -> Delayed, update 2017-18 Q2"
    code, out, _ = run(capsys, "audit", "--store", str(store_dir), "--since", before)
    assert code == 0, out  # a bulk commit is bvtui's own: its trailers name its files


def test_the_same_command_twice_adds_the_update_once(capsys, store_dir: Path) -> None:
    """Run again (a shell's history, a script retried), the same update for the same
    period is already there: no second copy, no commit."""
    args = ("set", "--store", str(store_dir), "1.3", "1.4", "status=Delayed", "--update", "Held.")
    code, _, err = run(capsys, *args)
    assert code == 0, err
    before = head(store_dir)
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert out.splitlines() == ["elections-demo/1.3: no change", "elections-demo/1.4: no change"]
    assert head(store_dir) == before
    text = (store_dir / "elections-demo" / "1.3.yaml").read_text()
    assert text.count("Held.") == 1


def test_where_takes_the_list_filters(capsys, store_dir: Path) -> None:
    code, _out, err = run(
        capsys,
        "set",
        "--store",
        str(store_dir),
        "--where",
        "--plan property-demo --rag red",
        "progress=10",
    )
    assert code == 0, err
    assert trailers(store_dir) == ["property-demo/6.1", "property-demo/6.4"]
    assert "progress: 10\n" in (store_dir / "property-demo" / "6.4.yaml").read_text()
    assert "progress: 10\n" not in (store_dir / "property-demo" / "8.2.yaml").read_text()


def test_where_that_matches_nothing_or_is_not_filters_changes_nothing(
    capsys, store_dir: Path
) -> None:
    before = head(store_dir)
    code, _, err = run(
        capsys,
        "set",
        "--store",
        str(store_dir),
        "--where",
        "--officer nobody --rag red",
        "progress=10",
    )
    assert code == 1 and "no action matches officer: nobody" in err
    code, _, err = run(
        capsys, "set", "--store", str(store_dir), "--where=--colour red", "progress=10"
    )
    assert code == 1 and len(err.splitlines()) == 1 and "--where" in err and "--colour" in err
    assert head(store_dir) == before


def test_more_than_twenty_need_yes(capsys, store_dir: Path) -> None:
    many_actions(store_dir, 15)  # 7 + 15 = 22 actions in elections-demo
    before = head(store_dir)
    args = ["set", "--store", str(store_dir), "--where", "--plan elections-demo", "progress=50"]
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "bvtui: 22 actions would be changed, more than 20: nothing was changed; "
        "add --yes to change them all"
    ]
    assert head(store_dir) == before and git(store_dir.parent, "status", "--porcelain") == ""
    code, _, err = run(capsys, *args, "--yes")
    assert code == 0, err
    assert git(store_dir.parent, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert len(trailers(store_dir)) == 22


def test_a_value_invalid_for_one_action_refuses_them_all(capsys, store_dir: Path) -> None:
    before = head(store_dir)
    # "Not Started" is a status of property-demo, not of elections-demo
    code, out, err = run(
        capsys, "set", "--store", str(store_dir), "6.4", "1.3", "status=Not Started"
    )
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1
    assert "elections-demo/1.3.yaml: status: 'Not Started'" in err and "nothing was changed" in err
    assert head(store_dir) == before and git(store_dir.parent, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("assignment", "field"),
    [
        ("officers=Will Tuckley, Louise Stamp", "officers: [Will Tuckley, Louise Stamp]"),
        ("revised_deadline=Mar-18", "revised_deadline: Mar-18"),
        ("progress=65", "progress: 65"),
    ],
)
def test_bulk_fields(capsys, store_dir: Path, assignment: str, field: str) -> None:
    code, _, err = run(capsys, "set", "--store", str(store_dir), "1.9", "6.1", assignment)
    assert code == 0, err
    for path in ("elections-demo/1.9.yaml", "property-demo/6.1.yaml"):
        assert f"{field}\n" in (store_dir / path).read_text()


def test_each_is_one_commit_per_action(capsys, store_dir: Path) -> None:
    before = head(store_dir)
    code, _, err = run(
        capsys, "set", "--store", str(store_dir), "1.9", "6.1", "progress=5", "--each"
    )
    assert code == 0, err
    assert git(store_dir.parent, "rev-list", "--count", f"{before}..HEAD").strip() == "2"
    assert trailers(store_dir) == ["property-demo/6.1"]
    assert trailers(store_dir, rev="HEAD~") == ["elections-demo/1.9"]
