"""Sharing a store through a git remote: the three-way field merge, the merge driver,
sync (commit, fetch, rebase, push), resolving conflicts, renaming an action, and
proposals waiting for approval.

Uses the store, git and the model; independent of the trail, importing and reporting.
"""

from bvtui.sharing.merge import SIDES, merge_texts
from bvtui.sharing.merge_driver import driver_command, install_merge_driver, run_merge_driver
from bvtui.sharing.proposals import (
    Proposal,
    ProposalError,
    approve,
    fetch_proposals,
    find_proposal,
    proposals_waiting,
    propose,
    waiting,
)
from bvtui.sharing.rename import rename_action
from bvtui.sharing.resolve import conflicts_of, resolved, save_resolution, side_text
from bvtui.sharing.sync import (
    SyncError,
    abort_sync,
    conflicted_refs,
    continue_sync,
    in_progress,
    sync,
)

__all__ = [
    "SIDES",
    "Proposal",
    "ProposalError",
    "SyncError",
    "abort_sync",
    "approve",
    "conflicted_refs",
    "conflicts_of",
    "continue_sync",
    "driver_command",
    "fetch_proposals",
    "find_proposal",
    "in_progress",
    "install_merge_driver",
    "merge_texts",
    "proposals_waiting",
    "propose",
    "rename_action",
    "resolved",
    "run_merge_driver",
    "save_resolution",
    "side_text",
    "sync",
    "waiting",
]
