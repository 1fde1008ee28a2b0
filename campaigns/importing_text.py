"""Plain text as a copy of a document carries it, back to the paragraphs its author wrote.

Copies of one plan differ: Unicode form, invisible characters, odd spaces and bullet marks, page
numbers and lines broken at the page's width when copied from a printed PDF. ``split_paragraphs``
undoes those before the parser (campaigns.importing) reads the layout.
"""

import re
import unicodedata
from bisect import bisect

from campaigns.importing_report import ImportReport

# A line's last character that ends a sentence or a clause.
FINAL = ".;:!?…"

# Invisible characters a copy carries (BOM, zero-width spaces and joiners, soft hyphens) and the
# spaces that are not " " (no-break, thin, ideographic …).
_INVISIBLE = re.compile("[\ufeff\u200b-\u200d\u2060\u00ad]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# A bullet written with another mark than "- " ("– ", "— ", "* ", "· ", "▪ "); "+ " and "• " are the markup's own.
_OTHER_BULLET = re.compile(r"^(\s*)[–—*·▪●◦‣⁃\uf0b7\uf0a7](?=[ \t])", re.MULTILINE)
# A page number alone on its line, as a printed PDF copies it: "- 3 -", "Trang 4", "Trang 4/9"; a bare
# " 2 " only in a rising run from page 2 on (Decree 30 numbers pages from the second), each some lines
# below the last, so the "1", "2" of a table's first column stay.
_PAGE_NUMBER = re.compile(r"^[ \t]*(?:-[ \t]*\d{1,3}[ \t]*-|[Tt]rang[ \t]+\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?)[ \t]*$")
_BARE_NUMBER = re.compile(r"^[ \t]*(\d{1,3})[ \t]*$")


def split_paragraphs(text: str, report: ImportReport | None = None) -> list[str]:
    """Paragraphs separated by blank lines (by line breaks when the text has no blank line at all).

    What differs between copies of one document is undone first: Unicode form, invisible
    characters, odd spaces, the Icelandic "Ð" old Vietnamese fonts typed for "Đ", bullet marks,
    page numbers, and lines broken at a fixed width; ``report`` is told of the last two."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text or "")).replace("Ð", "Đ")  # Eth of old fonts
    text = _OTHER_BULLET.sub(r"\1-", _SPACES.sub(" ", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n\n")
    text = text.replace("\u2028", "\n").replace("\x85", "\n").replace("\u2029", "\n\n")  # Unicode's own
    typed = text.split("\n")
    lines = _without_page_numbers([line.rstrip() for line in typed if not _PAGE_NUMBER.match(line)])
    if any(not line.strip() for line in "\n".join(lines).strip().split("\n")):
        width = _wrap_width(lines)
        chunks = [_rejoin_wrapped(chunk, width) for chunk in re.split(r"\n\s*\n", "\n".join(lines))]
    else:  # Word's "Plain text" export: one paragraph a line
        chunks = _rejoin_wrapped("\n".join(_bold_per_line(lines)), _wrap_width(lines, dense=True), dense=True)
        chunks = chunks.split("\n")
    if report is not None and len(lines) < len(typed):
        report.notes.append(f"Đã bỏ {len(typed) - len(lines)} dòng chỉ có số trang (văn bản chép từ bản in).")
    joined = sum(line.strip() != "" for line in lines) - sum(c.count("\n") + 1 for c in chunks if c.strip())
    if report is not None and joined > 0:
        report.notes.append(f"Đã nối {joined} dòng bị ngắt ở bề rộng trang (văn bản chép từ bản in) — cần kiểm tra "
                            "các đoạn.")
    return [chunk.strip("\n") for chunk in chunks if chunk.strip()]


def _without_page_numbers(lines):
    bare = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := _BARE_NUMBER.match(line))]
    text_lines = [i for i, line in enumerate(lines) if line.strip() and not _BARE_NUMBER.match(line)]
    pages = bare and bare[0][1] >= 2 and all(
        b[1] > a[1] and bisect(text_lines, b[0]) - bisect(text_lines, a[0]) >= 4 for a, b in zip(bare, bare[1:]))
    drop = {i for i, _ in bare} if pages else set()
    return [line for i, line in enumerate(lines) if i not in drop]


def _bold_per_line(lines):
    """Each line its own paragraph: bold that ran over several lines ("**TM. ỦY BAN NHÂN DÂN" /
    "CHỦ TỊCH**") is closed at the end of each line and opened again on the next."""
    out, bold = [], False
    for line in lines:
        odd = line.count("**") % 2 == 1
        if bold and line.strip():
            line = "**" + line.lstrip()
        if bold != odd and line.strip():
            line = line.rstrip() + "**"
        bold = bold != odd
        out.append(line)
    return out


def _wrap_width(lines, dense=False):
    """The width a copy's lines were broken at (text copied from a PDF): nearly all lines fit in it,
    and full lines run on to the next — mid-sentence, when no blank line shows where paragraphs end.
    0 when the lines are the author's own."""
    lengths = sorted(len(line) for line in lines if line.strip())
    width = lengths[int(0.95 * (len(lengths) - 1))] if lengths else 0
    full = [line.strip() for line, after in zip(lines, lines[1:]) if len(line) >= 0.85 * width and after.strip()]
    if dense:  # a paragraph's own last line ends a sentence; most of a broken paragraph's lines do not
        cut = [line for line in full if line[-1] not in FINAL]
        return width if width >= 50 and len(cut) >= 2 and 2 * len(cut) >= len(full) else 0
    return width if width >= 50 and full else 0


_OPENERS = ("Căn cứ ", "Thực hiện ", "Triển khai ", "Trên đây ", "Nơi nhận", "Trong quá trình ")


def _rejoin_wrapped(chunk, width, dense=False):
    """A paragraph broken into lines at ``width`` is one line again; a line that ends short of the
    width (a header's, a list's) keeps its break, so does a line before a bullet or a number."""
    lines = chunk.split("\n")
    if not width:
        return chunk
    out = [lines[0]]
    for line in lines[1:]:
        previous, start = out[-1].strip(), line.strip()
        word = start.split(" ", 1)[0] if start else ""
        broken = len(previous) + 1 + len(word) > 0.85 * width or (start[:1].islower() and len(previous) > 0.6 * width)
        # A line opening with "- " or "2." starts an item, unless the line above stops mid-phrase ("năm học 2021").
        item = re.match(r"[-+•]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[IVX]{1,5}\.\s", start)
        if dense and previous and (previous[-1] in FINAL or item or start.startswith(_OPENERS)):
            # Without blank lines, a line ending a sentence may end its paragraph, and the title
            # (no full stop) ends where "Căn cứ …" begins.
            broken = False
        if broken and previous and start and (not item or previous[-1].isalnum()) and "\t" not in out[-1] + line:
            out[-1] = out[-1].rstrip() + " " + start
        else:
            out.append(line)
    return "\n".join(out)
