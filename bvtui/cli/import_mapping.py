"""What ``bvtui import`` says about a file besides its rejected rows.

``--dry-run`` prints the column mapping of each table (what each header became, what
went to ``extra``, sample values) and what would be imported; every import prints the
warnings (values kept as written, status words with no colour) on stderr, one line
each, ``FILE:LINE: warning: reason``. Field text is shown inert (control characters
as ``\\x1b``), never acted on.
"""

from __future__ import annotations

from bvtui.importing import ColumnMap, ImportedPlan, ImportProblem, normalise
from bvtui.model import one_line

_SAMPLE = 30


def warning_lines(source: str, warnings: list[ImportProblem]) -> list[str]:
    """One line per warning; a warning about the whole plan names no line."""
    return [
        f"{source}:{w.where}: warning: {one_line(w.reason)}"
        if w.where
        else f"{source}: warning: {one_line(w.reason)}"
        for w in warnings
    ]


def unused_map_lines(source: str, imported: ImportedPlan, mapping: ColumnMap) -> list[str]:
    """A warning for each ``--map`` header that names no column of the file."""
    headers = {normalise(c.name) for table in imported.tables for c in table.columns}
    return [
        f"{source}: warning: --map names no column '{header}' (the file's columns: "
        f"{', '.join(sorted({one_line(c.name) for t in imported.tables for c in t.columns}))})"
        for header in mapping
        if header not in headers
    ]


def mapping_lines(imported: ImportedPlan) -> list[str]:
    """The column mapping of each distinct table, then the count of actions read."""
    lines: list[str] = []
    shown: set[tuple[tuple[str, str], ...]] = set()
    for table in imported.tables:
        shape = tuple((column.name, column.field) for column in table.columns)
        if shape in shown:
            continue
        shown.add(shape)
        where = f"sheet {table.sheet}, line" if table.sheet else "line"
        lines.append(f"table at {where} {table.line}:")
        width = max((len(one_line(column.name)) for column in table.columns), default=0)
        for index, column in enumerate(table.columns):
            samples = ", ".join(
                f"'{_short(one_line(text))}'" for text in table.samples.get(index, [])
            )
            name = one_line(column.name).ljust(width)
            lines.append(f"  {name}  -> {column.field:<16} {samples}".rstrip())
    lines.append(f"{len(imported.actions)} actions read, {len(imported.problems)} rows rejected")
    return lines


def _short(text: str) -> str:
    return text if len(text) <= _SAMPLE else text[: _SAMPLE - 1] + "…"
