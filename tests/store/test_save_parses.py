"""The one save path parses each text once: the file as it was, the text it writes
(its read-back check is also the new side of the commit message), and HEAD's version
only when it differs from both; the file and the message are what they always were."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import bvtui.store.rendering as rendering
from bvtui.model import edited
from bvtui.store import Store
from tests.conftest import git

REF = "elections-demo/1.9"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every text the save path parses, counted (the parser wrapped at its import)."""
    texts: Counter[str] = Counter()
    real = rendering.read_mapping

    def counting(text: str, path: str) -> dict[str, Any]:
        texts[text] += 1
        return real(text, path)

    monkeypatch.setattr(rendering, "read_mapping", counting)
    return texts


def _message(store_dir: Path) -> str:
    """The last commit's message (``%B`` adds a blank line after it)."""
    return git(store_dir.parent, "log", "-1", "--format=%B").removesuffix("\n")


def test_a_save_parses_the_old_and_the_new_text_once_each(
    store_dir: Path, parsed: Counter[str]
) -> None:
    path = store_dir / "elections-demo" / "1.9.yaml"
    old = path.read_text()
    store = Store.open(store_dir)
    parsed.clear()  # what the load read is the load's
    result = store.save_action(edited(store.find(REF), {"status": "Delayed", "progress": "60"}))
    new = old.replace("status: Completed\nprogress: 100", "status: Delayed\nprogress: 60")
    assert path.read_text() == new
    assert parsed == Counter({old: 1, new: 1})  # HEAD's version is the old text: not again
    assert result.commit is not None
    assert _message(store_dir) == (
        "elections-demo/1.9: status Completed -> Delayed, progress 100 -> 60\n\n"
        "status: Completed -> Delayed\nprogress: 100 -> 60\n\n"
        "Action: elections-demo/1.9\nFields: status, progress\n"
    )


def test_a_save_over_an_uncommitted_edit_parses_heads_version_once_too(
    store_dir: Path, parsed: Counter[str]
) -> None:
    path = store_dir / "elections-demo" / "1.9.yaml"
    head = path.read_text()
    pending = head.replace("progress: 100", "progress: 90")
    path.write_text(pending)  # saved by another editor, not committed
    store = Store.open(store_dir)
    parsed.clear()
    store.save_action(edited(store.find(REF), {"status": "Delayed"}))
    new = pending.replace("status: Completed", "status: Delayed")
    assert path.read_text() == new
    assert parsed == Counter({pending: 1, new: 1, head: 1})
    # the message records every field that differs from HEAD, the pending one too
    assert _message(store_dir) == (
        "elections-demo/1.9: status Completed -> Delayed, progress 100 -> 90\n\n"
        "status: Completed -> Delayed\nprogress: 100 -> 90\n\n"
        "Action: elections-demo/1.9\nFields: status, progress\n"
    )


def test_a_hand_written_file_rewritten_by_ruamel_is_parsed_once_too(
    store_dir: Path, parsed: Counter[str]
) -> None:
    path = store_dir / "elections-demo" / "1.9.yaml"
    hand = "# kept by hand\n" + path.read_text()
    path.write_text(hand)
    git(store_dir.parent, "commit", "-q", "-am", "a comment")
    store = Store.open(store_dir)
    parsed.clear()
    store.save_action(edited(store.find(REF), {"progress": "95"}))
    new = hand.replace("progress: 100", "progress: 95")
    assert path.read_text() == new
    assert parsed == Counter({hand: 1, new: 1})
    assert _message(store_dir).startswith("elections-demo/1.9: progress 100 -> 95\n")
