"""A report file is written by the one atomic writer: replaced whole, keeping its mode;
no temporary file outlives a failed write, and what a killed write left is cleared."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from bvtui.reporting import write_report


def temporaries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_a_report_is_replaced_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "committee.html"
    killed = tmp_path / ".committee.html.k1ll3d_9.tmp"  # a write killed before its rename
    killed.write_bytes(b"<p>Ju")
    old = time.time() - 3600
    os.utime(killed, (old, old))
    write_report(b"<p>June</p>", path)
    assert not killed.exists()
    path.chmod(0o600)  # a report the user keeps to themselves
    inode = path.stat().st_ino
    with path.open("rb") as reader:  # a browser reading the old report meanwhile
        write_report(b"<p>September</p>", path)
        assert reader.read() == b"<p>June</p>"  # the old file, whole
    assert path.read_bytes() == b"<p>September</p>" and path.stat().st_ino != inode
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert temporaries(tmp_path) == []


def test_a_failed_report_write_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "report.pdf"
    folder.mkdir()  # a folder where the report would go: the rename fails
    with pytest.raises(OSError):
        write_report(b"%PDF", folder)
    assert [path.name for path in tmp_path.iterdir()] == ["report.pdf"]
    with pytest.raises(FileNotFoundError):
        write_report(b"%PDF", tmp_path / "no-such-folder" / "report.pdf")
    assert not (tmp_path / "no-such-folder").exists()  # a report never makes folders
