"""``bvtui verify PACK``: make the report again at the commit its stamp names, with the
command its stamp gives, and say whether the pack is byte-identical; if not, which
actions differ. A snapshot tag the pack was made at that has moved since is said."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from bvtui.cli.commands import fail, filter_from, user_errors
from bvtui.git import Repo
from bvtui.model import one_line
from bvtui.reporting import build_report, render_report
from bvtui.reporting.pack import ref_of
from bvtui.reporting.verify import PackError, differing_keys, pack_format, read_stamp
from bvtui.store import Store, StoreError
from bvtui.trail import report_slips, tag_commit


@user_errors
def verify(args: argparse.Namespace) -> int:
    """Exit 0 when the pack is the report its stamp says, byte for byte; else 1."""
    path = Path(args.pack)
    try:
        fmt = pack_format(path)
        data = path.read_bytes()
        stamp = read_stamp(data, fmt, str(path))
    except PackError as err:
        return fail(str(err))
    made = _report_args(stamp.made_with, args.store, str(path))
    plans = frozenset(made.plan) or None
    wanted = filter_from(made)
    try:  # read as the report command reads it: filtered on the excerpt index
        store = Store.at(args.store, stamp.commit, only=wanted, plans=plans)
    except StoreError:
        return fail(f"{path}: its commit {stamp.commit[:10]} is not in this repository")
    since = Store.at(args.store, made.since, plans=plans) if made.since else None
    actions = store.actions
    slips = report_slips(store, actions)  # as the report command hands them in
    report = build_report(
        store, actions, wanted=wanted, as_of=made.as_of, since=since, slips=slips, at=made.at
    )
    again = render_report(report, fmt)
    notes = _tag_notes(store.repo, made.at, stamp.commit)
    if stamp.uncommitted:
        notes.append("the pack showed edits that were not committed: no commit holds them")
    for note in notes:
        print(f"{path}: {note}")
    if again == data:
        print(f"{path}: identical to the report made again at {stamp.commit[:10]}")
        return 0
    # csv rows name each action plan/id; the other formats as the report's tables do
    refs = {
        action.ref if fmt == "csv" else ref_of(report, action): action.ref for action in actions
    }
    keys = list(refs)
    differ = differing_keys(data, again, fmt, keys)
    print(f"{path}: NOT identical to the report made again at {stamp.commit[:10]}")
    if differ:
        for key in differ:
            print(f"  differs: {one_line(refs[key])}")
    else:
        print("  no action's row differs: the title, stamp or summary counts do")
    return 1


def _report_args(command: str, store: str | None, where: str) -> argparse.Namespace:
    """The stamp's ``bvtui report ...`` read by the report command's own parser.

    Raises:
        StoreError: the stamp's command is not a report command.
    """
    from bvtui.cli.main import build_parser

    try:
        words = shlex.split(command)
    except ValueError:
        words = []
    if words[:2] != ["bvtui", "report"] or any(w in ("-o", "--output") for w in words):
        raise StoreError(f"{where}: Made with: {one_line(command)[:80]!r} is not a report command")
    try:
        made = build_parser().parse_args(["report", *words[2:]])
    except SystemExit:
        raise StoreError(f"{where}: Made with: {one_line(command)[:80]!r} does not parse") from None
    made.store = store
    return made


def _tag_notes(repo: Repo | None, at: str | None, commit: str) -> list[str]:
    """What to say of the snapshot tag the pack was made at, when it moved or went."""
    if repo is None or not at:
        return []
    now = tag_commit(repo, at)
    if now is None:
        if at.startswith(commit[: len(at)]):
            return []  # made at a commit id, not a tag
        return [f"the pack was made at {at!r}, which no longer exists; verified at its commit"]
    if now != commit:
        return [
            f"snapshot tag {at!r} has moved: the pack was made at {commit[:10]}, the tag "
            f"now names {now[:10]}; verified at the pack's commit"
        ]
    return []
