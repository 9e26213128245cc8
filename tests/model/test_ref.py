"""``plan/id``: parsed, checked and turned into a path in one place, :class:`Ref`."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from bvtui.model import PLAN_FILE, Ref, RefError
from bvtui.store import Store, StoreError, unapplied_path


def test_parse_plan_and_id() -> None:
    ref = Ref.parse("elections-demo/1.1")
    assert (ref.plan, ref.id) == ("elections-demo", "1.1")
    assert str(ref) == "elections-demo/1.1"
    assert ref == Ref("elections-demo", "1.1")


def test_bare_id_has_no_plan_and_no_path() -> None:
    ref = Ref.parse("6.1")
    assert (ref.plan, ref.id, str(ref)) == ("", "6.1", "6.1")
    with pytest.raises(RefError, match="bare id"):
        ref.path(Path("/store"))


def test_path_round_trip(tmp_path: Path) -> None:
    ref = Ref.parse("property-demo/A_2-b.3")
    path = ref.path(tmp_path)
    assert path == tmp_path / "property-demo" / "A_2-b.3.yaml"
    assert Ref.of_path(path, tmp_path) == ref
    assert Ref.of_path(path) == ref  # the last two parts alone


def test_plan_file_round_trip(tmp_path: Path) -> None:
    ref = Ref("property-demo", PLAN_FILE)
    assert str(ref) == "property-demo/plan.yaml"  # as commit trailers name it
    assert ref.path(tmp_path) == tmp_path / "property-demo" / "plan.yaml"
    assert Ref.of_path(ref.path(tmp_path), tmp_path) == ref
    assert Ref.parse(str(ref)) == ref


def test_path_keeps_the_type_of_its_root() -> None:
    path = Ref("p", "1").path(PurePosixPath("plans"))
    assert type(path) is PurePosixPath and str(path) == "plans/p/1.yaml"


@pytest.mark.parametrize(
    "text",
    [
        "../x",
        "x/..",
        "..",
        ".hidden",
        "a/b/c",
        "plan/../../etc/passwd",
        "x\n",
        "p/x\nTrailer: y",
        "p\n/x",
        "",
        "/x",
        "x/",
        "/",
        "has space",
        "p/é",
    ],
)
def test_refuses_what_is_not_an_id(text: str) -> None:
    with pytest.raises(RefError) as caught:
        Ref.parse(text)
    message = str(caught.value)
    assert "\n" not in message and "not an action id" in message


def test_of_path_refuses_a_file_not_in_a_plan_folder_of_the_root(tmp_path: Path) -> None:
    with pytest.raises(RefError, match="not an action file"):
        Ref.of_path(tmp_path / "elsewhere" / "p" / "1.yaml", tmp_path / "plans")
    with pytest.raises(RefError, match="not an action file"):
        Ref.of_path(tmp_path / "1.yaml", tmp_path)


def test_every_action_of_a_store_round_trips(store_dir: Path) -> None:
    store = Store.open(store_dir)
    assert store.actions
    for action in store.actions:
        path = store.action_path(action)
        assert path.is_file()
        assert Ref.of_path(path, store.root) == Ref.parse(action.ref)
        assert Ref.parse(action.ref).path(store.root) == path


def test_store_refuses_a_path_for_a_ref(store_dir: Path) -> None:
    store = Store.open(store_dir)
    for text in ("../elections-demo/1.1", "elections-demo/1.1/x", "elections-demo/1.1\n"):
        with pytest.raises(StoreError, match="not an action id"):
            store.find(text)
        with pytest.raises(StoreError, match="not an action id"):
            Store.open_for(store_dir, text)


def test_an_edit_is_never_kept_aside_outside_its_folder(store_dir: Path) -> None:
    store = Store.open(store_dir)
    kept = unapplied_path(store, "elections-demo/1.1")
    assert kept.name == "1.1.json" and kept.parent.name == "elections-demo"
    with pytest.raises(StoreError, match="not an action id"):
        unapplied_path(store, "../../../hooks/pre-commit")
