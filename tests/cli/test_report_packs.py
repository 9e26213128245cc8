"""``bvtui report --format docx / pdf``: the committee pack in the formats an agenda uses,
read back with python-docx and pypdf and held against the html report."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from bvtui.cli.main import main
from bvtui.reporting import RAG_COLOURS
from tests.conftest import git

WORDS = {"Red": "red", "Amber": "amber", "Green": "green", "Complete": "blue", "Grey": "grey"}


def report(capsys, store: Path, *args: str) -> str:
    code = main(["report", "--store", str(store), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def write(capsys, store: Path, path: Path, *args: str) -> Path:
    fmt = path.suffix.lstrip(".")
    report(capsys, store, "--format", fmt, "-o", str(path), *args)
    return path


def head(store: Path) -> str:
    return git(store.parent, "rev-parse", "HEAD").strip()


class _Tables(HTMLParser):
    """Every table of an html page as rows of cell text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:  # type: ignore[no-untyped-def]
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_tables(page: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def cell_fill(cell) -> str | None:  # type: ignore[no-untyped-def]
    shading = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shading is None else shading.get(qn("w:fill"))


def test_docx_has_the_html_reports_tables_stamp_chart_and_coloured_rag_cells(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    page = report(capsys, store_dir, "--format", "html")
    document = docx.Document(str(write(capsys, store_dir, tmp_path / "r.docx")))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    # every table the html report has, in its order, cell for cell: stamp, counts,
    # each objective's actions, the exception lists
    assert tables == html_tables(page)
    stamp = dict(tuple(row) for row in tables[0])
    assert stamp["Commit"] == head(store_dir)
    assert stamp["Plans"] == (
        "Best Value Improvement Plan 2017-18 (elections-demo); "
        "Property Improvement Plan (property-demo)"
    )
    assert ["Property", "2 (67%)", "0 (0%)", "0 (0%)", "0 (0%)", "1 (33%)", "3"] in tables[1]
    assert tables[1][-1][0] == "Total" and tables[1][-1][-1] == "10"
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Improvement plans report"
    assert "Property (3 actions)" in headings and "Overdue: 4" in headings
    # the chart as a picture, a PNG
    assert len(document.inline_shapes) == 1
    words = document.inline_shapes[0]._inline.docPr.get("descr")
    assert words.startswith("Actions by theme and RAG status. Elections: ")
    assert "Property: 2 Red, 1 Grey (3 actions)." in words
    assert any(part.content_type == "image/png" for part in document.part.package.iter_parts())
    # RAG cells: the word, in the colour's fill; heading rows repeat on each page
    rag_cells = [
        row.cells[5] for t in document.tables[3:] for row in t.rows[1:] if len(row.cells) >= 7
    ]
    assert len(rag_cells) >= 10
    for cell in rag_cells:
        assert (
            cell_fill(cell)
            == RAG_COLOURS[WORDS[cell.text.partition(" - ")[0]]][0].lstrip("#").upper()
        )
    for table in document.tables[1:]:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # count columns headed in their colour, one fill a cell (Word refuses a second)
    heads = document.tables[1].rows[0].cells
    assert [cell_fill(c) for c in heads[1:3]] == ["C62828", "F9A825"]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                assert len(cell._tc.tcPr.findall(qn("w:shd"))) <= 1


def test_pdf_reads_back_with_the_stamp_counts_page_numbers_and_repeated_headings(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    # three long updates in one objective: its table runs over several pages
    for ref in ("1.1", "1.3", "1.4"):
        words = " ".join(f"{ref}-word{n}" for n in range(260))
        assert main(["set", "--store", str(store_dir), ref, "--update", words]) == 0
    capsys.readouterr()
    reader = PdfReader(write(capsys, store_dir, tmp_path / "r.pdf", "--plan", "elections-demo"))
    pages = [page.extract_text() for page in reader.pages]
    count = len(pages)
    assert count >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in text
        assert f"commit {head(store_dir)[:12]}" in text
    first = pages[0]
    assert "Best Value Improvement Plan 2017-18" in first
    assert f"Commit {head(store_dir)}" in first
    assert "As of 2017-09-29 (the plan's as_of)" in first
    assert re.search(r"Elections 0 \(0%\) 1 \(20%\) 3 \(60%\) 1 \(20%\) 0 \(0%\) 5", first)
    whole = "\n".join(pages)
    assert "Overdue: 2" in whole and "Status check failed: 2" in whole
    # the delivery plan's heading row starts again on the page the table runs onto
    continued = [
        text for text in pages[1:] if "1.3-word" in text and "Planning for 2018" not in text
    ]
    assert continued
    assert all(
        re.search(r"Ref Action Lead officer Deadline Status RAG Progress Latest update", t)
        for t in continued
    )


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_same_revision_gives_the_same_bytes(
    capsys, store_dir: Path, tmp_path: Path, fmt: str
) -> None:
    first = write(capsys, store_dir, tmp_path / f"a.{fmt}").read_bytes()
    second = write(capsys, store_dir, tmp_path / f"b.{fmt}").read_bytes()
    assert first == second
    # dated by the commit, not by the clock: the same file next year
    committed = datetime.fromisoformat(
        git(store_dir.parent, "show", "-s", "--format=%cI", "HEAD").strip()
    )
    path = tmp_path / f"a.{fmt}"
    if fmt == "docx":
        properties = docx.Document(str(path)).core_properties
        assert properties.created == committed and properties.modified == committed
        with zipfile.ZipFile(path) as archive:
            stamps = {info.date_time for info in archive.infolist()}
        local = committed.replace(tzinfo=None)
        zip_time = local.replace(second=local.second // 2 * 2)  # zip counts in 2 s steps
        assert stamps == {zip_time.timetuple()[:6]}
    else:
        assert PdfReader(path).metadata.creation_date == committed
    assert main(["set", "--store", str(store_dir), "1.3", "status=Delayed"]) == 0
    capsys.readouterr()
    assert write(capsys, store_dir, tmp_path / f"c.{fmt}").read_bytes() != first


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_user_text_stays_text(capsys, store_dir: Path, tmp_path: Path, fmt: str) -> None:
    hostile = "**bold** <b>x</b> [red]y[/red] \x1b[2J “quoted” Llanfair ŵ ☃"
    assert main(["set", "--store", str(store_dir), "1.3", f"title={hostile}"]) == 0
    capsys.readouterr()
    path = write(capsys, store_dir, tmp_path / f"r.{fmt}")
    if fmt == "docx":
        text = "\n".join(
            cell.text for t in docx.Document(str(path)).tables for r in t.rows for cell in r.cells
        )
        assert "**bold** <b>x</b> [red]y[/red] \\x1b[2J “quoted” Llanfair ŵ ☃" in text
    else:
        text = " ".join(page.extract_text() for page in PdfReader(path).pages)
        assert '**bold** <b>x</b> [red]y[/red] \\x1b[2J "quoted" Llanfair w <U+2603>' in (
            re.sub(r"\s+", " ", text)
        )
    assert "\x1b" not in text


def test_a_pdf_or_docx_needs_a_file(capsys, store_dir: Path) -> None:
    for fmt in ("docx", "pdf"):
        assert main(["report", "--store", str(store_dir), "--format", fmt]) != 0
        assert f"--format {fmt} writes a file: give -o FILE" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_plan_title_with_control_characters_is_shown_not_obeyed(
    capsys, store_dir: Path, tmp_path: Path, fmt: str
) -> None:
    plan = store_dir / "elections-demo" / "plan.yaml"
    title = 'title: "Plan\\x1b[2J\\x07\\x9b\\x00 2017"'  # YAML escapes: ESC, BEL, CSI, NUL
    plan.write_text(re.sub(r"^title: .*$", lambda _m: title, plan.read_text(), flags=re.M))
    git(store_dir.parent, "commit", "-q", "-am", "a title with controls")
    path = write(capsys, store_dir, tmp_path / f"r.{fmt}", "--plan", "elections-demo")
    shown = "Plan\\x1b[2J\\x07\\x9b\\x00 2017"
    if fmt == "docx":
        document = docx.Document(str(path))
        texts = [document.paragraphs[0].text, document.core_properties.title]
        texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    else:
        reader = PdfReader(path)
        pages = [page.extract_text() for page in reader.pages]
        texts = [pages[0], reader.metadata.title, *pages[1:]]
    assert texts[0].startswith(shown) and texts[1].startswith(shown)
    assert not any(re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", t) for t in texts)
