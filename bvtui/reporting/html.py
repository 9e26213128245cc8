"""A committee report as one self-contained, printable HTML page.

No external assets: the styles are inline (with ``@media print`` rules so the page
prints as it shows, colours included), and the chart of RAG by theme is inline SVG
with text labels. Every RAG cell is coloured and labelled in words, so the report
reads the same in black and white. All user text goes through :func:`_text`: control
characters shown (``\x1b``), then :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from bvtui.model import RAGS, document_text
from bvtui.reporting import outline as blocks
from bvtui.reporting.pack import RAG_COLUMN, Report, rag_word

RAG_COLOURS: dict[str, tuple[str, str]] = {
    "red": ("#c62828", "#ffffff"),
    "amber": ("#f9a825", "#000000"),
    "green": ("#2e7d32", "#ffffff"),
    "blue": ("#1565c0", "#ffffff"),
    "grey": ("#9e9e9e", "#000000"),
}
"""Fill and text colour of each RAG, shared with the xlsx, docx and pdf reports."""

_CSS = (
    """
body { font-family: Arial, Helvetica, sans-serif; font-size: 10.5pt; color: #111;
       margin: 1.5em auto; max-width: 1200px; padding: 0 1em; }
h1 { font-size: 18pt; margin-bottom: 0.1em; }
h2 { font-size: 14pt; border-bottom: 2px solid #333; margin-top: 1.6em; }
h3 { font-size: 12pt; margin-top: 1.3em; }
h4 { font-size: 10.5pt; margin: 1em 0 0.3em; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; }
th, td { border: 1px solid #999; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.num { text-align: right; white-space: nowrap; }
table.actions { table-layout: fixed; }
table.actions td { overflow-wrap: anywhere; }
tr.total td { font-weight: bold; border-top: 2px solid #333; }
.stamp th { width: 11em; }
.organisation { font-size: 12pt; margin-top: 0; }
.rag { font-weight: bold; white-space: nowrap; }
"""
    + "".join(
        f".rag-{rag} {{ background: {fill}; color: {ink}; }}\n"
        for rag, (fill, ink) in RAG_COLOURS.items()
    )
    + """
svg text { font-family: Arial, Helvetica, sans-serif; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-before: auto; break-after: avoid; }
  h3, h4 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""
)

_BAR_WIDTH = 640
_BAR_HEIGHT = 22
_LABEL_WIDTH = 190


def _text(text: str) -> str:
    """User text as inert HTML: control characters made visible, markup escaped, and
    at most :data:`bvtui.model.inert.CELL_LIMIT` characters of it."""
    return escape(document_text(text))


def render_html(report: Report) -> str:
    """The report as one HTML document."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_text(report.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    parts.extend(_block(report, block) for block in blocks.outline(report))
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts)


def _block(report: Report, block: blocks.Block) -> str:
    """One block of the outline as html."""
    match block:
        case blocks.Heading(level, title):
            return f"<h{level + 1}>{_text(title)}</h{level + 1}>"
        case blocks.Paragraph(words, kind):
            return f'<p class="{kind}">{_text(words)}</p>' if kind else f"<p>{_text(words)}</p>"
        case blocks.StampTable(rows):
            return _stamp(rows)
        case blocks.Chart():
            return _chart(report)
        case blocks.CountTable(headers, rows, rags):
            return _summary_table(headers, rows, rags)
        case blocks.ActionTable(columns, rows):
            return _action_table(columns, rows)
    raise TypeError(block)


def _stamp(lines: list[tuple[str, str]]) -> str:
    rows = "".join(
        f"<tr><th>{_text(label)}</th><td>{_text(value)}</td></tr>" for label, value in lines
    )
    return f'<table class="stamp">{rows}</table>'


def rag_cell(rag: str, text: str | None = None) -> str:
    """A table cell in the RAG's colour, labelled in words."""
    return f'<td class="rag rag-{_text(rag)}">{_text(text or rag_word(rag))}</td>'


def _summary_table(headers: list[str], rows: list[list[str]], rags: list[str]) -> str:
    """A summary table whose count columns are headed in their RAG colour."""
    colours = ["", *rags, ""]
    head = "".join(
        f'<th class="rag rag-{_text(colour)}">{_text(h)}</th>' if colour else f"<th>{_text(h)}</th>"
        for h, colour in zip(headers, colours, strict=True)
    )
    body = []
    for index, row in enumerate(rows):
        total = ' class="total"' if index == len(rows) - 1 else ""
        cells = [f"<td>{_text(row[0])}</td>"]
        cells.extend(f'<td class="num">{_text(cell)}</td>' for cell in row[1:])
        body.append(f"<tr{total}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


COLUMN_SHARES = {
    "Ref": 8,
    "Action": 24,
    "Lead officer": 11,
    "Deadline": 7,
    "Due": 8,
    "Status": 8,
    "RAG": 7,
    "Progress": 6,
    "Latest update": 29,
    "Why": 27,
    "Revisions": 7,
    "Days": 6,
    "Each revision": 37,
}
"""Share of the page width (percent) of each column, so every table lines up."""


def _action_table(columns: tuple[str, ...], rows: list[tuple[str, list[str]]]) -> str:
    cols = "".join(f'<col style="width: {COLUMN_SHARES[c]}%">' for c in columns)
    head = "".join(f"<th>{_text(column)}</th>" for column in columns)
    body = []
    for rag, cells in rows:
        tds = [
            rag_cell(rag, cell) if index == RAG_COLUMN else f"<td>{_text(cell)}</td>"
            for index, cell in enumerate(cells)
        ]
        body.append(f"<tr>{''.join(tds)}</tr>")
    return (
        f'<table class="actions"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _chart(report: Report) -> str:
    """A stacked bar per theme, one segment per RAG, each labelled with its count."""
    themes = list(report.by_theme.items())
    legend_y = 16
    top = 34
    height = top + len(themes) * (_BAR_HEIGHT + 8) + 8
    width = _LABEL_WIDTH + _BAR_WIDTH + 70
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Actions by theme and RAG status">'
    ]
    x: float = _LABEL_WIDTH
    for rag in RAGS:
        fill, _ink = RAG_COLOURS[rag]
        out.append(f'<rect x="{x}" y="{legend_y - 11}" width="12" height="12" fill="{fill}"/>')
        out.append(f'<text x="{x + 16}" y="{legend_y}" font-size="12">{rag_word(rag)}</text>')
        x += 100
    for row, (theme, counts) in enumerate(themes):
        y = top + row * (_BAR_HEIGHT + 8)
        label = theme if len(theme) <= 28 else theme[:27] + "…"
        out.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + 15}" font-size="12" text-anchor="end">'
            f"<title>{_text(theme)}</title>{_text(label)}</text>"
        )
        x = float(_LABEL_WIDTH)
        total = counts.total or 1
        for rag in RAGS:
            count = counts.counts.get(rag, 0)
            if not count:
                continue
            fill, ink = RAG_COLOURS[rag]
            w = _BAR_WIDTH * count / total
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{_BAR_HEIGHT}" '
                f'fill="{fill}" stroke="#ffffff"><title>{_text(theme)}: {count} '
                f"{rag_word(rag)} ({counts.percent(rag)}%)</title></rect>"
            )
            if w >= 24:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 15}" font-size="11" fill="{ink}" '
                    f'text-anchor="middle">{count}</text>'
                )
            x += w
        out.append(
            f'<text x="{_LABEL_WIDTH + _BAR_WIDTH + 8}" y="{y + 15}" font-size="12">'
            f"{counts.total}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)
