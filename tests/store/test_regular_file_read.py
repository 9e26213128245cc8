"""read_regular_file reads a file in pieces of the size stat gives, but never trusts
that size: a file is read to its end, up to the limit and not a byte past it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.store import RefusedFile, read_regular_file


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 70_000])
def test_a_file_up_to_the_limit_is_read_whole(tmp_path: Path, size: int) -> None:
    path = tmp_path / "a.yaml"
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(data)
    assert read_regular_file(path, limit=max(size, 1000)) == data
    assert read_regular_file(path, limit=None) == data


def test_a_byte_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(RefusedFile, match="larger than 1,000 bytes"):
        read_regular_file(path, limit=1000)


def test_a_regular_file_whose_stat_says_empty_is_still_read_to_its_end() -> None:
    status = Path("/proc/self/cmdline")  # size 0 to stat, its content to a read
    assert status.stat().st_size == 0
    data = read_regular_file(status, limit=None)
    assert data and data == status.read_bytes()
