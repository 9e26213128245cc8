"""The export key (w): the current filtered view written as a report, off the UI thread."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import docx
import openpyxl
from helpers import SIZE, make_app, notified, screen_text, settle, shown_refs
from pypdf import PdfReader
from textual.pilot import Pilot

from bvtui.store import Store
from bvtui.tui.app import BvtuiApp
from bvtui.tui.screens.dialogs import ConfirmScreen
from bvtui.tui.screens.export import ExportScreen
from bvtui.tui.screens.main import MainScreen
from tests.conftest import git


async def test_w_writes_the_filtered_view_in_the_chosen_format(
    store_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")  # red only: property-demo 6.1 and 6.4
        assert shown_refs(pilot) == ["property-demo/6.1", "property-demo/6.4"]
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportScreen)
        text = screen_text(pilot)
        assert "Export 2 actions as a report" in text and "RAG: red" in text
        path = pilot.app.screen.query_one("#export-path").value
        assert path == str(tmp_path / "report-property-demo-red-2017-09-29.txt")
        # the arrows choose the format (the file name follows), Enter writes
        await pilot.press("down", "down", "down")
        await pilot.pause()
        path = pilot.app.screen.query_one("#export-path").value
        assert path.endswith("report-property-demo-red-2017-09-29.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        rows = list(csv.DictReader(io.StringIO(Path(path).read_text())))
        assert [row["ref"] for row in rows] == ["property-demo/6.1", "property-demo/6.4"]
        assert f"{tmp_path}/report-property-demo-red-2017-09-29.csv: csv report" in notified(pilot)


async def test_a_second_export_never_writes_over_the_first_unasked(
    store_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = tmp_path / "report-property-demo-red-overdue-2017-09-29.txt"
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "exclamation_mark", "w")
        await pilot.pause()
        assert pilot.app.screen.query_one("#export-path").value == str(first)
        await pilot.press("enter")
        await settle(pilot)
        assert first.exists()
        await pilot.press("w")
        await pilot.pause()  # the next free name is offered
        second = tmp_path / "report-property-demo-red-overdue-2017-09-29-2.txt"
        assert pilot.app.screen.query_one("#export-path").value == str(second)
        first.write_text("the first report, kept")
        pilot.app.screen.query_one("#export-path").value = str(first)
        await pilot.click("#write")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "exists. Write over it?" in screen_text(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ExportScreen)
        assert first.read_text() == "the first report, kept"
        await pilot.click("#write")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
    written = first.read_text()
    assert written != "the first report, kept" and "6.4" in written and "8.2" not in written
    assert not second.exists()


async def test_exports_started_inside_the_store_go_outside_its_work_tree(
    store_dir: Path, monkeypatch
) -> None:
    monkeypatch.chdir(store_dir)
    documents = Path.home() / "Documents"
    documents.mkdir()
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        why = str(pilot.app.screen.query_one("#export-status").content)
        assert why.startswith(f"In {documents}: the current folder is inside the store's git")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        assert f"{documents}/report-plans-2017-09-29.txt: text report" in notified(pilot)
    assert (documents / "report-plans-2017-09-29.txt").exists()
    assert git(store_dir, "status", "--porcelain") == ""


async def export_with_the_mouse(pilot: Pilot, fmt: str, target: Path) -> None:
    """``w``, click the format, type the file name, click Write; back on the main screen."""
    await pilot.press("w")
    await pilot.pause()
    await pilot.click(f"#fmt-{fmt}")
    pilot.app.screen.query_one("#export-path").value = str(target)
    await pilot.click("#write")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MainScreen)


async def test_xlsx_export_holds_only_the_shown_actions(store_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "meeting.xlsx"
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")  # overdue only
        shown = shown_refs(pilot)
        await export_with_the_mouse(pilot, "xlsx", target)
    book = openpyxl.load_workbook(target)
    refs = [
        row[0]
        for name in book.sheetnames[1:]
        for row in book[name].iter_rows(min_row=2, values_only=True)
    ]
    assert sorted(refs) == sorted(shown) and len(refs) == 4


async def test_an_unwritable_path_keeps_the_dialog_open_with_the_reason(
    store_dir: Path, tmp_path: Path
) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path").value = str(tmp_path / "no" / "such" / "r.txt")
        await pilot.click("#write")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ExportScreen)
        assert "cannot write the report: No such file or directory" in screen_text(pilot)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_export_judges_each_action_on_its_own_plans_as_of(
    store_dir: Path, tmp_path: Path
) -> None:
    """Without --as-of, the export counts overdue as the app's list does: per plan."""
    plan = store_dir / "property-demo" / "plan.yaml"
    plan.write_text(re.sub(r"^as_of: .*\n", "", plan.read_text(), flags=re.M))
    git(store_dir.parent, "commit", "-q", "-am", "property-demo: no as_of")
    overdue = sorted(a.ref for a in Store.open(store_dir).actions if a.is_overdue())
    target = tmp_path / "all.csv"
    async with BvtuiApp(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await export_with_the_mouse(pilot, "csv", target)
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert len(rows) == 10
    assert sorted(row["ref"] for row in rows if row["overdue"] == "True") == overdue


async def test_the_dialog_writes_a_committee_pack_as_pdf_and_docx(
    store_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")  # red only: property-demo 6.1 and 6.4
        for fmt in ("pdf", "docx"):
            await pilot.press("w")
            await pilot.pause()
            await pilot.click(f"#fmt-{fmt}")
            await pilot.pause()
            offered = tmp_path / f"report-property-demo-red-2017-09-29.{fmt}"
            assert pilot.app.screen.query_one("#export-path").value == str(offered)
            await pilot.click("#write")
            await settle(pilot)
            assert isinstance(pilot.app.screen, MainScreen)
            assert f"{offered}: {fmt} report" in notified(pilot)
    pdf = " ".join(p.extract_text() for p in PdfReader(offered.with_suffix(".pdf")).pages)
    assert "6.1" in pdf and "6.4" in pdf and "Filters RAG: red" in pdf and "8.2" not in pdf
    word = docx.Document(str(offered))
    refs = [row.cells[0].text for row in word.tables[3].rows[1:]]  # the delivery plan
    assert refs == ["6.1", "6.4"]


async def test_the_dialog_with_seven_formats_fits_24_lines(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        dialog = pilot.app.screen.query_one("#export")
        assert len(dialog.query("RadioButton")) == 7
        assert dialog.outer_size.height <= 24  # the border too, nothing to scroll
        assert pilot.app.screen.query_one("#write").region.bottom <= 23
