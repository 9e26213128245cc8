"""``bvtui verify PACK``: the report made again at the commit and with the command its
stamp names, compared byte for byte; the actions whose rows differ are named; a
snapshot tag moved since the pack was made is said."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bvtui.cli.main import main
from tests.conftest import git

EDITED_13 = "Exclusion"
"""A word in 1.3's latest update, once in every text format (the text one wraps cells)."""


def make_pack(capsys, store: Path, path: Path, *args: str) -> Path:
    fmt = {"txt": "text"}.get(path.suffix[1:], path.suffix[1:])
    code = main(["report", "--store", str(store), "--format", fmt, "-o", str(path), *args])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    return path


def verify(capsys, store: Path, pack: Path) -> tuple[int, str]:
    code = main(["verify", "--store", str(store), str(pack)])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("ext", ["html", "md", "txt", "csv", "xlsx", "docx"])
def test_an_untouched_pack_is_identical(capsys, store_dir: Path, tmp_path: Path, ext) -> None:
    pack = make_pack(capsys, store_dir, tmp_path / f"pack.{ext}", "--plan", "elections-demo")
    head = git(store_dir.parent, "rev-parse", "HEAD").strip()
    # the store moves on after the pack was made: verify reads the stamped commit
    assert main(["set", "--store", str(store_dir), "1.3", "progress=40"]) == 0
    capsys.readouterr()
    code, out = verify(capsys, store_dir, pack)
    assert code == 0, out
    assert f"identical to the report made again at {head[:10]}" in out


def test_the_stamp_carries_the_filters_and_as_of(capsys, store_dir: Path, tmp_path) -> None:
    args = ("--rag", "red,amber", "--as-of", "2017-12-31", "--search", "polling")
    pack = make_pack(capsys, store_dir, tmp_path / "pack.md", *args)
    text = pack.read_text()
    assert (
        "- **Made with:** bvtui report --rag amber,red --search polling --as-of 2017-12-31" in text
    )
    code, out = verify(capsys, store_dir, pack)
    assert code == 0, out


@pytest.mark.parametrize("ext", ["html", "md", "txt", "csv"])
def test_an_edited_cell_names_its_action(capsys, store_dir: Path, tmp_path: Path, ext) -> None:
    pack = make_pack(capsys, store_dir, tmp_path / f"pack.{ext}")
    text = pack.read_text()
    assert text.count(EDITED_13) == 1
    pack.write_text(text.replace(EDITED_13, "Inclusion"))
    code, out = verify(capsys, store_dir, pack)
    assert code == 1
    assert "NOT identical" in out
    differs = [line.strip() for line in out.splitlines() if "differs:" in line]
    assert differs == ["differs: elections-demo/1.3"]


def test_an_edited_workbook_cell_names_its_action(capsys, store_dir: Path, tmp_path) -> None:
    pack = make_pack(capsys, store_dir, tmp_path / "pack.xlsx")
    book = openpyxl.load_workbook(pack)
    [cell] = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value == 75]
    cell.value = 90  # 3.3's progress, as someone "corrected" it before the meeting
    book.save(pack)
    code, out = verify(capsys, store_dir, pack)
    assert code == 1
    assert [line.strip() for line in out.splitlines() if "differs:" in line] == [
        "differs: elections-demo/3.3"
    ]


def test_a_changed_summary_count_is_said_as_such(capsys, store_dir: Path, tmp_path) -> None:
    pack = make_pack(capsys, store_dir, tmp_path / "pack.md")
    text = pack.read_text()
    pack.write_text(text.replace("| Total ", "| Totals ", 1))
    code, out = verify(capsys, store_dir, pack)
    assert code == 1
    assert "no action's row differs: the title, stamp or summary counts do" in out


def test_a_pack_from_a_snapshot_tag_moved_later(capsys, store_dir: Path, tmp_path) -> None:
    top = store_dir.parent
    assert main(["snapshot", "--store", str(store_dir), "committee-2017-09-14"]) == 0
    presented = git(top, "rev-parse", "HEAD").strip()
    pack = make_pack(capsys, store_dir, tmp_path / "pack.html", "--at", "committee-2017-09-14")
    # after the meeting: an edit, and the tag moved onto it (the record rewritten)
    assert main(["set", "--store", str(store_dir), "1.3", "status=Delayed"]) == 0
    git(top, "tag", "-f", "-a", "-m", "moved", "committee-2017-09-14", "HEAD")
    moved = git(top, "rev-parse", "HEAD").strip()
    capsys.readouterr()
    again = make_pack(capsys, store_dir, tmp_path / "again.html", "--at", "committee-2017-09-14")
    assert again.read_bytes() != pack.read_bytes()  # the tag no longer gives the pack
    code, out = verify(capsys, store_dir, pack)
    assert code == 0, out
    assert f"identical to the report made again at {presented[:10]}" in out
    assert (
        f"snapshot tag 'committee-2017-09-14' has moved: the pack was made at "
        f"{presented[:10]}, the tag now names {moved[:10]}"
    ) in out


def test_a_file_that_is_no_pack_is_one_line(capsys, store_dir: Path, tmp_path) -> None:
    other = tmp_path / "notes.md"
    other.write_text("# Notes\n\nNothing stamped here.\n")
    code, out = verify(capsys, store_dir, other)
    assert code == 1
    assert (
        out.strip() == f"bvtui: {other}: no bvtui report stamp (Commit and Made with) found in it"
    )


def test_a_pdf_pack_is_refused_naming_the_file(capsys, store_dir: Path, tmp_path) -> None:
    pack = make_pack(capsys, store_dir, tmp_path / "pack.pdf")
    code, out = verify(capsys, store_dir, pack)
    assert code == 1
    assert out.strip() == (
        f"bvtui: {pack}: a pdf pack's stamp cannot be read back: verify its docx or html twin"
    )
