"""Charts drawn on the server as SVG text: horizontal bars, each labelled with its name and its value.

No script and no style attribute (the Content-Security-Policy allows neither): colours and sizes are SVG
presentation attributes. A bar's value is written beside it, so the chart reads without colour; the
``<title>`` and ``<desc>`` name it for screen readers (``role="img"`` with ``aria-labelledby``), and
the page shows the table behind it under the chart. Objects in, text out.

Why not pygal (3.1.3, LGPL-3.0, kept up): its SVG carries its stylesheet in a ``<style>`` element and its
tooltips as scripts linked from its own site, which the portal's policy (no inline style, scripts from
the portal only) would block, and it is far more than the bars the page needs.
"""

from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

WIDTH = 640
LABEL_WIDTH = 230
BAR_HEIGHT = 22
GAP = 8
TOP = 8
VALUE_ROOM = 60
BAR_FILL = "#1d4f91"
EMPTY_FILL = "#6c757d"
TEXT_FILL = "#212529"
MAX_LABEL = 38


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…"


def bar_chart(*, key: str, title: str, rows: list[tuple[str, int]], unit: str = "") -> str:
    """An SVG of ``rows`` (label, value) as horizontal bars, with ``key`` making its ids unique on a page."""
    values = [max(int(value or 0), 0) for _label, value in rows]
    top = max(values, default=0) or 1
    height = TOP * 2 + max(len(rows), 1) * (BAR_HEIGHT + GAP)
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    title_id, desc_id = f"bieu-do-{key}-ten", f"bieu-do-{key}-mo-ta"
    summary = "; ".join(f"{label}: {value}{unit}" for (label, _v), value in zip(rows, values, strict=True))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="bieu-do" font-family="sans-serif" font-size="13">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(summary or "Không có số liệu.")}</desc>',
    ]
    if not rows:
        parts.append(f'<text x="0" y="{TOP + BAR_HEIGHT - 6}" fill="{TEXT_FILL}">Không có số liệu.</text>')
    for index, ((label, _value), value) in enumerate(zip(rows, values, strict=True)):
        y = TOP + index * (BAR_HEIGHT + GAP)
        length = round(room * value / top)
        baseline = y + BAR_HEIGHT - 6
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{baseline}" text-anchor="end" fill="{TEXT_FILL}">'
                     f'{escape(_short(label))}</text>')
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 1)}" height="{BAR_HEIGHT}" '
                     f'fill="{BAR_FILL if value else EMPTY_FILL}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + max(length, 1) + 6}" y="{baseline}" fill="{TEXT_FILL}" '
                     f'font-weight="bold">{value}{escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # nosec B308 B703: every text inside is escaped above


# Series of a stacked chart: a fill and a hatching each, so that neighbours differ without colour.
SERIES_FILLS = ("#1d4f91", "#b35c00", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c")
SERIES_HATCHES = ("", "M0,8 L8,0", "M0,0 L8,8", "M4,0 L4,8", "M0,4 L8,4", "M0,0 L8,8 M0,8 L8,0")
LEGEND_ROW = 22


def _pattern(pattern_id, index):
    fill = SERIES_FILLS[index % len(SERIES_FILLS)]
    hatch = SERIES_HATCHES[index % len(SERIES_HATCHES)]
    lines = f'<path d="{hatch}" stroke="#ffffff" stroke-width="2"/>' if hatch else ""
    return (f'<pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{fill}"/>{lines}</pattern>')


def stacked_bar_chart(*, key: str, title: str, series: list[str], rows: list[tuple[str, list[int]]]) -> str:
    """An SVG of ``rows`` (label, one value per series) as horizontal stacked bars, with a legend above.

    Each series has its own colour and hatching; a segment wide enough carries its value, every bar its
    total at its end, and ``<desc>`` spells out every value.
    """
    totals = [sum(max(int(v or 0), 0) for v in values) for _label, values in rows]
    top = max(totals, default=0) or 1
    legend_height = LEGEND_ROW * ((len(series) + 2) // 3)
    height = TOP * 2 + legend_height + max(len(rows), 1) * (BAR_HEIGHT + GAP)
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    title_id, desc_id = f"bieu-do-{key}-ten", f"bieu-do-{key}-mo-ta"
    summary = "; ".join(
        f"{label}: " + ", ".join(f"{name} {int(v or 0)}" for name, v in zip(series, values, strict=True))
        + f" (tổng {total})" for (label, values), total in zip(rows, totals, strict=True))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="bieu-do" font-family="sans-serif" font-size="13">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(summary or "Không có số liệu.")}</desc>',
        "<defs>" + "".join(_pattern(f"bieu-do-{key}-mau-{i}", i) for i in range(len(series))) + "</defs>",
    ]
    for index, name in enumerate(series):
        x, y = (index % 3) * (WIDTH // 3), TOP + (index // 3) * LEGEND_ROW
        parts.append(f'<rect x="{x}" y="{y}" width="16" height="16" fill="url(#bieu-do-{key}-mau-{index})"/>')
        parts.append(f'<text x="{x + 22}" y="{y + 13}" fill="{TEXT_FILL}">{escape(_short(name))}</text>')
    if not rows:
        parts.append(f'<text x="0" y="{TOP + legend_height + BAR_HEIGHT - 6}" fill="{TEXT_FILL}">'
                     "Không có số liệu.</text>")
    for row_index, ((label, values), total) in enumerate(zip(rows, totals, strict=True)):
        y = TOP + legend_height + row_index * (BAR_HEIGHT + GAP)
        baseline = y + BAR_HEIGHT - 6
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{baseline}" text-anchor="end" fill="{TEXT_FILL}">'
                     f'{escape(_short(label))}</text>')
        x = LABEL_WIDTH
        for index, value in enumerate(values):
            value = max(int(value or 0), 0)
            width = round(room * value / top)
            if not width:
                continue
            parts.append(f'<rect x="{x}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                         f'fill="url(#bieu-do-{key}-mau-{index})" stroke="#ffffff"/>')
            if width >= 24:
                parts.append(f'<rect x="{x + width / 2 - 11}" y="{y + 3}" width="22" height="{BAR_HEIGHT - 6}" '
                             f'fill="#ffffff"/>')
                parts.append(f'<text x="{x + width / 2}" y="{baseline}" text-anchor="middle" fill="{TEXT_FILL}">'
                             f'{value}</text>')
            x += width
        parts.append(f'<text x="{x + 6}" y="{baseline}" fill="{TEXT_FILL}" font-weight="bold">{total}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # nosec B308 B703: every text inside is escaped above


LINE_HEIGHT = 220
LINE_MARGIN = 40


def line_chart(*, key: str, title: str, rows: list[tuple[str, int]]) -> str:
    """An SVG of ``rows`` (label, value) as a line over evenly spaced labels (years), each point marked and
    labelled with its value."""
    values = [max(int(value or 0), 0) for _label, value in rows]
    top = max(values, default=0) or 1
    title_id, desc_id = f"bieu-do-{key}-ten", f"bieu-do-{key}-mo-ta"
    summary = "; ".join(f"{label}: {value}" for (label, _v), value in zip(rows, values, strict=True))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {LINE_HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="bieu-do" font-family="sans-serif" font-size="13">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(summary or "Không có số liệu.")}</desc>',
    ]
    bottom = LINE_HEIGHT - LINE_MARGIN
    parts.append(f'<line x1="{LINE_MARGIN}" y1="{bottom}" x2="{WIDTH - LINE_MARGIN}" y2="{bottom}" '
                 f'stroke="{TEXT_FILL}"/>')
    if not rows:
        parts.append(f'<text x="{LINE_MARGIN}" y="{bottom - 10}" fill="{TEXT_FILL}">Không có số liệu.</text>')
    step = (WIDTH - 2 * LINE_MARGIN) / max(len(rows) - 1, 1)
    points = []
    for index, ((label, _v), value) in enumerate(zip(rows, values, strict=True)):
        x = LINE_MARGIN + index * step if len(rows) > 1 else WIDTH / 2
        y = bottom - (bottom - LINE_MARGIN) * value / top
        points.append((round(x, 1), round(y, 1)))
        parts.append(f'<text x="{round(x, 1)}" y="{bottom + 20}" text-anchor="middle" fill="{TEXT_FILL}">'
                     f'{escape(_short(label))}</text>')
    if len(points) > 1:
        parts.append('<polyline fill="none" stroke="' + BAR_FILL + '" stroke-width="3" points="'
                     + " ".join(f"{x},{y}" for x, y in points) + '"/>')
    for (x, y), value in zip(points, values, strict=True):
        parts.append(f'<circle cx="{x}" cy="{y}" r="5" fill="{BAR_FILL}"/>')
        parts.append(f'<text x="{x}" y="{y - 10}" text-anchor="middle" fill="{TEXT_FILL}" font-weight="bold">'
                     f'{value}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # nosec B308 B703: every text inside is escaped above
