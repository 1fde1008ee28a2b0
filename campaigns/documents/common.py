"""The printed form of a plan, shared by the HTML/PDF and Word renderers.

``plan_document(plan)`` turns a plan into a flat, format-neutral description of the page
(header, paragraphs made of markup runs, recipients, signature). Both renderers walk the
same description, so the two files carry the same text with the same bold and italics.

Layout follows Nghị định 30/2020/NĐ-CP, Phụ lục I.
"""

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.safestring import mark_safe

from units import dates

from campaigns.markup import Run, parse, parse_inline, runs_to_html

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
NUMBER_GAP = "\u00a0" * 7  # where a draft's number will be written by hand
DRAFT_MARK = "DỰ THẢO"  # printed above the header of a document not yet issued, sent or signed

# Page (mm) and type sizes (pt), one table for both renderers.
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm
HEADER_LEFT = TEXT_WIDTH * 0.40  # issuing body, number
HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT  # national name, motto, place and date
SIGNING_LEFT = TEXT_WIDTH * 0.45  # recipients
SIGNING_RIGHT = TEXT_WIDTH - SIGNING_LEFT  # signature
FIRST_LINE_INDENT_CM = 1.27
BODY_PT = 14
LINE_HEIGHT = 1.25  # CSS line-height; Word gets the same distance as "at least" BODY_PT * LINE_HEIGHT
PARAGRAPH_GAP_PT = 6
HEADER_ISSUER_PT = 13
NATIONAL_NAME_PT = 12
MOTTO_PT = 13
NUMBER_PT = 13
PLACE_DATE_PT = 14
PAGE_NUMBER_PT = 13
RECIPIENTS_LABEL_PT = 12
RECIPIENTS_PT = 11
SIGNATURE_SPACE_MM = 28

FONT_FAMILY = "Liberation Serif"  # metric-compatible with Times New Roman, which Word files name
WORD_FONT = "Times New Roman"
FONT_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}


@dataclass(frozen=True)
class Paragraph:
    """One printed paragraph: its role ("body", "bullet", "heading-1" … "heading-4") and its runs."""

    style: str
    runs: tuple[Run, ...]

    @property
    def text(self):
        return "".join(run.text for run in self.runs)

    @property
    def html(self):
        return mark_safe(runs_to_html(self.runs))  # nosec B308 B703: runs_to_html escapes the text


class OfficialDocument:
    """What every printed document (a plan, a Tờ trình, a report) shares beyond its own fields: the
    fixed lines of the header and signing block, the lengths of the three short rules (in mm,
    measured on the font so PDF and Word agree) and a one-line summary. For a description with
    ``issuer_lines``, ``doc_type`` and a ``title`` paragraph."""

    national_name = NATIONAL_NAME
    motto = MOTTO
    recipients_label = RECIPIENTS_LABEL
    draft_mark = DRAFT_MARK

    @property
    def summary(self):
        """"KẾ HOẠCH Thực hiện phong trào …" on one line (document title in file metadata)."""
        return " ".join(f"{self.doc_type} {self.title.text}".split())

    @property
    def issuer_print_lines(self):
        """The issuing body's lines as printed: a line wider than the header's left column is broken where
        an official would break it, so PDF and Word wrap alike ("HỘI ĐỒNG THI ĐUA -" / "KHEN THƯỞNG")."""
        return [part for line in self.issuer_lines for part in fit_header_line(line)]

    @property
    def issuer_rule_mm(self):
        widest = max((text_width_mm(line, HEADER_ISSUER_PT, bold=True) for line in self.issuer_print_lines),
                     default=0)
        return round(min(widest, HEADER_LEFT) * 0.4, 1)

    @property
    def motto_rule_mm(self):
        return round(text_width_mm(self.motto, MOTTO_PT, bold=True), 1)

    @property
    def title_rule_mm(self):
        widest = max((text_width_mm(line, BODY_PT, bold=True) for line in self.title.text.split("\n")), default=0)
        return round(max(min(widest, TEXT_WIDTH) / 3, 25), 1)


@dataclass
class PlanDocument(OfficialDocument):
    """Everything printed on a plan, in reading order, without any format attached."""

    superior_lines: list[str]
    issuer_lines: list[str]
    number_line: str
    place_and_date: str
    doc_type: str
    title: Paragraph
    paragraphs: list[Paragraph]
    recipients: list[str] = field(default_factory=list)
    authority_lines: list[str] = field(default_factory=list)
    signer_name: str = ""
    # A draft prints "DỰ THẢO" above its header, and neither number nor date.
    draft: bool = False


def plan_document(plan) -> PlanDocument:
    """The printed form of ``plan``; reads its sections with one query (none if prefetched).

    A draft (not yet issued) is marked "DỰ THẢO" and leaves number and date blank, whatever the
    drafter typed in them: they are fixed when it is issued.
    """
    draft = is_draft(plan)
    return PlanDocument(
        superior_lines=_upper_lines(plan.superior_body),
        issuer_lines=_upper_lines(plan.issuer_name),
        number_line=blank_number_line(plan.symbol) if draft else number_line(plan),
        place_and_date=f"{plan.place}, {dates.blank(plan.issue_year)}" if draft else plan.place_and_date,
        doc_type=plan.doc_type.strip().upper(),
        title=Paragraph("title", tuple(_styled(parse_inline(_clean_lines(plan.title)), bold=True))),
        paragraphs=body_paragraphs(plan),
        recipients=[line.strip() for line in (plan.recipients or "").splitlines() if line.strip()],
        authority_lines=authority_lines(plan),
        signer_name=plan.signer_name.strip(),
        draft=draft,
    )


def is_draft(plan) -> bool:
    """A plan is a draft until it is issued (campaigns.workflow: DRAFT → ISSUED)."""
    return plan.status == plan.Status.DRAFT


def number_line(plan):
    """"Số: 188/KH-UBND"; a draft keeps a visible gap where the number will be written."""
    if plan.number:
        return plan.number_label
    return blank_number_line(plan.symbol)


def blank_number_line(symbol):
    """"Số:       /TTr-UBND": the gap (non-breaking spaces) is where the number will be written."""
    return f"Số:{NUMBER_GAP}/{symbol}"


def authority_lines(plan):
    """The capacity lines above the signature: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", "TM. …" / "CHỦ TỊCH"."""
    lines = []
    first = " ".join(part for part in (plan.sign_prefix, plan.sign_on_behalf.strip()) if part)
    if first:
        lines.append(first.upper())
    if plan.signer_title.strip():
        lines.append(plan.signer_title.strip().upper())
    return lines


def body_paragraphs(plan):
    """Preamble, numbered sections and closing as one list of paragraphs."""
    paragraphs = [_block_paragraph(block) for block in parse(plan.preamble)]
    for section in plan.sections.all():
        paragraphs.extend(section_paragraphs(section))
    paragraphs.extend(_block_paragraph(block) for block in parse(plan.closing))
    return paragraphs


# Level → (bold, italic): "I. MỤC ĐÍCH" and "1. Mục đích" bold; "2.1. …"/level 3 bold italic; deeper italic.
HEADING_STYLE = {1: (True, False), 2: (True, False), 3: (True, True), 4: (False, True)}


def section_paragraphs(section):
    """A section's heading (number in front) and body; a number without heading opens the body."""
    level = max(1, min(section.level or 1, 4))
    number = section.number.strip()
    heading = " ".join(section.heading.split())
    blocks = parse(section.body)
    out = []
    if heading:
        bold, italic = HEADING_STYLE[level]
        runs = ([Run(number + " ")] if number else []) + parse_inline(heading)
        out.append(Paragraph(f"heading-{level}", tuple(_styled(runs, bold=bold, italic=italic))))
    elif number:
        if blocks and blocks[0].kind == "paragraph":
            first = blocks.pop(0)
            out.append(Paragraph("body", tuple(_merge([Run(number + " ")] + list(first.runs)))))
        else:
            bold, italic = HEADING_STYLE[level]
            out.append(Paragraph(f"heading-{level}", (Run(number, bold, italic),)))
    out.extend(_block_paragraph(block) for block in blocks)
    return out


def _block_paragraph(block):
    if block.kind == "bullet":
        return Paragraph("bullet", tuple(_merge([Run("- ")] + list(block.runs))))
    return Paragraph("body", tuple(block.runs))


def _styled(runs, *, bold=False, italic=False):
    """Runs with bold/italic added on top of their own emphasis."""
    return _merge([Run(run.text, run.bold or bold, run.italic or italic) for run in runs])


def _merge(runs):
    out = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            out.append(run)
    return out


def _clean_lines(text):
    return "\n".join(" ".join(line.split()) for line in (text or "").strip().splitlines() if line.strip())


def _upper_lines(text):
    return [line.upper() for line in _clean_lines(text.replace("*", "")).split("\n") if line]


# Fonts ---------------------------------------------------------------------------------------

def fonts_dir() -> Path:
    """The folder of the shipped Liberation Serif files (static/fonts)."""
    for root in settings.STATICFILES_DIRS:
        root = Path(root[1] if isinstance(root, tuple) else root)
        if (root / "fonts" / FONT_FILES[False, False]).exists():
            return root / "fonts"
    return Path(settings.BASE_DIR) / "static" / "fonts"


@functools.cache
def _advances(bold):
    from fontTools.ttLib import TTFont

    font = TTFont(fonts_dir() / FONT_FILES[bold, False], lazy=True)
    cmap, metrics, units = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    return {code: metrics[name][0] / units for code, name in cmap.items()}


# Where an official breaks a body's name that does not fit on one line: after a dash ("HỘI ĐỒNG THI ĐUA -" /
# "KHEN THƯỞNG"), or before the word that starts a place or a body ("VĂN PHÒNG" / "ỦY BAN NHÂN DÂN TỈNH …");
# never inside a set phrase, nor between a place word and the name after it ("TỈNH" / "BẮC GIANG").
BREAK_BEFORE = frozenset({"TỈNH", "THÀNH", "HUYỆN", "QUẬN", "THỊ", "XÃ", "PHƯỜNG", "ĐẶC", "ỦY", "HỘI", "SỞ", "BỘ"})
PLACE_WORDS = frozenset({"TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG", "PHỐ", "TRẤN", "KHU"})
SET_PHRASES = tuple(phrase.split() for phrase in (
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "THI ĐUA", "KHEN THƯỞNG", "GIÁO DỤC", "ĐÀO TẠO", "TRUNG ƯƠNG",
    "VĂN PHÒNG", "TRUNG HỌC CƠ SỞ", "TRUNG HỌC PHỔ THÔNG", "TIỂU HỌC", "MẦM NON", "THÀNH PHỐ", "THỊ TRẤN",
    "THỊ XÃ", "ĐẶC KHU", "NỘI VỤ", "CÔNG AN", "QUÂN SỰ", "Y TẾ", "TÀI CHÍNH", "ĐẠI HỌC"))


def fit_header_line(line, width_mm=HEADER_LEFT, size_pt=HEADER_ISSUER_PT) -> list[str]:
    """``line`` broken into lines that fit ``width_mm`` in bold, at the places an official would break
    it: few lines, good breaks, no set phrase split, no word alone on the last line when it can be
    helped. A word wider than the column stays whole."""
    words = line.split()
    if len(words) < 2 or text_width_mm(line, size_pt, bold=True) <= width_mm:
        return [line]
    inside = {start + k for start in range(len(words)) for phrase in SET_PHRASES
              if words[start:start + len(phrase)] == phrase for k in range(1, len(phrase))}

    def fits(i, j):
        return j == i + 1 or text_width_mm(" ".join(words[i:j]), size_pt, bold=True) <= width_mm

    def cost(j):
        """The cost of breaking before words[j]: a line costs 3, a good break earns 2, a bad one costs 4."""
        if j in inside or words[j - 1] in PLACE_WORDS:
            return 3 + 4
        return 3 - (2 if words[j - 1] in ("-", "–") or words[j] in BREAK_BEFORE else 0)

    @functools.cache
    def best(i):
        """(cost, cuts) of the best layout of words[i:]."""
        if fits(i, len(words)):
            return (2 if len(words) - i == 1 else 0, (len(words),))
        options = []
        for j in range(i + 1, len(words)):
            if not fits(i, j):
                break
            rest, cuts = best(j)
            options.append((rest + cost(j), (j, *cuts)))
        return min(options)

    lines, start = [], 0
    for cut in best(0)[1]:
        lines.append(" ".join(words[start:cut]))
        start = cut
    return lines


def text_width_mm(text, size_pt, *, bold=False):
    """Width of one line of upright text set in Liberation Serif (= Times New Roman metrics)."""
    advances = _advances(bold)
    em = sum(advances.get(ord(char), 0.5) for char in unicodedata.normalize("NFC", text))
    return em * size_pt * 25.4 / 72
