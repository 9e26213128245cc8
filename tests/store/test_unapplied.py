"""Edits kept aside by "keep both": kept in the clone's git directory, read back checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.store import (
    Store,
    UnappliedEdit,
    UnappliedEditError,
    drop_unapplied,
    keep_unapplied,
    read_unapplied,
)


def test_a_kept_edit_lives_in_the_git_directory_and_reads_back(store_dir: Path) -> None:
    store = Store.open(store_dir)
    action = store.find("elections-demo/1.3")
    kept = UnappliedEdit(action.ref, {"progress": "65"}, {"progress": "20"}, "Note", "2017-18 Q2")
    path = keep_unapplied(store, kept)
    assert path.is_relative_to(store_dir.parent / ".git")
    back = read_unapplied(store, action)
    assert back is not None and back.values == {"progress": "65"} and back.update == "Note"
    assert back.describe() == "progress: 20 -> 65\nupdate (2017-18 Q2): Note"
    drop_unapplied(store, action.ref)
    assert read_unapplied(store, action) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json", "Expecting value"),
        ('{"format": 1, "ref": "elections-demo/1.4"}', "ref is 'elections-demo/1.4'"),
        (
            '{"format": 1, "ref": "elections-demo/1.3", "values": {"id": "x"}, "was": {}}',
            "values is not a mapping of field names to text",
        ),
    ],
)
def test_anything_bvtui_did_not_write_is_refused(store_dir: Path, text: str, reason: str) -> None:
    store = Store.open(store_dir)
    action = store.find("elections-demo/1.3")
    path = keep_unapplied(store, UnappliedEdit(action.ref))
    path.write_text(text)
    with pytest.raises(UnappliedEditError, match=reason) as caught:
        read_unapplied(store, action)
    assert str(caught.value).startswith(f"{path}: not a kept edit bvtui wrote")
