"""The audit trail read back: an action's history field by field, status timelines, what
changed since a date or snapshot, snapshot tags, the auditor's check, the checks of
updates that need the history, a meeting's agenda (what moved since the last snapshot
first), undo (the last save reverted, found in the trail), and the governance rules
read back (changes without the approval they needed, each action's slip ledger).

Uses the store, git and the model; independent of importing, reporting and sharing.
"""

from typing import TYPE_CHECKING

from bvtui.facade import exports

if TYPE_CHECKING:
    from bvtui.trail.agenda import (
        AgendaItem,
        Travel,
        build_agenda,
        last_snapshot,
        moves_since,
        travel_of,
    )
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
    from bvtui.trail.rule_audit import (
        RuleBreach,
        approval_of,
        report_slips,
        rule_breaches,
        slip_ledger,
    )
    from bvtui.trail.signatures import (
        ALLOWED_SIGNERS,
        SignatureCheck,
        SignatureReport,
        check_signatures,
        setup_signing,
    )
    from bvtui.trail.snapshots import list_tags, make_snapshot, tag_commit
    from bvtui.trail.undo import Undo, UndoRefused, plan_undo
    from bvtui.trail.update_checks import history_warnings

_WHERE = {
    "bvtui.trail.agenda": (
        "AgendaItem",
        "Travel",
        "build_agenda",
        "last_snapshot",
        "moves_since",
        "travel_of",
    ),
    "bvtui.trail.audit": (
        "AuditReport",
        "audit_store",
    ),
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
    "bvtui.trail.rule_audit": (
        "RuleBreach",
        "approval_of",
        "report_slips",
        "rule_breaches",
        "slip_ledger",
    ),
    "bvtui.trail.signatures": (
        "ALLOWED_SIGNERS",
        "SignatureCheck",
        "SignatureReport",
        "check_signatures",
        "setup_signing",
    ),
    "bvtui.trail.snapshots": (
        "list_tags",
        "make_snapshot",
        "tag_commit",
    ),
    "bvtui.trail.undo": (
        "Undo",
        "UndoRefused",
        "plan_undo",
    ),
    "bvtui.trail.update_checks": ("history_warnings",),
}

__all__ = [
    "ALLOWED_SIGNERS",
    "ActionMove",
    "AgendaItem",
    "AuditReport",
    "DeadlineSlip",
    "Revision",
    "RuleBreach",
    "SignatureCheck",
    "SignatureReport",
    "StatusSpell",
    "StoreChanges",
    "Travel",
    "Undo",
    "UndoRefused",
    "action_history",
    "approval_of",
    "audit_store",
    "build_agenda",
    "changes_by_plan",
    "check_signatures",
    "deadline_slips",
    "history_warnings",
    "last_snapshot",
    "list_tags",
    "make_snapshot",
    "move_order",
    "moves_since",
    "plan_undo",
    "report_slips",
    "rule_breaches",
    "setup_signing",
    "slip_ledger",
    "status_timeline",
    "store_changes",
    "store_history",
    "tag_commit",
    "travel_of",
]

if not TYPE_CHECKING:  # names imported when first used (bvtui.facade)
    __getattr__ = exports(__name__, _WHERE)
