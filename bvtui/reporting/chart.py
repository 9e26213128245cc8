"""The chart of RAG by theme as a PNG, for the Word and PDF reports.

The html report draws the same chart as inline SVG; Word and PDF take a picture, drawn
here with Pillow (which fpdf2 brings). One stacked bar per theme, one segment per RAG
labelled with its count, the theme's total at the end, and a legend naming each
colour in words, so the chart reads in black and white. Pillow writes no timestamp
into a PNG, so the same report gives the same bytes.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from bvtui.model import RAGS, one_line
from bvtui.reporting.html import RAG_COLOURS
from bvtui.reporting.pack import Report, rag_word

MM_PER_POINT = 25.4 / 72

SCALE = 2
"""Pixels per point of the drawing: twice over, so the picture prints sharp."""

_LABEL = 190
_BAR = 560
_ROW = 30
_TOP = 34
_FONT_SIZE = 12
_LABEL_CHARS = 28


def chart_png(report: Report) -> tuple[bytes, tuple[int, int]]:
    """The chart as PNG bytes and its size in points (width, height)."""
    themes = list(report.by_theme.items())
    width, height = _LABEL + _BAR + 50, _TOP + len(themes) * _ROW + 8
    image = Image.new("RGB", (width * SCALE, height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=_FONT_SIZE * SCALE)
    x = _LABEL
    for rag in RAGS:
        _box(draw, x, 6, 12, 12, RAG_COLOURS[rag][0])
        draw.text(((x + 16) * SCALE, 5 * SCALE), rag_word(rag), fill="black", font=font)
        x += 100
    for row, (theme, counts) in enumerate(themes):
        y = _TOP + row * _ROW
        label = _label(theme)
        draw.text(
            ((_LABEL - 8) * SCALE, (y + 11) * SCALE), label, fill="black", font=font, anchor="rm"
        )
        left, total = float(_LABEL), counts.total or 1
        for rag in RAGS:
            count = counts.counts.get(rag, 0)
            if not count:
                continue
            fill, ink = RAG_COLOURS[rag]
            w = _BAR * count / total
            _box(draw, left, y, w, 22, fill)
            if w >= 24:
                centre = ((left + w / 2) * SCALE, (y + 11) * SCALE)
                draw.text(centre, str(count), fill=ink, font=font, anchor="mm")
            left += w
        end = ((_LABEL + _BAR + 8) * SCALE, (y + 11) * SCALE)
        draw.text(end, str(counts.total), fill="black", font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue(), (width, height)


def chart_words(report: Report) -> str:
    """The chart in words, for a picture's alternative text (screen readers, search):
    ``Actions by theme and RAG status. Property: 2 Red, 1 Grey (3 actions). ...``."""
    themes = []
    for theme, counts in report.by_theme.items():
        shares = [f"{counts.counts[rag]} {rag_word(rag)}" for rag in RAGS if counts.counts.get(rag)]
        themes.append(f"{theme}: {', '.join(shares)} ({counts.total} actions).")
    return " ".join(["Actions by theme and RAG status.", *themes])


def fit_mm(size: tuple[int, int], width_mm: float, height_mm: float) -> tuple[float, float]:
    """The chart's size in millimetres, at most its own and within ``width_mm`` x
    ``height_mm`` (a page's text area), keeping its proportions."""
    width, height = (points * MM_PER_POINT for points in size)
    scale = min(1.0, width_mm / width, height_mm / height)
    return width * scale, height * scale


def _label(theme: str) -> str:
    """A theme's name on one line, cut to fit the space left of the bars."""
    text = one_line(theme)
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def _box(draw: ImageDraw.ImageDraw, x: float, y: float, w: float, h: float, fill: str) -> None:
    """A filled rectangle in points, with a white edge between segments."""
    box = (x * SCALE, y * SCALE, (x + w) * SCALE - 1, (y + h) * SCALE - 1)
    draw.rectangle(box, fill=fill, outline="white", width=SCALE)
