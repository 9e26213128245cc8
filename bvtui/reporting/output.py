"""A committee report in each output format, as bytes, and written to a file.

Formats: ``text`` (tabulate simple), ``md`` (GitHub pipe tables), ``html`` (one
self-contained page), ``csv`` (one row per action), ``xlsx`` (a summary sheet and
a sheet per theme), ``docx`` and ``pdf`` (the html page's structure, for an agenda
pack). The same report always gives the same bytes. Each binary writer's library is
imported only when its format is asked for.
"""

from __future__ import annotations

import errno
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # every command's parser reads FORMATS: this module imports little
    from bvtui.model import Action, Filter
    from bvtui.reporting.pack import Report

FORMATS: tuple[str, ...] = ("text", "md", "html", "csv", "xlsx", "docx", "pdf")

EXTENSIONS: dict[str, str] = {
    "text": "txt",
    "md": "md",
    "html": "html",
    "csv": "csv",
    "xlsx": "xlsx",
    "docx": "docx",
    "pdf": "pdf",
}

BINARY_FORMATS = frozenset({"xlsx", "docx", "pdf"})
"""Formats that cannot go to a terminal: they need a file."""


def render_report(report: Report, fmt: str) -> bytes:
    """``report`` as a ``fmt`` document.

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt in ("text", "md"):
        from bvtui.reporting.text import RENDERERS

        return RENDERERS[fmt](report).encode("utf-8")
    if fmt == "csv":
        from bvtui.reporting.records import records_csv

        stamp = {
            "report_as_of": report.stamp.as_of,
            "report_commit": report.stamp.commit,
            "report_made_with": report.stamp.made_with,
        }
        return records_csv(report.actions, report.as_of, stamp).encode("utf-8")
    if fmt == "html":
        from bvtui.reporting.html import render_html

        return render_html(report).encode("utf-8")
    if fmt == "xlsx":
        from bvtui.reporting.xlsx import render_xlsx

        return render_xlsx(report)
    if fmt == "docx":
        from bvtui.reporting.docx import render_docx

        return render_docx(report)
    if fmt == "pdf":
        from bvtui.reporting.pdf import render_pdf

        return render_pdf(report)
    raise ValueError(f"{fmt!r}: not a report format ({', '.join(FORMATS)})")


def write_report(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` whole (:func:`bvtui.store.write_atomically`: a reader
    sees the old report or the new one; writing over a report keeps its mode).

    Raises:
        OSError: the folder does not exist or cannot be written.
    """
    if not path.parent.is_dir():  # a report never makes folders
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path.parent))
    from bvtui.store import write_atomically

    write_atomically(path, data)


def default_filename(
    actions: list[Action],
    as_of: date | None,
    store_name: str,
    fmt: str,
    wanted: Filter | None = None,
) -> str:
    """``report-<plan or store>-<filters>-<as-of>.<ext>``: the name the app's export offers.

    The plan's slug when every action is of one plan, else the store folder's name;
    then the filters' values (``report-property-demo-red-overdue-2017-09-29.txt``),
    in letters, digits and hyphens only; the as-of date given, else the plans' own
    when they agree, else today.
    """
    slugs = {action.plan.slug for action in actions}
    one_plan = len(slugs) == 1
    parts = [slugs.pop() if one_plan else store_name]
    if wanted is not None:
        parts.extend(_filter_words(wanted, plans=not one_plan))
    name = "-".join(word for word in map(_slug, parts) if word)[:NAME_LIMIT].strip("-")
    dates = {action.plan.as_of for action in actions}
    day = as_of or (dates.pop() if len(dates) == 1 else None) or date.today()
    return f"report-{name or 'store'}-{day.isoformat()}.{EXTENSIONS[fmt]}"


NAME_LIMIT = 80
"""At most this many characters of plan and filter words in a report's file name."""


def _filter_words(wanted: Filter, plans: bool) -> list[str]:
    """The filters' values in the order the filter bar shows them."""
    words = sorted(wanted.plans) if plans else []
    for values in (wanted.themes, wanted.officers, wanted.statuses, wanted.rags):
        words.extend(sorted(values))
    if wanted.overdue:
        words.append("overdue")
    if wanted.search.strip():
        words.append(f"search {wanted.search}")
    return words


def _slug(text: str) -> str:
    """``text`` in lower-case ASCII letters, digits and single hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
