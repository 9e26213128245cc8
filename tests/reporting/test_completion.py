"""Reports and the app tell a completion backed by evidence (``bvtui attach``) from one
the status alone reports: "Complete - evidenced" apart from "Complete - self-reported"."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from bvtui.cli.main import main
from tests.conftest import DATA
from tests.tui.helpers import SIZE, make_app, screen_text, settle

MINUTES = DATA / "evidence" / "board-minutes-2017-09-14.txt"


@pytest.fixture
def evidenced(capsys, store_dir: Path) -> Path:
    """The fixture store with evidence attached to 1.9 (complete); 4.1 stays complete
    on its status alone."""
    assert main(["attach", "--store", str(store_dir), "1.9", str(MINUTES)]) == 0
    capsys.readouterr()
    return store_dir


def report(capsys, store: Path, fmt: str, out: Path | None = None) -> str:
    args = ["report", "--store", str(store), "--plan", "elections-demo", "--format", fmt]
    assert main([*args, *(["-o", str(out)] if out else [])]) == 0
    return capsys.readouterr().out


def row_of(text: str, ref: str) -> str:
    return next(line for line in text.splitlines() if line.lstrip("| ").startswith(f"{ref} "))


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_text_and_md_rows_say_how_completion_is_known(capsys, evidenced: Path, fmt: str) -> None:
    text = report(capsys, evidenced, fmt)
    assert "Complete - evidenced" in row_of(text, "1.9")
    assert "Complete - self-reported" in row_of(text, "4.1")


def test_html_rag_cells_say_it(capsys, evidenced: Path) -> None:
    page = report(capsys, evidenced, "html")
    assert page.count('<td class="rag rag-blue">Complete - evidenced</td>') == 1
    assert page.count('<td class="rag rag-blue">Complete - self-reported</td>') == 1


def test_csv_has_a_completion_column(capsys, evidenced: Path) -> None:
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(report(capsys, evidenced, "csv")))}
    assert rows["1.9"]["completion"] == "complete - evidenced"
    assert rows["4.1"]["completion"] == "complete - self-reported"
    assert rows["1.3"]["completion"] == ""


def test_xlsx_rag_cells_say_it(capsys, evidenced: Path, tmp_path: Path) -> None:
    path = tmp_path / "pack.xlsx"
    report(capsys, evidenced, "xlsx", path)
    book = openpyxl.load_workbook(path)
    values = {
        (sheet.title, cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
    }
    words = {value for _title, value in values}
    assert {"Complete - evidenced", "Complete - self-reported"} <= words


async def test_the_detail_pane_says_it_and_names_the_evidence(evidenced: Path) -> None:
    async with make_app(evidenced).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")  # complete only: 1.9 highlighted first, then 4.1
        await settle(pilot)
        text = screen_text(pilot)
        assert "complete - evidenced" in text
        assert "board-minutes-2017-09-14.txt" in text
        await pilot.press("down")
        await settle(pilot)
        assert "complete - self-reported" in screen_text(pilot)
