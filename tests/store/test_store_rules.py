"""Loading a store: every rule, with one-line errors naming file, field and value,
and a bad file never stopping the rest of the store from loading."""

from pathlib import Path

import pytest

from bvtui.store import Store, StoreError


def write(store: Path, name: str, text: str) -> Path:
    path = store / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(store: Path) -> list[str]:
    return [str(problem) for problem in Store.open(store).problems]


def test_the_fixture_store_loads_clean(store_dir: Path) -> None:
    store = Store.open(store_dir)
    assert store.problems == []
    assert sorted(store.plans) == ["elections-demo", "property-demo"]
    assert len(store.actions) == 10
    refs = [a.ref for a in store.actions if a.plan.slug == "elections-demo"]
    assert refs[:5] == [f"elections-demo/{i}" for i in ("1.1", "1.3", "1.4", "1.9", "1.10")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "id: '1.1'\ntitle: x\nprogress: 120\n",
            "progress: '120' is not a whole number from 0 to 100",
        ),
        (
            "id: '1.1'\ntitle: x\nprogress: 4.5\n",
            "progress: '4.5' is not a whole number from 0 to 100",
        ),
        (
            "id: '1.1'\ntitle: x\nprogress: -3\n",
            "progress: '-3' is not a whole number from 0 to 100",
        ),
        (
            "id: '1.1'\ntitle: x\nstatus: Finished\n",
            "status: 'Finished' is not one of this plan's statuses",
        ),
        ("id: '1.2'\ntitle: x\n", "id: '1.2' does not match the file name 1.1.yaml"),
        ("id: '1.1'\ntitle: [a, b]\n", "title: \"['a', 'b']\" must be text"),
        ("id: '1.1'\nofficers: {a: b}\n", "officers: \"{'a': 'b'}\" must be a list of names"),
    ],
)
def test_a_rule_broken_names_file_field_and_value(
    store_dir: Path, body: str, expected: str
) -> None:
    path = write(store_dir / "elections-demo", "1.1.yaml", body)
    found = problems(store_dir)
    assert found == [f"{path}: {expected}"] or (
        len(found) == 1 and found[0].startswith(f"{path}: {expected}")
    ), found


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", ".hidden", "has space", "plan", "é"])
def test_ids_are_letters_digits_dot_underscore_dash_only(store_dir: Path, bad_id: str) -> None:
    path = write(store_dir / "elections-demo", "x.yaml", f"id: {bad_id!r}\ntitle: t\n")
    found = problems(store_dir)
    assert len(found) == 1 and found[0].startswith(f"{path}: id: ")


def test_ids_unique_within_a_plan_ignoring_case(store_dir: Path) -> None:
    write(store_dir / "property-demo", "a1.yaml", "id: a1\ntitle: one\n")
    write(store_dir / "property-demo", "A1.yaml", "id: A1\ntitle: two\n")
    found = problems(store_dir)
    assert len(found) == 1 and "is also the id of" in found[0]


def test_status_matches_ignoring_case_in_the_plans_spelling(store_dir: Path) -> None:
    write(store_dir / "elections-demo", "1.1.yaml", "id: '1.1'\ntitle: x\nstatus: on TARGET\n")
    store = Store.open(store_dir)
    assert store.find("elections-demo/1.1").status == "On Target"


def test_a_broken_file_is_reported_with_its_line_and_the_rest_loads(store_dir: Path) -> None:
    path = write(store_dir / "elections-demo", "1.1.yaml", "id: '1.1'\ntitle: a\ntitle: b\n")
    tabbed = write(store_dir / "property-demo", "6.1.yaml", "id: '6.1'\ntitle: x\n\tstatus: y\n")
    store = Store.open(store_dir)
    found = {p.path: p for p in store.problems}
    assert found[str(path)].line == 3 and "duplicate key 'title'" in found[str(path)].message
    assert found[str(tabbed)].line == 3
    assert len(store.actions) == 8  # the ten less the two broken ones


def test_bad_plan_file_skips_that_plan_only(store_dir: Path) -> None:
    path = write(store_dir / "property-demo", "plan.yaml", "title: P\nstatuses:\n  Done: purple\n")
    store = Store.open(store_dir)
    assert [str(p) for p in store.problems] == [
        f"{path}: statuses.Done: 'purple' is not one of red, amber, green, blue, grey"
    ]
    assert set(store.plans) == {"elections-demo"}


def test_unknown_keys_and_bare_numbers_load(store_dir: Path) -> None:
    write(store_dir / "elections-demo", "1.1.yaml", "id: 1.10\ntitle: t\n")  # not the file name
    write(store_dir / "elections-demo", "2.10.yaml", "id: 2.10\ntitle: t\nmy_note: kept\n")
    store = Store.open(store_dir)
    assert store.find("elections-demo/2.10").other == {"my_note": "kept"}  # 2.10 not 2.1
    assert any("1.1.yaml: id: '1.10'" in str(p) for p in store.problems)


def test_find_by_bare_id_and_ambiguity(make_repo) -> None:
    store_dir = make_repo()
    write(store_dir / "property-demo", "1.3.yaml", "id: '1.3'\ntitle: twin\n")
    store = Store.open(store_dir)
    assert store.find("6.1").ref == "property-demo/6.1"
    with pytest.raises(StoreError, match="found in several plans"):
        store.find("1.3")
    with pytest.raises(StoreError, match="no such action"):
        store.find("elections-demo/99")


def test_missing_store_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store folder"):
        Store.open(tmp_path / "nowhere")


def test_the_store_as_at_a_revision_without_touching_the_work_tree(store_dir: Path) -> None:
    from bvtui.model import edited
    from tests.conftest import git

    top = store_dir.parent
    git(top, "tag", "-a", "committee-2017-09-14", "-m", "as presented")
    store = Store.open(store_dir)
    store.save_action(edited(store.find("property-demo/6.4"), {"progress": "90"}))
    write(store_dir / "property-demo", "9.9.yaml", "id: '9.9'\ntitle: added since\n")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "more")
    before = (store_dir / "property-demo/6.4.yaml").read_text()

    then = Store.at(store_dir, "committee-2017-09-14")
    assert then.find("property-demo/6.4").progress == 30
    assert [a.ref for a in then.actions] == [a.ref for a in Store.at(store_dir, "HEAD~2").actions]
    assert len(then.actions) == 10 and len(Store.open(store_dir).actions) == 11
    assert (store_dir / "property-demo/6.4.yaml").read_text() == before
    with pytest.raises(StoreError, match="saving is not possible"):
        then.save_action(then.find("property-demo/6.4"))
    with pytest.raises(StoreError, match="not a revision"):
        Store.at(store_dir, "no-such-tag")
