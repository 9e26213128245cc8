"""The audit trail read back: an action's history field by field, status timelines, what
changed since a date or snapshot, snapshot tags, and the auditor's check.

Uses the store, git and the model; independent of importing, reporting and sharing.
"""

from typing import TYPE_CHECKING

from bvtui.facade import exports

if TYPE_CHECKING:
    from bvtui.trail.audit import AuditReport, audit_store
    from bvtui.trail.changes import (
        ActionMove,
        StoreChanges,
        changes_by_plan,
        move_order,
        store_changes,
    )
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

_WHERE = {
    "bvtui.trail.audit": ("AuditReport", "audit_store"),
    "bvtui.trail.changes": (
        "ActionMove",
        "StoreChanges",
        "changes_by_plan",
        "move_order",
        "store_changes",
    ),
    "bvtui.trail.history": (
        "DeadlineSlip",
        "Revision",
        "StatusSpell",
        "action_history",
        "deadline_slips",
        "status_timeline",
        "store_history",
    ),
    "bvtui.trail.snapshots": ("list_tags", "make_snapshot"),
}

__all__ = [
    "ActionMove",
    "AuditReport",
    "DeadlineSlip",
    "Revision",
    "StatusSpell",
    "StoreChanges",
    "action_history",
    "audit_store",
    "changes_by_plan",
    "deadline_slips",
    "list_tags",
    "make_snapshot",
    "move_order",
    "status_timeline",
    "store_changes",
    "store_history",
]

if not TYPE_CHECKING:  # names imported when first used (bvtui.facade)
    __getattr__ = exports(__name__, _WHERE)
