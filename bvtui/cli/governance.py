"""Proposals on the command line: ``propose`` a change that waits for approval,
list the ``proposals`` that wait, ``approve`` one (see :mod:`bvtui.sharing.proposals`)."""

from __future__ import annotations

import argparse
import sys

from bvtui.cli.commands import (
    assignments_from,
    edit_asked,
    fail,
    open_store,
    report_saved,
    user_errors,
)
from bvtui.model import Approval, one_line
from bvtui.store import ApprovalNeeded, Store, locate_store


@user_errors
def propose_command(args: argparse.Namespace) -> int:
    """Record a change on the action's proposal branch; the work tree is not touched."""
    from bvtui.sharing import fetch_proposals, propose

    store, action, edit = edit_asked(args, "propose", args.ref, assignments_from(args.assignments))
    trouble = fetch_proposals(store)  # one waiting elsewhere for this action refuses it
    if trouble:
        print(f"bvtui: warning: {trouble}", file=sys.stderr)
    proposal, unpushed = propose(store, action, edit, author=args.author, reason=args.reason or "")
    print(f"{proposal.ref}: proposed {proposal.commit[:10]}: {one_line(proposal.summary())}")
    if unpushed:
        print(f"bvtui: warning: {proposal.ref}: {unpushed}", file=sys.stderr)
    return 0


@user_errors
def proposals_command(args: argparse.Namespace) -> int:
    """List the proposals waiting (fetched from the remote first, when there is one)."""
    from tabulate import tabulate

    from bvtui.sharing import fetch_proposals, waiting

    store = Store(locate_store(args.store))
    trouble = fetch_proposals(store)
    if trouble:
        print(f"bvtui: warning: {trouble}", file=sys.stderr)
    rows = [
        [
            one_line(p.ref),
            p.date.date().isoformat(),
            one_line(p.author),
            p.commit[:10],
            one_line(p.summary()),
            one_line(p.reason),
        ]
        for p in waiting(store)
    ]
    if not rows:
        print("no proposals waiting")
        return 0
    headers = ("action", "proposed", "by", "commit", "change", "reason")
    print(tabulate(rows, headers=headers, tablefmt=args.format))
    return 0


@user_errors
def approve_command(args: argparse.Namespace) -> int:
    """Apply the proposal waiting for an action, with an Approved-by: trailer."""
    from bvtui.sharing import approve, fetch_proposals, find_proposal

    store = open_store(args, args.ref)
    ref = store.find(args.ref).ref
    trouble = fetch_proposals(store)
    if trouble:
        print(f"bvtui: warning: {trouble}", file=sys.stderr)
    proposal = find_proposal(store, ref)
    approver = args.approved_by or store.author_of(args.author)
    if not approver:
        return fail("who approves? give --approved-by 'Name <email>' (git has no identity)")
    try:
        result, left = approve(store, proposal, Approval(approver, args.reason or ""))
    except ApprovalNeeded as err:
        return fail(str(err))
    if left:
        print(f"bvtui: warning: {ref}: the proposal is {left}", file=sys.stderr)
    code = report_saved(result)
    if code == 0 and result.commit:
        print(f"{ref}: approved by {one_line(approver)}; bvtui sync shares it")
    return code
