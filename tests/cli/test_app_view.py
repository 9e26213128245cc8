"""``bvtui --view NAME``: a view the store does not have is refused in one line before
the app starts (nothing drawn, nothing changed)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from bvtui.cli.main import main
from bvtui.model import Filter
from bvtui.store import VIEWS_FILE, View, save_view
from tests.conftest import git


def test_an_unknown_view_is_one_line_naming_the_file_and_the_views(capsys, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert main([str(store_dir), "--view", "red-property"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{store_dir / VIEWS_FILE}: no view named 'red-property'" in err
    assert "none yet" in err
    save_view(store_dir, View("red-property", Filter(rags=frozenset({"red"}))))
    save_view(store_dir, View("all"))
    head = git(store_dir.parent, "rev-parse", "HEAD")
    assert main(["--view", "amber", str(store_dir)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.rstrip().endswith("views: red-property, all"), err
    assert git(store_dir.parent, "rev-parse", "HEAD") == head


def test_a_bad_views_file_is_named_when_the_view_is_missing(capsys, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = store_dir / VIEWS_FILE
    path.parent.mkdir()
    path.write_text("views:\n- name: red property\n")
    assert main([str(store_dir), "--view", "red-property"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "view 1: 'red property'" in err, err


def test_the_help_names_the_app_options(capsys) -> None:  # type: ignore[no-untyped-def]
    with contextlib.suppress(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--view NAME" in out and "--present" in out
