"""Reading a plan written in Word or plain text back into the parts of a Plan (pure, no database).

The text is in the body markup of ``campaigns.markup`` (paragraphs separated by a blank line,
"- " bullets, ``**bold**``, ``*italic*``); ``read_docx`` turns a .docx into it. The parser
walks the Decree 30/2020 layout (domain.md §3): issuer and motto, "Số: …/KH-UBND", place and
date, type and title; then the body — preamble up to the first heading, numbered sections
(I. / 1. / 2.1. / a)), the closing paragraph — then "Nơi nhận:" and the signature.

Nothing is dropped: a paragraph the parser cannot place goes into the nearest part (the
preamble, or the section above it) and the report says so. The motto, separator rules and
"(Đã ký)" marks are the only text left out, because the printed form draws them itself, with
the page numbers of a copy taken from a printed page, which the report counts.
"""

import re
from dataclasses import dataclass, field

from units.text import fold

from campaigns.importing_docx import read_docx
from campaigns.importing_report import ImportReport, describe
from campaigns.importing_rules import (
    ParsedAwardTier,
    ParsedDossierRequirement,
    ParsedMilestone,
    ParsedReference,
    find_award_tiers,
    find_dossier,
    find_kind,
    find_milestones,
    find_period,
    find_references,
    find_theme,
    plain,
)
from campaigns.importing_text import FINAL, split_paragraphs
from campaigns.markup import parse_inline

__all__ = ["ImportReport", "ParsedPlan", "ParsedSection", "guess_issue_year", "parse_plan_text",
           "read_docx", "ParsedAwardTier",
           "ParsedDossierRequirement", "ParsedMilestone", "ParsedReference"]


@dataclass
class ParsedSection:
    level: int
    number: str
    heading: str
    body: str = ""
    kind: str = "other"
    parent: int | None = None  # index of the enclosing section
    style: str = ""  # numbering style: roman, arabic, multi, letter, upper


@dataclass
class ParsedPlan:
    superior_body: str = ""
    issuer_name: str = ""
    number: int | None = None
    symbol: str = ""
    place: str = ""
    issue_year: int | None = None
    issue_month: int | None = None
    issue_day: int | None = None
    doc_type: str = ""
    title: str = ""
    preamble: str = ""
    theme: str = ""
    closing: str = ""
    references: list[ParsedReference] = field(default_factory=list)
    sections: list[ParsedSection] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    sign_prefix: str = ""
    sign_on_behalf: str = ""
    signer_title: str = ""
    signer_name: str = ""
    period_start: object = None
    period_end: object = None
    period_from_issue: bool = False  # "từ ngày ban hành …": starts on the (future) issue date
    kind: str = ""  # "regular" or "thematic" (Plan.Kind), "" when the text does not say
    kind_reason: str = ""  # the words that said it
    dossier_deadline: object = None
    dossier_place: str = ""
    award_tiers: list[ParsedAwardTier] = field(default_factory=list)
    dossier_requirements: list[ParsedDossierRequirement] = field(default_factory=list)
    milestones: list[ParsedMilestone] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)


DOC_TYPES = ("KẾ HOẠCH", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "PHƯƠNG ÁN", "ĐỀ ÁN", "THÔNG BÁO", "QUYẾT ĐỊNH", "BÁO CÁO",
             "CHỈ THỊ", "NGHỊ QUYẾT", "TỜ TRÌNH")
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_RULE_LINE = re.compile(r"[-_=.–—*\s]{3,}")
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<number>\d*)\s*[/\-]\s*(?P<symbol>\S+)")
_BLANK = r"[\s.…_]*"
_PLACE_DATE = re.compile(rf"^(?P<place>[^,\d]{{2,80}}),\s*ngày{_BLANK}(?P<day>\d{{1,2}})?{_BLANK}tháng{_BLANK}"
                         rf"(?P<month>\d{{1,2}})?{_BLANK}năm{_BLANK}(?P<year>\d{{4}})?")
_ROMAN = re.compile(r"^(?P<number>[IVX]{1,5}\.)\s*(?P<rest>\S.*)$")
_MULTI = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})+\.?)\s+(?P<rest>\S.*)$")
_ARABIC = re.compile(r"^(?P<number>\d{1,2}[.)])\s+(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?P<number>[a-zđ]\))\s+(?P<rest>\S.*)$")
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_SIGN_PREFIX = re.compile(r"^(?P<prefix>TM|KT|TL|TUQ|Q)\s*\.\s*(?P<rest>.*)$")
_SIGNED_MARK = re.compile(r"^[(\[]?\s*(?:đã ký|ký,? (?:ghi rõ họ tên|đóng dấu)[^)\]]*|daky)\s*[)\]]?$", re.I)
# Heading words → section kind, in no order: the word written first in a heading wins.
_KIND_WORDS = [
    ("to chuc thuc hien", "assignments"), ("ho so", "dossier"), ("thoi han", "dossier"), ("hinh thuc", "awards"),
    ("khen thuong", "awards"), ("tieu chi", "criteria"), ("doi tuong", "participants"), ("thoi gian", "period"),
    ("noi dung", "content"), ("muc tieu", "targets"), ("chi tieu", "targets"), ("muc dich", "purpose"),
    ("chu de", "theme"),
]
_LEVELS = {"roman": 1, "upper": 1, "arabic": 2}
HEADING_MAX_WORDS = 14


def parse_plan_text(text: str) -> ParsedPlan:
    """The parts of the plan written in ``text`` (markup as in campaigns.markup), with a report."""
    plan = ParsedPlan()
    report = plan.report
    paragraphs = _join_page_breaks(split_paragraphs(text, report), report)
    start, unplaced_header = _parse_header(paragraphs, plan)
    end = next((i for i in range(start, len(paragraphs)) if _RECIPIENTS.match(plain(paragraphs[i]))), None)
    body, signing = paragraphs[start:end], (paragraphs[end:] if end is not None else [])
    if body and _is_closing(body[-1]):
        plan.closing = body.pop()
    elif end is None:
        # No "Nơi nhận:": a closing "…/." a few paragraphs from the end is followed by the signature.
        i = next((j for j in range(len(body) - 1, max(len(body) - 5, 0) - 1, -1)
                  if plain(body[j]).endswith("/.") and _is_closing(body[j])), None)
        if i is not None:
            plan.closing, signing, body = body[i], body[i + 1:], body[:i]
    preamble = _parse_body(body, plan)
    plan.preamble = "\n\n".join(unplaced_header + preamble)
    if signing:
        _parse_signing(signing, plan)
    _find_rules(plan, preamble)
    describe(plan)
    return plan


def _join_page_breaks(paragraphs, report):
    """A paragraph cut by a page break ("…chất lượng," / "hiệu quả …") is one paragraph again."""
    out = []
    for paragraph in paragraphs:
        text = plain(paragraph)
        if out and text[:1].islower() and not _LETTER.match(text) and not paragraph.lstrip().startswith(("-", "+")):
            previous = plain(out[-1])
            if previous and previous[-1] not in FINAL and not _heading_parts(out[-1]) and len(previous) > 40:
                report.notes.append(f"Đã nối hai đoạn bị ngắt trang: «…{previous[-30:]}» + «{text[:30]}…».")
                out[-1] = out[-1].rstrip() + " " + paragraph.lstrip()
                continue
        out.append(paragraph)
    return out


# Header --------------------------------------------------------------------------------------

def _lines(paragraph):
    """(text, bold) of each line of a paragraph; bold when all its letters are bold."""
    lines, current, bold = [], "", True
    for run in parse_inline(paragraph):
        parts = run.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append((current, bold and bool(current.strip())))
                current, bold = "", True
            current += part
            if part.strip() and not run.bold:
                bold = False
    lines.append((current, bold and bool(current.strip())))
    # Tabs and wide gaps are kept: a header table flattened to text separates its columns by them.
    return [(t.strip(), b) for t, b in lines if t.strip()]


def _columns(line):
    """The columns of a header line flattened from a table: split at tabs and at wide gaps, but
    not at the blanks a draft leaves in "ngày    tháng 6" or "Số:      /KH-UBND"."""
    columns = []
    for part in line.split("\t"):
        pieces = re.split(r" {3,}", part)
        columns.append(pieces[0])
        for piece in pieces[1:]:
            if re.search(r"(?:ngày|tháng|năm|Số:?)$", columns[-1]) or re.match(r"(?:ngày|tháng|năm|/)", piece):
                columns[-1] += " " + piece
            else:
                columns.append(piece)
    return columns


def _is_motto(text):
    key = re.sub("[–—‒−]", "-", fold(text))
    key = re.sub(r"\s*-\s*", " - ", key)
    return any(m in key for m in _MOTTO)


# The first line of a document's own header: its issuer (a body named by its kind), the motto or "Số: …".
_ISSUER_WORDS = re.compile(
    r"^(?:uy ban|ubnd|hoi dong|van phong|so |bo |ban |phong |truong |dang |tinh uy|huyen uy|thanh uy|"
    r"chinh phu|thu tuong|quoc hoi|toa an|vien |cuc |tong cuc|hoc vien|dai hoc|trung tam|mat tran|"
    r"lien doan|hoi |doan |cong an|bo chi huy|ngan hang|kiem toan|thanh tra|chi cuc|benh vien|cong doan|"
    r"kho bac|tong cong ty|cong ty|tap doan)")


def _opens_document(segment):
    if _is_motto(segment) or _NUMBER.match(segment):
        return True
    return segment.isupper() and bool(_ISSUER_WORDS.match(fold(segment)))


def _parse_header(paragraphs, plan):
    """Fill the header fields; return the index of the first body paragraph and the header lines
    it could not place (they open the preamble)."""
    report = plan.report
    window = paragraphs[:40]  # text copied from a web page opens with the site's own lines
    marks = [i for i, p in enumerate(window) if _NUMBER.match(plain(p)) or _PLACE_DATE.match(plain(p))
             or _is_motto(plain(p))]
    type_at = next((i for i, p in enumerate(window) if plain(p.split("\n")[0]).upper() in DOC_TYPES
                    and plain(p.split("\n")[0]).isupper()), None)
    if type_at is None and marks:  # a copy that lost the capitals: "Kế hoạch" alone on its line, below "Số:"
        type_at = next((i for i, p in enumerate(window) if i > marks[0] and "\n" not in p.strip()
                        and plain(p).upper() in DOC_TYPES), None)
    if type_at is None:
        head_end = (max(marks) + 1) if marks else 0
    else:
        head_end = type_at
    issuer, superior, unknown, seen_number, motto = [], [], [], False, False
    segments = [(" ".join(segment.split()), bold) for paragraph in paragraphs[:head_end]
                for line, bold in _lines(paragraph) for segment in _columns(line)]
    segments = [(s, b) for s, b in segments if s and not _RULE_LINE.fullmatch(s)]
    start = next((i for i, (s, _) in enumerate(segments) if _opens_document(s)), 0)
    # A body this list does not know ("CÔNG ĐOÀN GIÁO DỤC …") still sits in capitals right above.
    for _ in range(3):
        if start and segments[start - 1][0].isupper() and not _is_motto(segments[start - 1][0]):
            start -= 1
    before, segments = [s for s, _ in segments[:start]], segments[start:]
    if before:
        report.notes.append("Các dòng trước phần đầu của văn bản (tên trang web, thông tin văn bản …) không nhận "
                            f"ra — đã đưa vào phần mở đầu (cần kiểm tra): {' / '.join(before)[:300]}")
    for segment, bold in segments:
        if _is_motto(segment):
            motto = True
        elif match := _NUMBER.match(segment):
            seen_number = True
            plan.number = int(match.group("number")) if match.group("number") else None
            plan.symbol = match.group("symbol").rstrip(".,;")
        elif match := _PLACE_DATE.match(segment):
            plan.place = match.group("place").strip()
            plan.issue_day, plan.issue_month, plan.issue_year = (
                int(v) if v else None for v in match.group("day", "month", "year"))
        elif seen_number:
            unknown.append(segment)
        else:
            issuer.append((segment, bold))
    if issuer and any(b for _, b in issuer) and not issuer[0][1]:
        # "UBND HUYỆN HẠ HÒA" (not bold) above "PHÒNG NỘI VỤ" (bold): the first is the superior body.
        first_bold = next(i for i, (_, b) in enumerate(issuer) if b)
        superior, issuer = issuer[:first_bold], issuer[first_bold:]
    elif len(issuer) > 1 and _ISSUER_WORDS.match(fold(issuer[-1][0])) and not any(b for _, b in issuer):
        # "ỦY BAN NHÂN DÂN HUYỆN CẨM KHÊ" above "ỦY BAN NHÂN DÂN XÃ VĂN KHÚC" in plain text: the last line
        # names a body by its kind on its own, so the lines above it are its superior ("ỦY BAN NHÂN DÂN" /
        # "TỈNH LẠNG SƠN" is one name on two lines: its second line names no body).
        superior, issuer = issuer[:-1], issuer[-1:]
    plan.superior_body = "\n".join(t for t, _ in superior)
    plan.issuer_name = "\n".join(t for t, _ in issuer)
    if motto:
        report.notes.append("Đã nhận ra Quốc hiệu, Tiêu ngữ (mẫu in tự có, không lưu).")
    unplaced = (["\n".join(before)] if before else []) + (["\n".join(unknown)] if unknown else [])
    if unknown:
        report.notes.append(f"Dòng ở phần đầu không nhận ra — đã đưa vào phần mở đầu: {' / '.join(unknown)}")
    if type_at is None:
        # Without a type line the title is only looked for under a recognised header.
        return (_after_title(paragraphs, head_end, plan) if marks else 0), unplaced
    first, *rest = paragraphs[type_at].split("\n")
    plan.doc_type = plain(first).upper()
    if rest:
        paragraphs.insert(type_at + 1, "\n".join(rest))
    return _after_title(paragraphs, type_at + 1, plan), unplaced


def _after_title(paragraphs, i, plan) -> int:
    """Read the title paragraph(s) from ``i``; return the index after them."""
    title = []
    while i < len(paragraphs):
        text, bold = plain(paragraphs[i]), _fully_bold(paragraphs[i])
        heading = _heading_parts(paragraphs[i])
        if heading and heading[0] == "upper" and not title:
            heading = None  # a title set in capitals, right under the type
        # A title may itself begin "Thực hiện phong trào …"; the preamble's "Thực hiện Kế hoạch số …,
        # … cụ thể như sau:" ends in ":" or ";" and is not set in bold.
        starts_body = heading or _numbered(text) or _RECIPIENTS.match(text) or (
            not bold and (text.startswith("Căn cứ") or text[-1:] in ";:" or len(text) > 400))
        continued = text[:1].islower() or text[:1] in "(“\"" or bold
        if starts_body or (title and not continued):
            break
        title.append("\n".join(" ".join(line.replace("*", "").split()) for line in paragraphs[i].split("\n")))
        i += 1
    plan.title = "\n".join(title).strip()
    return i


def _fully_bold(paragraph):
    lines = _lines(paragraph)
    return bool(lines) and all(b for _, b in lines)


# Body ----------------------------------------------------------------------------------------

def _numbered(text):
    """(style, number, rest) when ``text`` starts with a section number."""
    for style, pattern in (("roman", _ROMAN), ("multi", _MULTI), ("arabic", _ARABIC), ("letter", _LETTER)):
        if match := pattern.match(text):
            return style, match.group("number"), match.group("rest")
    return None


def _heading_parts(paragraph):
    """(style, number, heading) when the paragraph's first line is a heading, not a numbered sentence."""
    first = plain(paragraph.split("\n")[0])
    numbered = _numbered(first)
    if numbered is None:
        if first.isupper() and len(first.split()) <= 12 and first[-1:] not in FINAL and len(first) > 3:
            return "upper", "", first
        return None
    style, number, rest = numbered
    if style == "roman" and len(rest) <= 300:
        return numbered
    words = rest.split()
    run_in = re.search(r":\s*\S", rest)
    if len(words) <= HEADING_MAX_WORDS and rest[-1] not in ".;,…" and not run_in and len(rest) <= 200:
        return numbered
    return None


def _parse_body(paragraphs, plan) -> list[str]:
    """Sections from the body paragraphs; returns the preamble paragraphs (those before any heading)."""
    preamble, sections, stack = [], plan.sections, []
    for paragraph in paragraphs:
        text = plain(paragraph)
        heading = _heading_parts(paragraph)
        numbered = heading or _numbered(text)
        if numbered is None:
            if sections:
                sections[-1].body = "\n\n".join(filter(None, [sections[-1].body, paragraph]))
            else:
                preamble.append(paragraph)
            continue
        style, number, rest = numbered
        if style == "letter":
            while stack and sections[stack[-1]].style == "letter":
                stack.pop()
            level = sections[stack[-1]].level + 1 if stack else 3
        else:
            level = _LEVELS.get(style) or number.rstrip(".").count(".") + 2
            while stack and sections[stack[-1]].level >= level:
                stack.pop()
        parent = stack[-1] if stack else None
        lines = paragraph.split("\n")
        if heading:
            section = ParsedSection(level, number, rest, "\n".join(lines[1:]).strip(), style=style, parent=parent)
            words = rest
        else:
            section = ParsedSection(level, number, "", _strip_number(paragraph, number), style=style, parent=parent)
            lead = rest.split(":", 1)[0] if ":" in rest else ""
            words = lead if 0 < len(lead.split()) <= 10 else ""
        section.kind = _kind(words, sections[parent].kind if parent is not None else "other")
        sections.append(section)
        stack.append(len(sections) - 1)
    return preamble


def _strip_number(paragraph, number):
    """The paragraph without its leading number, markup kept ("**1. Mục đích:** …" → "**Mục đích:** …")."""
    match = re.match(r"^(?P<lead>[*\s]*)" + re.escape(number) + r"[ \t]*", paragraph)
    if not match:
        return paragraph
    lead = match.group("lead").strip()
    rest = paragraph[match.end():]
    if lead and rest.startswith(lead):  # "**1.** Text": the emphasis held only the number
        return rest[len(lead):].lstrip()
    return lead + rest


def _kind(words, parent_kind):
    """The kind named by a heading's words; the parent's when it is among them or none is named."""
    key = fold(words)
    hits = sorted((m.start(), kind) for word, kind in _KIND_WORDS for m in re.finditer(rf"\b{word}\b", key))
    kinds = [kind for _, kind in hits]
    if not kinds or parent_kind in kinds:
        return parent_kind
    return kinds[0]


def _is_closing(paragraph):
    text = plain(paragraph)
    if _numbered(text) or _heading_parts(paragraph):
        return False
    return text.endswith("/.") or text.startswith(("Trên đây", "Trong quá trình"))


# Recipients and signature ---------------------------------------------------------------------

def _parse_signing(paragraphs, plan):
    """Recipients after "Nơi nhận:", then the signature block; what is left goes to the last section."""
    lines = [" ".join(line.split()) for p in paragraphs for line, _ in _lines(p)]
    first = _RECIPIENTS.match(lines[0]) if lines else None
    if first:
        lines[:1] = [first.group("rest")] if first.group("rest") else []
    # Bullets, and the groups some offices sort them into ("Gửi bản điện tử:", "Gửi bản giấy:"), with
    # the unbulleted lines of a group ("UBND tỉnh;") up to the signature's capitals.
    while lines and (lines[0].startswith(("-", "+", "•")) or _recipient_group(lines[0])
                     or (plan.recipients and lines[0][-1:] in ";." and not lines[0].isupper())):
        plan.recipients.append(lines.pop(0))
    signature = []
    for line in lines:
        if _SIGNED_MARK.match(line):
            plan.report.notes.append(f"Đã bỏ dòng «{line}» ở chữ ký.")
        else:
            signature.append(line)
    authority = []
    while signature and signature[0].isupper() and len(authority) < 3:
        authority.append(signature.pop(0))
    if authority and not signature and len(authority) >= (3 if _SIGN_PREFIX.match(authority[0]) else 2):
        signature.append(authority.pop())  # a name written in capitals
    if authority:
        match = _SIGN_PREFIX.match(authority[0])
        if match:
            plan.sign_prefix, plan.sign_on_behalf = match.group("prefix") + ".", match.group("rest").strip()
            title = authority[1:]
            if not title and plan.sign_prefix == "KT." and " PHÓ " in f" {plan.sign_on_behalf} ":
                plan.sign_on_behalf, _, deputy = plan.sign_on_behalf.partition(" PHÓ ")
                title = ["PHÓ " + deputy]
            plan.signer_title = " ".join(title)
        else:
            plan.signer_title = " ".join(authority)
    if signature:
        plan.signer_name = signature.pop(0)
    if signature:
        _place_leftover(plan, "\n\n".join(signature))


def _recipient_group(line):
    """"Gửi bản điện tử:", "Gửi bản giấy:", "Như trên:" — a group of recipients, not the signer."""
    return line.endswith(":") and len(line) <= 60 and not line.isupper() and not _SIGN_PREFIX.match(line)


def _place_leftover(plan, text):
    if plan.sections:
        target = plan.sections[-1]
        target.body = "\n\n".join(filter(None, [target.body, text]))
        where = f"mục {target.number} {target.heading}".strip()
    else:
        plan.preamble = "\n\n".join(filter(None, [plan.preamble, text]))
        where = "phần mở đầu"
    plan.report.notes.append(f"Đoạn không xếp được vào mục nào — đã đưa vào {where}: «{plain(text)[:80]}».")


# Rules ----------------------------------------------------------------------------------------

def guess_issue_year(plan: ParsedPlan) -> tuple[int | None, str]:
    """(year, why) for a plan without a date line, from its own dates: the start of its period,
    else its first forward date (dossier deadline, milestone), else the latest document it cites,
    else a year its title names. (None, "") when the text holds no date at all."""
    forward = [d for d in [plan.period_start, plan.period_end, plan.dossier_deadline,
                           *(m.date for m in plan.milestones)] if d]
    if plan.period_start or plan.period_end:
        return (plan.period_start or plan.period_end).year, "thời gian thi đua"
    if forward:
        return min(forward).year, "mốc thời gian trong kế hoạch"
    cited = [r.doc_date for r in plan.references if r.doc_date]
    if cited:
        return max(cited).year, "văn bản căn cứ gần nhất"
    if match := re.search(r"\bnăm\s+(?:học\s+)?(\d{4})", plain(plan.title)):
        return int(match.group(1)), "trích yếu"
    return None, ""


def _find_rules(plan, preamble):
    plan.references = find_references(preamble)
    plan.theme = find_theme("\n".join(preamble))
    period = find_period(plan.sections, plan.preamble)
    if period:
        plan.period_start, plan.period_end, plan.period_from_issue, _ = period
    plan.kind, plan.kind_reason = find_kind(plan.title, plan.sections, plan.preamble,
                                            (plan.period_start, plan.period_end))
    plan.milestones = find_milestones(plan.sections)
    plan.award_tiers = find_award_tiers(plan.sections)
    plan.dossier_deadline, plan.dossier_place, plan.dossier_requirements = find_dossier(plan.sections)
