"""``bvtui meet`` refuses a bad ``--since`` or ``--name`` in one line, before any app opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.cli.main import main


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--since", "board-99"], "bvtui: --since board-99: no such snapshot (tag) or revision"),
        (["--name", "  "], "bvtui: --name: meeting name: empty; name the meeting"),
        (
            ["--name", "Board\nAction: x"],
            "bvtui: --name: meeting name: 'Board\\nAction: x': one line",
        ),
    ],
)
def test_bad_options_are_one_line_and_open_nothing(
    capsys: pytest.CaptureFixture[str], store_dir: Path, args: list[str], said: str
) -> None:
    code = main(["meet", str(store_dir), *args])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith(said) and err.count("\n") == 1


def test_no_such_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["meet", str(tmp_path / "nowhere")]) == 1
    assert "no such store folder" in capsys.readouterr().err
