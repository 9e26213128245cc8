"""The audit trail in the core, on a real repository with several authors and hand edits."""

from __future__ import annotations

from datetime import date

import pytest

from bvtui.cli.main import main
from bvtui.git import Repo, resolve_since, resolve_until
from bvtui.store import Store
from bvtui.trail import (
    action_history,
    audit_store,
    deadline_slips,
    list_tags,
    make_snapshot,
    status_timeline,
    store_changes,
    store_history,
)
from tests.conftest import git
from tests.fixture_trail import Trail, trail  # noqa: F401

PATH = "plans/elections-demo/1.3b.yaml"


def _repo(trail: Trail) -> Repo:  # noqa: F811
    repo = Repo.find(trail.store)
    assert repo is not None
    return repo


def test_log_decodes_every_commit_field_by_field_across_the_rename(trail: Trail) -> None:  # noqa: F811
    revisions = action_history(_repo(trail), PATH)
    seen = [
        (r.commit.sha, r.commit.author, r.kind, r.by_bvtui, [c.described() for c in r.changes])
        for r in revisions
        if r.kind != "created"
    ]
    shas = trail.shas
    assert seen == [
        (shas["better"], "Louise Stamp", "changed", True, ["status: Delayed -> On Target"]),
        (shas["rename"], "Will Tuckley", "renamed", False, ["id: 1.3 -> 1.3b"]),
        (
            shas["slip"],
            "Test Officer",
            "changed",
            True,
            [
                "revised_deadline: (none) -> Jul-18",
                "update added (2017-18 Q2): Moved to July: new venue.",
            ],
        ),
        (shas["hand"], "Will Tuckley", "changed", False, ["progress: 40 -> 45"]),
        (
            shas["delayed"],
            "Louise Stamp",
            "changed",
            True,
            [
                "status: On Target -> Delayed",
                "progress: 20 -> 40",
                "update added (2017-18 Q2): Venue fell through; rebooking.",
            ],
        ),
    ]
    first = revisions[-1]
    assert first.kind == "created" and first.commit.sha == shas["fixture"]
    assert first.path == "plans/elections-demo/1.3.yaml"
    assert revisions[1].old_path == "plans/elections-demo/1.3.yaml"
    assert revisions[1].summary() == "renamed from elections-demo/1.3, id 1.3 -> 1.3b"


def test_since_a_date_or_a_tag_limits_the_log(trail: Trail) -> None:  # noqa: F811
    repo = _repo(trail)
    since_date = action_history(repo, PATH, base=resolve_since(repo, "2017-09-01"))
    assert [r.commit.sha for r in since_date] == [
        trail.shas["better"],
        trail.shas["rename"],
        trail.shas["slip"],
    ]
    since_tag = action_history(repo, PATH, base=resolve_since(repo, "committee-2017-09-14"))
    assert [r.commit.sha for r in since_tag] == [trail.shas["better"]]
    with pytest.raises(ValueError, match="no-such-tag: not a date"):
        resolve_since(repo, "no-such-tag")


def test_store_log_lists_every_file_each_commit_changed(trail: Trail) -> None:  # noqa: F811
    revisions = store_history(_repo(trail), "plans", base=trail.shas["worse"])
    assert sorted((r.ref, r.kind) for r in revisions) == [
        ("property-demo/8.2", "removed"),
        ("property-demo/9.1", "created"),
    ]


def test_status_timeline_and_deadline_slips(trail: Trail) -> None:  # noqa: F811
    revisions = action_history(_repo(trail), PATH)
    plan = Store.open(trail.store).find("elections-demo/1.3b").plan
    spells = status_timeline(revisions, plan)
    assert [(s.status, s.rag, s.author, s.since.date(), s.by_bvtui) for s in spells] == [
        ("On Target", "green", "Test Officer", date(2017, 7, 1), False),
        ("Delayed", "amber", "Louise Stamp", date(2017, 8, 1), True),
        ("On Target", "green", "Louise Stamp", date(2017, 9, 20), True),
    ]
    slips = deadline_slips(revisions)
    assert len(slips) == 1
    slip = slips[0]
    assert (slip.old, slip.new, slip.days, slip.author) == ("May-18", "Jul-18", 61, "Test Officer")
    assert slip.update_text == "Moved to July: new venue." and slip.sha == trail.shas["slip"]


def test_changes_since_a_tag_finds_exactly_what_moved(trail: Trail) -> None:  # noqa: F811
    repo = _repo(trail)
    found = store_changes(
        repo, "plans", resolve_since(repo, "committee-2017-09-14"), resolve_until(repo, None)
    )
    moved = {m.ref: (m.kind, m.direction, m.old_status, m.new_status) for m in found.moves}
    assert moved == {
        "elections-demo/1.3b": ("changed", "better", "Delayed", "On Target"),
        "elections-demo/1.4": ("changed", "worse", "On Target", "Overdue"),
        "property-demo/6.1": ("changed", "", "Overdue", "Overdue"),
        "property-demo/8.2": ("removed", "", "Not Started", None),
        "property-demo/9.1": ("new", "", None, "On Target"),
    }
    update = found.with_updates[0]
    assert update.ref == "property-demo/6.1"
    assert [u["text"] for u in update.updates_added] == ["Validation meeting booked for October."]
    assert list(found.grouped()) == [
        ("elections-demo", "Elections"),
        ("property-demo", "Property"),
    ]
    assert [m.ref for m in found.going("worse")] == ["elections-demo/1.4"]


def test_changes_between_dates_follow_the_rename_and_stop_at_until(trail: Trail) -> None:  # noqa: F811
    repo = _repo(trail)
    base = resolve_since(repo, "2017-09-01")
    assert base == trail.shas["hand"]
    found = store_changes(repo, "plans", base, resolve_until(repo, "2017-09-21"))
    moved = {m.ref: (m.kind, m.old_ref, m.direction) for m in found.moves}
    assert moved == {
        "elections-demo/1.3b": ("renamed", "elections-demo/1.3", "better"),
        "property-demo/6.1": ("changed", None, ""),
    }


def test_audit_finds_plain_git_commits_uncommitted_edits_moved_tags(trail: Trail) -> None:  # noqa: F811
    report = audit_store(Store.open(trail.store))
    outside = [(f.commit.sha, f.commit.author, f.reason) for f in report.outside]
    assert outside == [
        (trail.shas["add-remove"], "Test Officer", "no bvtui trailers"),
        (trail.shas["rename"], "Will Tuckley", "no bvtui trailers"),
        (trail.shas["hand"], "Will Tuckley", "no bvtui trailers"),
        (trail.shas["fixture"], "Test Officer", "no bvtui trailers"),
    ]
    assert not report.uncommitted and not report.stray_tags and not report.problems
    assert report.commits_checked == 9

    top = trail.top
    git(top, "tag", "-a", "-m", "as presented", "committee-2017-09-30")
    git(top, "reset", "-q", "--hard", "HEAD~1")
    (trail.store / "elections-demo" / "1.1.yaml").write_text("id: '1.1'\nprogress: 101\n")
    git(top, "commit", "-q", "-am", "rewrite history after the meeting")
    (trail.store / "elections-demo" / "4.1.yaml").write_text("id: '4.1'\nstatus: Completed\n")
    report = audit_store(Store.open(trail.store), base=trail.shas["worse"])
    assert [f.commit.subject for f in report.outside] == ["rewrite history after the meeting"]
    assert report.uncommitted == [(" M", "plans/elections-demo/4.1.yaml")]
    assert [t.name for t in report.stray_tags] == ["committee-2017-09-30"]
    assert [p.path.endswith("1.1.yaml") for p in report.problems] == [True]
    assert not report.clean


def test_audit_flags_a_trailer_that_names_another_action(trail: Trail) -> None:  # noqa: F811
    path = trail.store / "elections-demo" / "1.4.yaml"
    path.write_text(path.read_text().replace("progress: 20", "progress: 25"))
    message = "elections-demo/1.1: progress\n\nAction: elections-demo/1.1\nFields: progress\n"
    git(trail.top, "commit", "-q", "-am", message)
    report = audit_store(Store.open(trail.store), base=trail.shas["add-remove"])
    assert [(f.reason, f.files) for f in report.outside] == [
        ("changes files its trailers do not name", ["plans/elections-demo/1.4.yaml"])
    ]


def test_snapshot_tags_head_and_refuses_what_it_should(trail: Trail) -> None:  # noqa: F811
    repo = _repo(trail)
    tag = make_snapshot(repo, "plans", "committee-2017-10-05", "Q2 committee")
    assert tag.commit == trail.shas["add-remove"] and tag.annotated
    assert [t.name for t in list_tags(repo)][-1] == "committee-2017-10-05"
    body = git(trail.top, "tag", "-l", "--format=%(contents)", "committee-2017-10-05")
    assert body == "Q2 committee\n\nSnapshot-Store: plans\n\n"
    assert Store.at(trail.store, "committee-2017-09-14").find("1.3b").status == "Delayed"
    with pytest.raises(ValueError, match="already exists"):
        make_snapshot(repo, "plans", "committee-2017-10-05")
    with pytest.raises(ValueError, match="not a valid tag name"):
        make_snapshot(repo, "plans", "bad..name")
    (trail.store / "elections-demo" / "1.1.yaml").write_text("id: '1.1'\n")
    with pytest.raises(ValueError, match=r"1\.1\.yaml: edited but not committed"):
        make_snapshot(repo, "plans", "committee-later")


def test_audit_passes_a_clean_merge_and_flags_a_hand_resolved_one(trail: Trail) -> None:  # noqa: F811
    top, s = trail.top, ("--store", str(trail.store))
    git(top, "checkout", "-q", "-b", "other")
    assert main(["set", *s, "elections-demo/1.1", "progress=30"]) == 0
    git(top, "checkout", "-q", "main")
    assert main(["set", *s, "elections-demo/1.4", "progress=30"]) == 0
    git(top, "merge", "-q", "--no-edit", "other")
    report = audit_store(Store.open(trail.store), base=trail.shas["add-remove"])
    assert report.clean, report.outside

    git(top, "checkout", "-q", "other")
    assert main(["set", *s, "elections-demo/1.1", "progress=50"]) == 0
    git(top, "checkout", "-q", "main")
    assert main(["set", *s, "elections-demo/1.1", "progress=60"]) == 0
    git(top, "merge", "-q", "--no-edit", "other", check=False)  # conflicts
    path = trail.store / "elections-demo" / "1.1.yaml"
    resolved = git(top, "show", "HEAD:plans/elections-demo/1.1.yaml").replace("60", "55")
    path.write_text(resolved)
    git(top, "commit", "-q", "-am", "merge other")
    report = audit_store(Store.open(trail.store), base=trail.shas["add-remove"])
    assert [(f.commit.subject, f.reason, f.files) for f in report.outside] == [
        ("merge other", "merge changing plan files itself", ["plans/elections-demo/1.1.yaml"])
    ]


def test_bvtui_rename_is_followed_by_log_and_passes_the_audit(trail: Trail) -> None:  # noqa: F811
    assert main(["rename", "--store", str(trail.store), "elections-demo/1.4", "1.4r"]) == 0
    revisions = action_history(_repo(trail), "plans/elections-demo/1.4r.yaml")
    assert [r.kind for r in revisions] == ["renamed", "changed", "created"]
    assert revisions[0].by_bvtui and revisions[1].commit.sha == trail.shas["worse"]
    report = audit_store(Store.open(trail.store), base=trail.shas["add-remove"])
    assert report.clean, report.outside
