"""The file formats councils save plans in (issue 15, item 10).

.xls (written here with xlwt), .ods (written with odfpy), Excel's "Unicode Text"
(UTF-16 with and without a BOM) and a semicolon csv with report lines above its header.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableProperties
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
from odf.text import P

from bvtui.importing import ImportError_, parse_file


def test_an_xls_workbook_imports(tmp_path: Path) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Plan")
    for column, name in enumerate(["Ref", "Action", "Lead Officer", "Deadline", "% Complete"]):
        sheet.write(0, column, name)
    sheet.write(1, 0, "1")
    sheet.write(1, 1, "Review the constitution")
    sheet.write(1, 2, "Ann Lee")
    sheet.write(1, 3, datetime.date(2025, 3, 31), xlwt.easyxf(num_format_str="dd/mm/yyyy"))
    sheet.write(1, 4, 0.5, xlwt.easyxf(num_format_str="0%"))
    sheet.write_merge(2, 3, 0, 0, "2")
    sheet.write(2, 1, "Draft the policy")
    sheet.write(3, 1, "Consult on it")
    hidden = book.add_sheet("Lists")
    hidden.write(0, 0, "Action")
    hidden.visibility = 1
    path = tmp_path / "plan.xls"
    book.save(str(path))
    plan = parse_file(path)
    assert plan.problems == []
    first = plan.actions[0]
    assert (first["id"], first["title"], first["officers"]) == (
        "1",
        "Review the constitution",
        ["Ann Lee"],
    )
    assert (first["deadline"], first["progress"]) == ("2025-03-31", 50)
    assert [a["id"] for a in plan.actions] == ["1", "2.1", "2.2"]


def ods_cell(text: str | None = None, **attributes: str) -> TableCell:
    cell = TableCell(**attributes)
    if text is not None:
        cell.addElement(P(text=text))
    return cell


def test_an_ods_spreadsheet_imports(tmp_path: Path) -> None:
    document = OpenDocumentSpreadsheet()
    hide = Style(name="hide", family="table")
    hide.addElement(TableProperties(display="false"))
    document.automaticstyles.addElement(hide)
    table = Table(name="Plan")
    table.addElement(TableColumn(numbercolumnsrepeated=3))
    table.addElement(TableColumn(visibility="collapse"))  # an old column, hidden
    table.addElement(TableColumn())
    header = TableRow()
    for name in ["Ref", "Action", "Lead Officer", "Old status", "Progress %"]:
        header.addElement(ods_cell(name))
    table.addElement(header)
    row = TableRow()
    row.addElement(ods_cell("3", numberrowsspanned="2"))
    row.addElement(ods_cell("Draft the policy"))
    row.addElement(ods_cell("Ann Lee"))
    row.addElement(ods_cell("Overdue"))
    row.addElement(ods_cell("60%", valuetype="percentage", value="0.6"))
    table.addElement(row)
    row = TableRow()
    row.addElement(CoveredTableCell())
    row.addElement(ods_cell("Consult on it"))
    row.addElement(ods_cell(numbercolumnsrepeated="1000"))
    table.addElement(row)
    table.addElement(TableRow(numberrowsrepeated="1048000"))  # a sheet padded to its end
    document.spreadsheet.addElement(table)
    lists = Table(name="Lists", stylename=hide)
    lists_row = TableRow()
    lists_row.addElement(ods_cell("Action"))
    lists.addElement(lists_row)
    document.spreadsheet.addElement(lists)
    path = tmp_path / "plan.ods"
    document.save(str(path))
    plan = parse_file(path)
    assert plan.problems == []
    assert [(a["id"], a["title"], a["progress"], a["extra"]) for a in plan.actions] == [
        ("3.1", "Draft the policy", 60, {}),
        ("3.2", "Consult on it", None, {}),
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_text_is_utf16_with_or_without_a_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("Ref\tAction\tLead Officer\n1\tRéview the café\tZoë Brontë\n".encode(encoding))
    plan = parse_file(path)
    assert [(a["id"], a["title"], a["officers"]) for a in plan.actions] == [
        ("1", "Réview the café", ["Zoë Brontë"])
    ]


def test_a_file_of_nul_bytes_is_refused_not_imported(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"Ref\tAction\n1\tDo\x00 A\n\xff\xff")
    with pytest.raises(ImportError_, match="not a text file \\(it holds NUL bytes\\)"):
        parse_file(path)


def test_a_semicolon_csv_below_report_lines(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Improvement plan report, March 2025\n"
        "Prepared by: the Policy Team, Corporate Services, Borough Council\n"
        "\n"
        "Ref;Action;Lead Officer;Status\n"
        "1;Review, then publish, the constitution;Ann Lee;On track\n"
        "2;Train members;Bob Roy;Delayed\n",
        encoding="utf-8",
    )
    plan = parse_file(path)
    assert [(a["id"], a["title"], a["officers"], a["status"]) for a in plan.actions] == [
        ("1", "Review, then publish, the constitution", ["Ann Lee"], "On track"),
        ("2", "Train members", ["Bob Roy"], "Delayed"),
    ]


def test_commas_and_semicolons_inside_quoted_cells_do_not_decide(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Action,Lead Officer,Status\n"
        '1,"Review, update, and publish the constitution; then train members",Ann Lee,On track\n'
        '2,"Agree the budget; set fees, charges, and rents",Bob Roy,Delayed\n'
        '3,"Hold a survey; publish, share and act on results",Cy Dee,Complete\n',
        encoding="utf-8",
    )
    plan = parse_file(path)
    assert [(a["id"], a["officers"], a["status"]) for a in plan.actions] == [
        ("1", ["Ann Lee"], "On track"),
        ("2", ["Bob Roy"], "Delayed"),
        ("3", ["Cy Dee"], "Complete"),
    ]
    assert plan.actions[1]["title"] == "Agree the budget; set fees, charges, and rents"
