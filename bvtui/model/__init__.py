"""Values and rules, no I/O: what an action and a plan are, and what may be said of them.

Actions, plans, updates and RAG (``model``); deadline text to due dates (``dates``); the
one filter (``filters``); field changes and commit messages (``diff``); checked edits
(``edit``); the file rules (``schema``); text made inert for every output (``inert``).
The bottom layer: it imports nothing else of bvtui.
"""

from typing import TYPE_CHECKING

from bvtui.facade import exports

if TYPE_CHECKING:
    from bvtui.model.dates import due_date, looks_like_a_date
    from bvtui.model.diff import (
        FieldChange,
        commit_message,
        field_changes,
        one_line,
        printable_block,
    )
    from bvtui.model.edit import (
        DEADLINE_FIELDS,
        check_value,
        current_period,
        deadline_doubts,
        edited,
    )
    from bvtui.model.filters import Filter, fold, search_text
    from bvtui.model.inert import (
        CELL_LIMIT,
        FORMULA_STARTS,
        csv_text,
        cut,
        document_text,
        json_inert,
    )
    from bvtui.model.model import (
        EDITABLE_FIELDS,
        RAG_SYMBOLS,
        RAGS,
        RESERVED_IDS,
        STORED_FIELDS,
        Action,
        Plan,
        Update,
        default_rag,
        natural_key,
    )
    from bvtui.model.ref import ID_PATTERN, PLAN_FILE, Ref, RefError, ref_text
    from bvtui.model.schema import (
        PLAN_FIELDS,
        ValidationError,
        action_from_mapping,
        action_to_mapping,
        check_id,
        plan_from_mapping,
        plan_to_mapping,
    )

_WHERE = {
    "bvtui.model.dates": ("due_date", "looks_like_a_date"),
    "bvtui.model.diff": (
        "FieldChange",
        "commit_message",
        "field_changes",
        "one_line",
        "printable_block",
    ),
    "bvtui.model.edit": (
        "DEADLINE_FIELDS",
        "check_value",
        "current_period",
        "deadline_doubts",
        "edited",
    ),
    "bvtui.model.filters": ("Filter", "fold", "search_text"),
    "bvtui.model.inert": (
        "CELL_LIMIT",
        "FORMULA_STARTS",
        "csv_text",
        "cut",
        "document_text",
        "json_inert",
    ),
    "bvtui.model.model": (
        "EDITABLE_FIELDS",
        "RAG_SYMBOLS",
        "RAGS",
        "RESERVED_IDS",
        "STORED_FIELDS",
        "Action",
        "Plan",
        "Update",
        "default_rag",
        "natural_key",
    ),
    "bvtui.model.ref": ("ID_PATTERN", "PLAN_FILE", "Ref", "RefError", "ref_text"),
    "bvtui.model.schema": (
        "PLAN_FIELDS",
        "ValidationError",
        "action_from_mapping",
        "action_to_mapping",
        "check_id",
        "plan_from_mapping",
        "plan_to_mapping",
    ),
}

__all__ = [
    "CELL_LIMIT",
    "DEADLINE_FIELDS",
    "EDITABLE_FIELDS",
    "FORMULA_STARTS",
    "ID_PATTERN",
    "PLAN_FIELDS",
    "PLAN_FILE",
    "RAGS",
    "RAG_SYMBOLS",
    "RESERVED_IDS",
    "STORED_FIELDS",
    "Action",
    "FieldChange",
    "Filter",
    "Plan",
    "Ref",
    "RefError",
    "Update",
    "ValidationError",
    "action_from_mapping",
    "action_to_mapping",
    "check_id",
    "check_value",
    "commit_message",
    "csv_text",
    "current_period",
    "cut",
    "deadline_doubts",
    "default_rag",
    "document_text",
    "due_date",
    "edited",
    "field_changes",
    "fold",
    "json_inert",
    "looks_like_a_date",
    "natural_key",
    "one_line",
    "plan_from_mapping",
    "plan_to_mapping",
    "printable_block",
    "ref_text",
    "search_text",
]

if not TYPE_CHECKING:  # names imported when first used (bvtui.facade)
    __getattr__ = exports(__name__, _WHERE)
