"""The markup of plan bodies, one parser for the HTML, PDF and Word renderers.

A deliberately small subset of Markdown, safe by construction (text is never HTML):
- paragraphs are separated by a blank line; single line breaks inside a paragraph are kept
  as line breaks;
- a line starting with "- " (or "+ ", "• ") is a bullet item; consecutive items form a list;
- ``**bold**`` and ``*italic*`` inline, nestable (``***both***``).

Renderers walk the blocks: ``parse(text) -> list[Block]``; each block is a paragraph or a
bullet item made of runs of text with bold/italic flags.
"""

import html
import re
from dataclasses import dataclass, field

_BULLET = re.compile(r"^\s*[-+•]\s+")
_INLINE = re.compile(r"(\*\*\*|\*\*|\*)")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    kind: str  # "paragraph" or "bullet"
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self):
        return "".join(run.text for run in self.runs)


def parse(text: str) -> list[Block]:
    """Split ``text`` into paragraphs and bullet items with their inline runs."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        paragraph = []
        for line in lines:
            if _BULLET.match(line):
                if paragraph:
                    blocks.append(Block("paragraph", parse_inline("\n".join(paragraph))))
                    paragraph = []
                blocks.append(Block("bullet", parse_inline(_BULLET.sub("", line, count=1))))
            elif blocks and blocks[-1].kind == "bullet" and not paragraph and line.startswith("  "):
                # An indented line continues the bullet above it.
                blocks[-1].runs.extend(parse_inline(" " + line.strip()))
            else:
                paragraph.append(line.strip())
        if paragraph:
            blocks.append(Block("paragraph", parse_inline("\n".join(paragraph))))
    return blocks


def parse_inline(text: str) -> list[Run]:
    """Runs of ``text`` with the bold/italic state toggled by ``*`` markers.

    An unmatched marker is kept as a literal asterisk, so stray stars in imported text
    survive instead of swallowing the rest of the paragraph.
    """
    tokens = _INLINE.split(text)
    markers = [t for t in tokens if t in ("*", "**", "***")]
    balanced = _balanced(markers)
    runs, bold, italic, index = [], False, False, 0
    for token in tokens:
        if token in ("*", "**", "***"):
            ok = balanced[index]
            index += 1
            if ok:
                if token in ("**", "***"):
                    bold = not bold
                if token in ("*", "***"):
                    italic = not italic
                continue
        if token:
            if runs and runs[-1].bold == bold and runs[-1].italic == italic:
                runs[-1] = Run(runs[-1].text + token, bold, italic)
            else:
                runs.append(Run(token, bold, italic))
    return runs


def _balanced(markers):
    """Which markers open or close a span: each kind must come in pairs."""
    flags = [False] * len(markers)
    open_at = {}
    for i, marker in enumerate(markers):
        if marker in open_at:
            flags[open_at.pop(marker)] = flags[i] = True
        else:
            open_at[marker] = i
    return flags


def to_html(text: str) -> str:
    """The body as HTML: <p> and <ul><li>, text escaped, <strong>/<em> for the runs."""
    out, in_list = [], False
    for block in parse(text):
        if block.kind == "bullet" and not in_list:
            out.append('<ul class="dash">')
            in_list = True
        elif block.kind != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        inner = runs_to_html(block.runs)
        out.append(f"<li>{inner}</li>" if block.kind == "bullet" else f"<p>{inner}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def runs_to_html(runs) -> str:
    parts = []
    for run in runs:
        piece = html.escape(run.text).replace("\n", "<br>")
        if run.italic:
            piece = f"<em>{piece}</em>"
        if run.bold:
            piece = f"<strong>{piece}</strong>"
        parts.append(piece)
    return "".join(parts)


def plain(text: str) -> str:
    """The body without markers, one block per line (for search, comparison and tests)."""
    return "\n".join(("- " if b.kind == "bullet" else "") + b.text for b in parse(text))
