"""The audit trail read back: an action's history field by field, status timelines, what
changed since a date or snapshot, snapshot tags, and the auditor's check.

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
from bvtui.trail.signatures import (
    ALLOWED_SIGNERS,
    SignatureCheck,
    SignatureReport,
    check_signatures,
    setup_signing,
)
from bvtui.trail.snapshots import list_tags, make_snapshot, tag_commit

__all__ = [
    "ALLOWED_SIGNERS",
    "ActionMove",
    "AuditReport",
    "DeadlineSlip",
    "Revision",
    "SignatureCheck",
    "SignatureReport",
    "StatusSpell",
    "StoreChanges",
    "action_history",
    "audit_store",
    "changes_by_plan",
    "check_signatures",
    "deadline_slips",
    "list_tags",
    "make_snapshot",
    "move_order",
    "setup_signing",
    "status_timeline",
    "store_changes",
    "store_history",
    "tag_commit",
]
