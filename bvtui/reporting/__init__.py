"""Committee reports: the report model, the dashboard's counts, flat records for json and
csv, and one module per format (text, md, html, csv, xlsx).

``bvtui.reporting.xlsx`` is not re-exported here: it imports openpyxl, which a listing
never needs. Uses the store, git and the model.
"""

from typing import TYPE_CHECKING

from bvtui.facade import exports

if TYPE_CHECKING:
    from bvtui.reporting.html import RAG_COLOURS
    from bvtui.reporting.minutes import Minute, Minutes, minutes_docx, minutes_markdown
    from bvtui.reporting.output import (
        BINARY_FORMATS,
        EXTENSIONS,
        FORMATS,
        default_filename,
        render_report,
        write_report,
    )
    from bvtui.reporting.pack import build_report, resolve_as_of, worsened_since
    from bvtui.reporting.records import action_record, flags, rag_label, records_csv
    from bvtui.reporting.stats import NO_OFFICER, Dashboard, RagCounts, dashboard, rag_counts

_WHERE = {
    "bvtui.reporting.html": ("RAG_COLOURS",),
    "bvtui.reporting.minutes": (
        "Minute",
        "Minutes",
        "minutes_docx",
        "minutes_markdown",
    ),
    "bvtui.reporting.output": (
        "BINARY_FORMATS",
        "EXTENSIONS",
        "FORMATS",
        "default_filename",
        "render_report",
        "write_report",
    ),
    "bvtui.reporting.pack": (
        "build_report",
        "resolve_as_of",
        "worsened_since",
    ),
    "bvtui.reporting.records": (
        "action_record",
        "flags",
        "rag_label",
        "records_csv",
    ),
    "bvtui.reporting.stats": (
        "Dashboard",
        "NO_OFFICER",
        "RagCounts",
        "dashboard",
        "rag_counts",
    ),
}

__all__ = [
    "BINARY_FORMATS",
    "EXTENSIONS",
    "FORMATS",
    "NO_OFFICER",
    "RAG_COLOURS",
    "Dashboard",
    "Minute",
    "Minutes",
    "RagCounts",
    "action_record",
    "build_report",
    "dashboard",
    "default_filename",
    "flags",
    "minutes_docx",
    "minutes_markdown",
    "rag_counts",
    "rag_label",
    "records_csv",
    "render_report",
    "resolve_as_of",
    "worsened_since",
    "write_report",
]

if not TYPE_CHECKING:  # names imported when first used (bvtui.facade)
    __getattr__ = exports(__name__, _WHERE)
