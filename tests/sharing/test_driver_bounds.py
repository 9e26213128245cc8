"""What one file can cost the merge driver is bounded: an oversized file or a file of
aliases is merged line by line by git (with conflict markers), never parsed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bvtui.cli.main import main
from bvtui.sharing import run_merge_driver
from bvtui.store import MAX_FILE_BYTES
from tests.conftest import git
from tests.store.test_hostile_files import LAUGHS

HEAD = "id: '1.3'\ntitle: {title}\nupdates:\n"


def versions(tmp_path: Path, base: str, mine: str, theirs: str) -> tuple[Path, Path, Path]:
    paths = []
    for name, text in (("base", base), ("mine", mine), ("theirs", theirs)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1], paths[2]


def updates(count: int, word: str = "update") -> str:
    return "".join(f"- period: 2017-18 Q2\n  text: {word} {i} {'x' * 40}\n" for i in range(count))


def test_an_oversized_file_is_merged_as_text_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no repository: not a rebase
    many = MAX_FILE_BYTES // 60 + 10
    body = updates(many)
    base, mine, theirs = versions(
        tmp_path,
        HEAD.format(title="Base") + body,
        HEAD.format(title="Mine") + body,
        HEAD.format(title="Theirs") + body,
    )
    assert mine.stat().st_size > MAX_FILE_BYTES
    assert run_merge_driver(base, mine, theirs, "plans/p/1.3.yaml") == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("bvtui merge driver: plans/p/1.3.yaml: larger than 1,000,000 bytes")
    text = mine.read_text()
    assert "<<<<<<< mine\ntitle: Mine\n=======\ntitle: Theirs\n>>>>>>> theirs\n" in text
    assert text.endswith(body)


def test_a_clean_oversized_merge_takes_both_sides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    many = MAX_FILE_BYTES // 60 + 10
    base, mine, theirs = versions(
        tmp_path,
        HEAD.format(title="Base") + updates(many),
        HEAD.format(title="Mine") + updates(many),
        HEAD.format(title="Base") + updates(many) + "- period: 2017-18 Q3\n  text: new\n",
    )
    assert run_merge_driver(base, mine, theirs, "plans/p/1.3.yaml") == 0
    assert "larger than" in capsys.readouterr().err
    text = mine.read_text()
    assert text.startswith(HEAD.format(title="Mine")) and text.endswith("text: new\n")


def test_a_billion_laughs_is_merged_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    base, mine, theirs = versions(
        tmp_path, LAUGHS, LAUGHS.replace("id: lol", "id: mine"), LAUGHS.replace("j:", "k:")
    )
    assert run_merge_driver(base, mine, theirs, "plans/p/lol.yaml") == 0
    assert mine.read_text() == LAUGHS.replace("id: lol", "id: mine").replace("j:", "k:")


def test_sync_of_a_billion_laughs_edited_on_both_sides_completes(
    capsys: pytest.CaptureFixture[str], clone: Callable[[str], Path]
) -> None:
    amy, ben = clone("amy"), clone("ben")
    laughs = amy / "elections-demo" / "lol.yaml"
    laughs.write_text(LAUGHS)
    git(amy.parent, "add", "-A")
    git(amy.parent, "commit", "-qm", "a file of aliases")
    git(amy.parent, "push", "-q")
    assert main(["sync", "--store", str(ben)]) == 0
    mine = ben / "elections-demo" / "lol.yaml"
    assert mine.read_text() == LAUGHS
    laughs.write_text(LAUGHS.replace("id: lol", "id: amy"))
    git(amy.parent, "commit", "-qam", "amy")
    git(amy.parent, "push", "-q")
    mine.write_text(LAUGHS.replace("j:", "k:"))
    git(ben.parent, "commit", "-qam", "ben")
    capsys.readouterr()
    assert main(["sync", "--store", str(ben)]) == 0, capsys.readouterr().err
    assert mine.read_text() == LAUGHS.replace("id: lol", "id: amy").replace("j:", "k:")
