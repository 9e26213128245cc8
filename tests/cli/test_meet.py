"""``bvtui meet`` refuses a bad ``--since`` or ``--name`` in one line, before any app opens."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bvtui.cli.main import main
from bvtui.model import with_decision
from bvtui.store import Store


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


def test_show_lists_the_decisions_after_the_updates(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    store = Store.open(store_dir)
    decided = with_decision(
        store.find("elections-demo/1.4"), "Board 12/10", "Breakdown requested", date(2017, 10, 12)
    )
    assert store.save_action(decided, trailers={"Meeting": "Board 12/10"}).commit
    assert main(["show", "--store", str(store_dir), "1.4"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("── decision · Board 12/10 · 2017-10-12\nBreakdown requested\n")
