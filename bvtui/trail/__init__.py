"""The audit trail read back: an action's history field by field, status timelines, what
changed since a date or snapshot, snapshot tags, the auditor's check, and undo (the
last save reverted, found in the trail).

Uses the store, git and the model; independent of importing, reporting and sharing.
"""

from bvtui.trail.audit import AuditReport, audit_store
from bvtui.trail.changes import ActionMove, StoreChanges, changes_by_plan, move_order, store_changes
from bvtui.trail.history import (
    DeadlineSlip,
    Revision,
    StatusSpell,
    action_history,
    deadline_slips,
    status_timeline,
    store_history,
)
from bvtui.trail.snapshots import list_tags, make_snapshot
from bvtui.trail.undo import Undo, UndoRefused, plan_undo

__all__ = [
    "ActionMove",
    "AuditReport",
    "DeadlineSlip",
    "Revision",
    "StatusSpell",
    "StoreChanges",
    "Undo",
    "UndoRefused",
    "action_history",
    "audit_store",
    "changes_by_plan",
    "deadline_slips",
    "list_tags",
    "make_snapshot",
    "move_order",
    "plan_undo",
    "status_timeline",
    "store_changes",
    "store_history",
]
