"""`bvtui set` refuses a deadline that looks like a date but names none (issue 13, item 6)."""

from pathlib import Path

import pytest

from bvtui.cli.main import main
from tests.conftest import git


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("assignment", "shown"),
    [
        ("deadline=31/13/2025", "deadline: '31/13/2025'"),
        ("deadline=Jun-25-32", "deadline: 'Jun-25-32'"),
        ("revised_deadline=Jnu-26", "revised_deadline: 'Jnu-26'"),
    ],
)
def test_a_mistyped_date_is_refused_in_one_line(
    capsys, store_dir: Path, assignment: str, shown: str
) -> None:
    before = git(store_dir.parent, "rev-parse", "HEAD")
    code, out, err = run(capsys, "set", "--store", str(store_dir), "1.3", assignment)
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert "elections-demo/1.3.yaml" in err and shown in err
    assert "looks like a date" in err and "--force" in err
    assert git(store_dir.parent, "rev-parse", "HEAD") == before
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_force_keeps_the_text_as_written(capsys, store_dir: Path) -> None:
    code, out, err = run(
        capsys, "set", "--store", str(store_dir), "1.3", "deadline=31/13/2025", "--force"
    )
    assert code == 0 and out.startswith("elections-demo/1.3: committed") and err == ""
    assert "deadline: 31/13/2025" in (store_dir / "elections-demo" / "1.3.yaml").read_text()


@pytest.mark.parametrize("words", ["TBC", "On-going", "June Cabinet", "Q4"])
def test_words_for_no_date_need_no_force(capsys, store_dir: Path, words: str) -> None:
    code, out, err = run(capsys, "set", "--store", str(store_dir), "1.3", f"deadline={words}")
    assert code == 0 and out.startswith("elections-demo/1.3: committed") and err == ""
