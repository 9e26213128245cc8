"""A meeting's minutes: the action list (each decision or action point recorded in meeting
mode, against its action), as Markdown and as a Word document.

The user's text is made inert as in the reports: Markdown escapes what would start a
table cell or a tag, Word takes every text as a plain run.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from bvtui.model import document_text as text
from bvtui.model import markdown_text as _md
from bvtui.model import one_line

MINUTE_COLUMNS = ("No.", "Action", "Title", "Lead officer", "Status", "Decision / action point")


@dataclass(frozen=True)
class Minute:
    """One decision recorded at the meeting, with the action it is against."""

    ref: str
    title: str
    officers: str
    status: str
    decision: str
    commit: str = ""


@dataclass
class Minutes:
    """What a meeting presented and decided."""

    meeting: str
    day: str
    presented: int
    """How many actions the agenda held."""
    snapshot: str | None = None
    """The tag of the store as presented (None: not taken)."""
    since: str | None = None
    """The snapshot the meeting compared with."""
    items: list[Minute] = field(default_factory=list)

    def rows(self) -> list[list[str]]:
        return [
            [str(number), m.ref, m.title, m.officers, m.status, m.decision]
            for number, m in enumerate(self.items, 1)
        ]

    def stamp(self) -> list[tuple[str, str]]:
        return [
            ("Meeting", self.meeting),
            ("Date", self.day),
            ("Actions presented", str(self.presented)),
            ("Compared with", self.since or "no earlier snapshot"),
            ("Store as presented", self.snapshot or "no snapshot taken"),
        ]


def minutes_markdown(minutes: Minutes) -> str:
    """The minutes' action list as Markdown: a heading, the stamp, one table row per item."""
    out = [f"# Minutes: action list, {_md(minutes.meeting)}", ""]
    out += [f"- **{key}:** {_md(value)}" for key, value in minutes.stamp()]
    out.append("")
    if not minutes.items:
        out.append("No decisions or action points were recorded.")
        return "\n".join(out) + "\n"
    out.append("| " + " | ".join(MINUTE_COLUMNS) + " |")
    out.append("|" + "|".join("---" for _ in MINUTE_COLUMNS) + "|")
    out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in minutes.rows()]
    return "\n".join(out) + "\n"


def minutes_docx(minutes: Minutes) -> bytes:
    """The minutes' action list as the bytes of a Word document."""
    from docx import Document  # python-docx: only when minutes are written

    from bvtui.reporting.docx import docx_table

    document = Document()
    document.add_heading(text(f"Minutes: action list, {minutes.meeting}"), level=1)
    docx_table(document, ["", ""], [[k, v] for k, v in minutes.stamp()], header=False)
    document.add_paragraph("")
    if minutes.items:
        docx_table(document, list(MINUTE_COLUMNS), minutes.rows())
    else:
        document.add_paragraph("No decisions or action points were recorded.")
    core = document.core_properties
    core.author = core.last_modified_by = "bvtui"
    core.title = one_line(f"Minutes: {minutes.meeting}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
