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
