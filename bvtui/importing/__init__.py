"""A council's own document or spreadsheet into a plan: tables (tsv, csv, xlsx ...) ->
columns -> cells -> actions -> one commit.

Uses the store, git and the model; independent of the trail, reporting and sharing.
"""

from bvtui.importing.columns import EXTRA, FIELDS, ColumnMap, normalise, parse_map
from bvtui.importing.commit import ImportResult, PlanOverrides, import_plan
from bvtui.importing.document import ImportedPlan, ImportError_, ImportProblem, parse_file
from bvtui.importing.fields import officer_aliases, parse_progress, split_officers, split_progress
from bvtui.importing.tables import clean_cell, read_table

__all__ = [
    "EXTRA",
    "FIELDS",
    "ColumnMap",
    "ImportError_",
    "ImportProblem",
    "ImportResult",
    "ImportedPlan",
    "PlanOverrides",
    "clean_cell",
    "import_plan",
    "normalise",
    "officer_aliases",
    "parse_file",
    "parse_map",
    "parse_progress",
    "read_table",
    "split_officers",
    "split_progress",
]
