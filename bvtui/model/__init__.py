"""Values and rules, no I/O: what an action and a plan are, and what may be said of them.

Actions, plans, updates and RAG (``model``); deadline text to due dates (``dates``); an
action's excerpt, what lists and filters judge (``excerpt``); the one filter
(``filters``); field changes and commit messages (``diff``); checked edits (``edit``); a
plan's governance rules (``governance``); the file rules (``schema``) and the error
they fail with (``validation``); text made inert
for every output (``inert``); who "me" is in the update round (``round``); the update
packets' layout (``packet``); checks of the updates needing no history
(``update_checks``); what the mutable records (actions, plans, updates) share (``record``).
The bottom layer: it imports nothing else of bvtui.
"""

from typing import TYPE_CHECKING

from bvtui.facade import exports

if TYPE_CHECKING:
    from bvtui.model.dates import due_date, looks_like_a_date
    from bvtui.model.decisions import (
        DECISIONS,
        Decision,
        check_meeting_name,
        decisions_of,
        with_decision,
    )
    from bvtui.model.diff import (
        APPENDED_LISTS,
        APPROVED_BY_TRAILER,
        REASON_TRAILER,
        FieldChange,
        bulk_commit_message,
        commit_message,
        field_changes,
        has_control,
        one_line,
        printable_block,
    )
    from bvtui.model.edit import (
        DEADLINE_FIELDS,
        check_value,
        current_period,
        deadline_doubts,
        edited,
        holds_update,
    )
    from bvtui.model.excerpt import ActionExcerpt, fold
    from bvtui.model.filters import Filter
    from bvtui.model.governance import (
        ANYONE_BUT_AUTHOR,
        Approval,
        Governance,
        Slip,
        deadline_in_force,
        is_closing,
        is_revising,
        needs,
        parse_governance,
        refusal,
        slip_totals,
    )
    from bvtui.model.inert import (
        CELL_LIMIT,
        FORMULA_STARTS,
        cell_text,
        csv_text,
        cut,
        document_text,
        json_inert,
        markdown_text,
    )
    from bvtui.model.model import (
        EDITABLE_FIELDS,
        EVIDENCE_FOLDER,
        RAG_SYMBOLS,
        RAGS,
        RESERVED_IDS,
        STORED_FIELDS,
        Action,
        Evidence,
        Plan,
        Update,
        default_rag,
        natural_key,
    )
    from bvtui.model.record import Record
    from bvtui.model.ref import ID_PATTERN, PLAN_FILE, Ref, RefError, ref_text
    from bvtui.model.round import Identified, identify, recognise
    from bvtui.model.schema import (
        PLAN_FIELDS,
        action_from_mapping,
        action_to_mapping,
        check_evidence_name,
        check_id,
        plan_from_mapping,
        plan_to_mapping,
    )
    from bvtui.model.update_checks import UpdateWarning, update_warnings
    from bvtui.model.validation import ValidationError

_WHERE = {
    "bvtui.model.dates": (
        "due_date",
        "looks_like_a_date",
    ),
    "bvtui.model.decisions": (
        "DECISIONS",
        "Decision",
        "check_meeting_name",
        "decisions_of",
        "with_decision",
    ),
    "bvtui.model.diff": (
        "APPENDED_LISTS",
        "APPROVED_BY_TRAILER",
        "FieldChange",
        "REASON_TRAILER",
        "bulk_commit_message",
        "commit_message",
        "field_changes",
        "has_control",
        "one_line",
        "printable_block",
    ),
    "bvtui.model.edit": (
        "DEADLINE_FIELDS",
        "check_value",
        "current_period",
        "deadline_doubts",
        "edited",
        "holds_update",
    ),
    "bvtui.model.excerpt": (
        "ActionExcerpt",
        "fold",
    ),
    "bvtui.model.filters": ("Filter",),
    "bvtui.model.governance": (
        "ANYONE_BUT_AUTHOR",
        "Approval",
        "Governance",
        "Slip",
        "deadline_in_force",
        "is_closing",
        "is_revising",
        "needs",
        "parse_governance",
        "refusal",
        "slip_totals",
    ),
    "bvtui.model.inert": (
        "CELL_LIMIT",
        "FORMULA_STARTS",
        "cell_text",
        "csv_text",
        "cut",
        "document_text",
        "json_inert",
        "markdown_text",
    ),
    "bvtui.model.model": (
        "Action",
        "EDITABLE_FIELDS",
        "EVIDENCE_FOLDER",
        "Evidence",
        "Plan",
        "RAGS",
        "RAG_SYMBOLS",
        "RESERVED_IDS",
        "STORED_FIELDS",
        "Update",
        "default_rag",
        "natural_key",
    ),
    "bvtui.model.record": ("Record",),
    "bvtui.model.ref": (
        "ID_PATTERN",
        "PLAN_FILE",
        "Ref",
        "RefError",
        "ref_text",
    ),
    "bvtui.model.round": (
        "Identified",
        "identify",
        "recognise",
    ),
    "bvtui.model.schema": (
        "PLAN_FIELDS",
        "action_from_mapping",
        "action_to_mapping",
        "check_evidence_name",
        "check_id",
        "plan_from_mapping",
        "plan_to_mapping",
    ),
    "bvtui.model.update_checks": (
        "UpdateWarning",
        "update_warnings",
    ),
    "bvtui.model.validation": ("ValidationError",),
}

__all__ = [
    "ANYONE_BUT_AUTHOR",
    "APPENDED_LISTS",
    "APPROVED_BY_TRAILER",
    "CELL_LIMIT",
    "DEADLINE_FIELDS",
    "DECISIONS",
    "EDITABLE_FIELDS",
    "EVIDENCE_FOLDER",
    "FORMULA_STARTS",
    "ID_PATTERN",
    "PLAN_FIELDS",
    "PLAN_FILE",
    "RAGS",
    "RAG_SYMBOLS",
    "REASON_TRAILER",
    "RESERVED_IDS",
    "STORED_FIELDS",
    "Action",
    "ActionExcerpt",
    "Approval",
    "Decision",
    "Evidence",
    "FieldChange",
    "Filter",
    "Governance",
    "Identified",
    "Plan",
    "Record",
    "Ref",
    "RefError",
    "Slip",
    "Update",
    "UpdateWarning",
    "ValidationError",
    "action_from_mapping",
    "action_to_mapping",
    "bulk_commit_message",
    "cell_text",
    "check_evidence_name",
    "check_id",
    "check_meeting_name",
    "check_value",
    "commit_message",
    "csv_text",
    "current_period",
    "cut",
    "deadline_doubts",
    "deadline_in_force",
    "decisions_of",
    "default_rag",
    "document_text",
    "due_date",
    "edited",
    "field_changes",
    "fold",
    "has_control",
    "holds_update",
    "identify",
    "is_closing",
    "is_revising",
    "json_inert",
    "looks_like_a_date",
    "markdown_text",
    "natural_key",
    "needs",
    "one_line",
    "parse_governance",
    "plan_from_mapping",
    "plan_to_mapping",
    "printable_block",
    "recognise",
    "ref_text",
    "refusal",
    "slip_totals",
    "update_warnings",
    "with_decision",
]

if not TYPE_CHECKING:  # names imported when first used (bvtui.facade)
    __getattr__ = exports(__name__, _WHERE)
