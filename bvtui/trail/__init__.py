"""The audit trail read back: an action's history field by field, status timelines, what
changed since a date or snapshot, snapshot tags, the auditor's check, and the governance
rules read back (changes without the approval they needed, each action's slip ledger).

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
from bvtui.trail.rule_audit import (
    RuleBreach,
    approval_of,
    report_slips,
    rule_breaches,
    slip_ledger,
)
from bvtui.trail.snapshots import list_tags, make_snapshot

__all__ = [
    "ActionMove",
    "AuditReport",
    "DeadlineSlip",
    "Revision",
    "RuleBreach",
    "StatusSpell",
    "StoreChanges",
    "action_history",
    "approval_of",
    "audit_store",
    "changes_by_plan",
    "deadline_slips",
    "list_tags",
    "make_snapshot",
    "move_order",
    "report_slips",
    "rule_breaches",
    "slip_ledger",
    "status_timeline",
    "store_changes",
    "store_history",
]
