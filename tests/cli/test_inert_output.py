"""What a field holds never acts on the reader of an output: no spreadsheet formula, no
terminal control, no crash, and no field costing a report more than a page."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from bvtui.cli.main import main
from bvtui.model import CELL_LIMIT
from tests.conftest import git

FORMULA = '=HYPERLINK("https://evil.example","x")'
CONTROLS = "a\x1b[2Jb\x1b]52;c;ZXZpbA==\x07c\x08d\x7fe\x9bf\x85g"
"""ESC (clear screen), an OSC 52 clipboard write ended by BEL, BS, DEL and C1 (CSI, NEL)."""

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""A control character a terminal would act on (line breaks and tabs aside)."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def set_title(capsys: pytest.CaptureFixture[str], store: Path, ref: str, title: str) -> None:
    assert main(["set", "--store", str(store), ref, f"title={title}"]) == 0
    capsys.readouterr()


def xlsx_cells(path: Path) -> list:
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


# --- 6: spreadsheet formulas ---------------------------------------------------------


@pytest.mark.parametrize("command", ["list", "report"])
def test_a_formula_title_is_text_in_csv(
    capsys: pytest.CaptureFixture[str], store_dir: Path, command: str
) -> None:
    set_title(capsys, store_dir, "elections-demo/1.3", FORMULA)
    set_title(capsys, store_dir, "elections-demo/1.4", "-1+2")
    _code, out, _err = run(capsys, command, "--store", str(store_dir), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    titles = {row["ref"]: row["title"] for row in rows}
    assert titles["elections-demo/1.3"] == "'" + FORMULA
    assert titles["elections-demo/1.4"] == "'-1+2"
    cells = [cell for row in rows for cell in row.values()]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    progress = {row["ref"]: row["progress"] for row in rows}
    assert progress["elections-demo/1.3"] == "20"  # numbers stay numbers


def test_a_formula_title_is_a_string_cell_in_xlsx(
    capsys: pytest.CaptureFixture[str], store_dir: Path, tmp_path: Path
) -> None:
    set_title(capsys, store_dir, "elections-demo/1.3", FORMULA)
    path = tmp_path / "r.xlsx"
    code, _out, err = run(
        capsys, "report", "--store", str(store_dir), "--format", "xlsx", "-o", str(path)
    )
    assert code == 0, err
    cells = xlsx_cells(path)
    assert [cell for cell in cells if cell.data_type == "f"] == []
    assert FORMULA in [cell.value for cell in cells if cell.data_type == "s"]
    numbers = [cell.value for cell in cells if cell.data_type == "n" and cell.value is not None]
    assert 20 in numbers  # progress, still a number


# --- 10: xlsx and control characters --------------------------------------------------


def test_xlsx_report_of_a_plan_title_with_control_characters(
    capsys: pytest.CaptureFixture[str], store_dir: Path, tmp_path: Path
) -> None:
    plan = store_dir / "elections-demo" / "plan.yaml"
    text = plan.read_text()
    title = 'title: "Plan\\x1b[2J\\x07 2017"'  # YAML escapes: ESC and BEL in the title
    plan.write_text(re.sub(r"^title: .*$", lambda _m: title, text, flags=re.M))
    git(store_dir.parent, "commit", "-q", "-am", "a title with controls")
    path = tmp_path / "r.xlsx"
    code, _out, err = run(
        capsys,
        "report",
        *("--store", str(store_dir), "--plan", "elections-demo", "--format", "xlsx"),
        *("-o", str(path)),
    )
    assert code == 0, err
    values = [str(cell.value) for cell in xlsx_cells(path) if cell.value is not None]
    assert "Plan\\x1b[2J\\x07 2017" in values
    assert not any(RAW.search(value) for value in values)


# --- 7: terminal controls --------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--format", "csv"),
        ("list", "--format", "simple"),
        ("list", "--format", "github"),
        ("show", "elections-demo/1.3"),
        ("report", "--format", "csv"),
        ("report", "--format", "html"),
        ("report", "--format", "text"),
        ("report", "--format", "md"),
    ],
)
def test_text_outputs_show_control_characters_inertly(
    capsys: pytest.CaptureFixture[str], store_dir: Path, args: tuple[str, ...]
) -> None:
    set_title(capsys, store_dir, "elections-demo/1.3", CONTROLS)
    code, out, err = run(capsys, args[0], "--store", str(store_dir), *args[1:])
    assert code == 0, err
    assert RAW.search(out) is None
    assert "x1b[2Jb" in out  # shown as \x1b (md escapes its backslash)


@pytest.mark.parametrize("command", [("list",), ("show", "elections-demo/1.3")])
def test_json_escapes_every_control_character_and_keeps_the_text(
    capsys: pytest.CaptureFixture[str], store_dir: Path, command: tuple[str, ...]
) -> None:
    set_title(capsys, store_dir, "elections-demo/1.3", CONTROLS)
    code, out, err = run(capsys, *command, "--store", str(store_dir), "--format", "json")
    assert code == 0, err
    assert RAW.search(out) is None and "\u2028" not in out
    assert "\\u007f" in out and "\\u009b" in out
    data = json.loads(out)
    records = data if isinstance(data, list) else [data]
    assert CONTROLS in [record["title"] for record in records]


# --- 12: what one field may cost a report -----------------------------------------------


def test_a_huge_title_is_cut_in_table_formats_and_kept_whole_in_csv(
    capsys: pytest.CaptureFixture[str], store_dir: Path, tmp_path: Path
) -> None:
    path = store_dir / "elections-demo" / "1.3.yaml"
    huge = "x" * 200_000
    path.write_text(
        re.sub(r"^title: .*$", lambda _m: f"title: {huge}", path.read_text(), flags=re.M)
    )
    git(store_dir.parent, "commit", "-q", "-am", "a huge title")
    for fmt in ("text", "md", "html"):
        _code, out, err = run(capsys, "report", "--store", str(store_dir), "--format", fmt)
        assert err == "" and len(out) < 60_000, fmt  # the whole title would be 200,000+
        if fmt != "text":  # text wraps the cell among the other columns
            assert "x" * (CELL_LIMIT - 1) + "…" in out, fmt
    _code, out, _err = run(capsys, "report", "--store", str(store_dir), "--format", "csv")
    assert huge in out
    xlsx = tmp_path / "r.xlsx"
    run(capsys, "report", "--store", str(store_dir), "--format", "xlsx", "-o", str(xlsx))
    longest = max(len(str(cell.value or "")) for cell in xlsx_cells(xlsx))
    assert longest == CELL_LIMIT
