"""``bvtui undo [ID]``: the last bvtui save reverted as a new commit with a ``Reverts:``
trailer, through the save path; refused (nothing changed) when a later commit, or an
edit not committed, changed the same fields; a bulk edit undone whole; undo undone."""

from __future__ import annotations

from pathlib import Path

from bvtui.cli.main import main
from tests.cli.test_bulk_set import head, run, trailers
from tests.conftest import git

REF = "elections-demo/1.3"


def file_of(store: Path, ref: str = REF) -> Path:
    return store / f"{ref}.yaml"


def hand_commit(store: Path, ref: str, old: str, new: str) -> str:
    path = file_of(store, ref)
    path.write_text(path.read_text().replace(old, new))
    git(store.parent, "commit", "-q", "-am", "edited by hand")
    return head(store)


def test_undo_reverts_the_last_save_as_a_new_commit(capsys, store_dir: Path) -> None:
    before = file_of(store_dir).read_bytes()
    s = str(store_dir)
    assert (
        main(["set", "--store", s, REF, "status=Delayed", "progress=40", "--update", "Oops"]) == 0
    )
    saved = head(store_dir)
    code, out, err = run(capsys, "undo", "--store", s, REF)
    assert code == 0, err
    assert f"undoing {saved[:10]}" in out
    assert file_of(store_dir).read_bytes() == before  # every field back, comments kept
    assert git(store_dir.parent, "rev-parse", "HEAD~").strip() == saved  # a new commit
    assert trailers(store_dir, "Reverts") == [saved]
    assert trailers(store_dir, "Action") == [REF]
    assert git(store_dir.parent, "log", "-1", "--format=%s").startswith(f"{REF}: undo {saved[:10]}")
    assert git(store_dir.parent, "status", "--porcelain") == ""
    # an undo is a save like the others: undoing it brings the edit back
    undo = head(store_dir)
    code, _, err = run(capsys, "undo", "--store", s, REF)
    assert code == 0, err
    assert trailers(store_dir, "Reverts") == [undo]
    text = file_of(store_dir).read_text()
    assert "status: Delayed" in text and "progress: 40" in text and "text: Oops" in text
    code, out, _ = run(capsys, "audit", "--store", s, "--since", saved)
    assert code == 0, out


def test_undo_refused_when_a_later_commit_changed_the_same_field(capsys, store_dir: Path) -> None:
    s = str(store_dir)
    assert main(["set", "--store", s, REF, "status=Delayed"]) == 0
    saved = head(store_dir)
    hand = hand_commit(store_dir, REF, "status: Delayed", "status: Overdue")
    before = file_of(store_dir).read_bytes()
    capsys.readouterr()
    when = git(store_dir.parent, "log", "-1", "--format=%ad", "--date=format:%Y-%m-%d %H:%M")
    code, out, err = run(capsys, "undo", "--store", s, REF)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"bvtui: {REF}: cannot undo {saved[:10]}: status was changed again by {hand[:10]} "
        f"(Test Officer, {when.strip()}); "
        "nothing was changed"
    ]
    assert head(store_dir) == hand and file_of(store_dir).read_bytes() == before
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_undo_refused_when_an_uncommitted_edit_changed_the_field(capsys, store_dir: Path) -> None:
    s = str(store_dir)
    assert main(["set", "--store", s, REF, "progress=40"]) == 0
    saved = head(store_dir)
    path = file_of(store_dir)
    path.write_text(path.read_text().replace("progress: 40", "progress: 45"))
    code, _, err = run(capsys, "undo", "--store", s, REF)
    assert code == 1 and len(err.splitlines()) == 1
    assert "progress was changed on disk since (not committed)" in err
    assert head(store_dir) == saved and "progress: 45" in path.read_text()


def test_a_later_change_to_another_field_is_kept(capsys, store_dir: Path) -> None:
    s = str(store_dir)
    assert main(["set", "--store", s, REF, "status=Delayed"]) == 0
    hand_commit(store_dir, REF, "progress: 20", "progress: 25")
    code, _, err = run(capsys, "undo", "--store", s, REF)
    assert code == 0, err
    text = file_of(store_dir).read_text()
    assert "status: On Target" in text and "progress: 25" in text


def test_undo_without_an_id_reverts_a_bulk_edit_whole(capsys, store_dir: Path) -> None:
    s = str(store_dir)
    refs = ["elections-demo/1.3", "elections-demo/1.4", "property-demo/6.1"]
    before = {ref: file_of(store_dir, ref).read_bytes() for ref in refs}
    assert main(["set", "--store", s, *refs, "status=Delayed", "--update", "All slipped."]) == 0
    bulk = head(store_dir)
    code, out, err = run(capsys, "undo", "--store", s)
    assert code == 0, err
    assert out.count(f"committed {head(store_dir)[:10]}") == 3
    assert git(store_dir.parent, "rev-list", "--count", f"{bulk}..HEAD").strip() == "1"
    assert trailers(store_dir, "Action") == refs and trailers(store_dir, "Reverts") == [bulk]
    assert {ref: file_of(store_dir, ref).read_bytes() for ref in refs} == before


def test_undo_with_an_id_reverts_only_that_action_of_a_bulk_edit(capsys, store_dir: Path) -> None:
    s = str(store_dir)
    assert main(["set", "--store", s, "1.3", "1.4", "status=Delayed"]) == 0
    code, _, err = run(capsys, "undo", "--store", s, "1.4")
    assert code == 0, err
    assert trailers(store_dir, "Action") == ["elections-demo/1.4"]
    assert "status: Delayed" in file_of(store_dir, "elections-demo/1.3").read_text()
    assert "status: On Target" in file_of(store_dir, "elections-demo/1.4").read_text()


def test_nothing_to_undo(capsys, store_dir: Path) -> None:
    before = head(store_dir)
    code, _, err = run(capsys, "undo", "--store", str(store_dir), REF)
    assert code == 1 and err == f"bvtui: {REF}: no save made by bvtui to undo\n"
    code, _, err = run(capsys, "undo", "--store", str(store_dir))
    assert code == 1 and len(err.splitlines()) == 1 and "no save made by bvtui" in err
    assert head(store_dir) == before


def test_a_bulk_undo_is_refused_whole_when_one_action_changed_since(
    capsys, store_dir: Path
) -> None:
    s = str(store_dir)
    assert main(["set", "--store", s, "1.3", "6.1", "status=Delayed"]) == 0
    bulk = head(store_dir)
    hand = hand_commit(store_dir, "property-demo/6.1", "status: Delayed", "status: Overdue")
    capsys.readouterr()
    code, out, err = run(capsys, "undo", "--store", s)
    assert code == 1 and out == "" and len(err.splitlines()) == 1
    assert (
        f"property-demo/6.1: cannot undo {bulk[:10]}: status was changed again by {hand[:10]}"
        in err
    )
    assert head(store_dir) == hand
    assert "status: Delayed" in file_of(store_dir).read_text()  # 1.3 not undone either
