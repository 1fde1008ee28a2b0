"""The structured rules an imported plan's text states: references, period, awards, dossier, dates.

Pure functions over the parsed sections (anything with ``number``, ``heading``, ``body``,
``kind``, ``level`` and ``parent``); ``campaigns.importing`` calls them and writes what they
found, and what they looked for in vain, into the import report.
"""

import datetime
import re
from dataclasses import dataclass

from units.text import fold

from campaigns.importing_dates import DATE, parse_count, parse_date, parse_period

AWARDS, DOSSIER, PERIOD, TARGETS = "awards", "dossier", "period", "targets"


@dataclass
class ParsedReference:
    kind: str  # "basis" (Căn cứ) or "implements" (Thực hiện)
    doc_type: str
    doc_number: str
    doc_date: datetime.date | None
    issuer: str
    text: str


@dataclass
class ParsedAwardTier:
    award_name: str
    authority: str
    for_collectives: bool
    for_individuals: bool
    for_households: bool
    quota: int | None
    quota_note: str
    section: int  # index of the section that prints its standard
    subjects_stated: bool = True


@dataclass
class ParsedDossierRequirement:
    name: str
    form_reference: str
    copies: int | None


@dataclass
class ParsedMilestone:
    kind: str  # Milestone.Kind value
    date: datetime.date
    label: str


def plain(text: str) -> str:
    """Text without the ``*`` emphasis markers and with single spaces."""
    return " ".join((text or "").replace("*", "").split())


# References -----------------------------------------------------------------------------------

_DOC_TYPES = ("Kế hoạch", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Kết luận", "Thông tư", "Hướng dẫn",
              "Công văn", "Thông báo", "Chương trình", "Pháp lệnh", "Đề án", "Công điện", "Quy định", "Quy chế",
              "Văn bản", "Luật", "Tờ trình", "Báo cáo")
_TYPE = "|".join(_DOC_TYPES)
# "Kế hoạch số 176/KH-UBND", "Kết luận số 843-KL/ĐĐQH15", "Nghị định số 98/2023/NĐ-CP".
_MENTION = re.compile(rf"(?P<type>{_TYPE})\s+(?:số\s+)(?P<number>\d[\w/.\-]*\w)")
_ISSUER_END = re.compile(
    r"\s+(?:về|v/v|triển khai|ban hành|hướng dẫn|phát động|tổ chức|thực hiện|chào mừng|quy định|việc|"
    r"năm\s+\d{4}|trong|nhằm|đối với|cụ thể)\b|[,.;:(“\"”]")
_LEADS = (("Căn cứ", "basis"), ("Thực hiện", "implements"), ("Triển khai", "implements"))


def find_references(paragraphs: list[str]) -> list[ParsedReference]:
    """Each document cited by a "Căn cứ …" or "Thực hiện …" paragraph, several per paragraph if need be."""
    found = []
    for paragraph in paragraphs:
        text = plain(paragraph)
        kind = next((k for lead, k in _LEADS if text.startswith(lead + " ")), None)
        if not kind:
            continue
        mentions = list(_MENTION.finditer(text))
        if not mentions:
            # "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;": one reference, no number.
            rest = _cut_mention(text.split(" ", 2)[2])
            doc_type = next((t for t in _DOC_TYPES if rest.startswith(t + " ")), "")
            found.append(ParsedReference(kind, doc_type, "", parse_date(rest), "", rest))
            continue
        for i, match in enumerate(mentions):
            end = mentions[i + 1].start() if i + 1 < len(mentions) else len(text)
            mention = _cut_mention(text[match.start():end])
            after = mention[match.end() - match.start():]
            date_match = re.match(rf"\s*,?\s*ngày\s+({DATE})", after)
            issuer = ""
            issuer_match = re.search(r"\bcủa\s+", after)
            if issuer_match:
                tail = after[issuer_match.end():]
                stop = _ISSUER_END.search(tail)
                issuer = tail[:stop.start() if stop else len(tail)].strip()
            found.append(ParsedReference(
                kind, match.group("type"), match.group("number"),
                parse_date(date_match.group(1)) if date_match else None, issuer, mention,
            ))
    return found


def _cut_mention(segment: str) -> str:
    """The citation alone: up to a ";", the end of the sentence or ", <Main clause>", outside quotes."""
    depth, quoted = 0, False
    for i, char in enumerate(segment):
        if char in "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in "“”\"":
            quoted = (char == "“") or (char == '"' and not quoted)
        elif depth or quoted:
            continue
        elif char == ";":
            return segment[:i].strip()
        elif char in ".," and segment[i + 1:i + 2] == " " and segment[i + 2:i + 3].isupper():
            return segment[:i].strip()
    return segment.strip().rstrip(".;,: ")


_THEME = re.compile(r"chủ đề\s*:?\s*\**\s*[\"“](?P<theme>[^\"”]+)[\"”]", re.IGNORECASE)


def find_theme(text: str) -> str:
    """The quoted theme of 'với chủ đề: *"…"*', without quotes and markers."""
    match = _THEME.search(text or "")
    return plain(match.group("theme")) if match else ""


# Period and dates -----------------------------------------------------------------------------

def find_period(sections, preamble: str):
    """The first "từ ngày … đến ngày …" in the period sections, else anywhere in the body."""
    ordered = [s for s in sections if s.kind == PERIOD] + [s for s in sections if s.kind != PERIOD]
    for text in [_section_text(s) for s in ordered] + [plain(preamble)]:
        period = parse_period(text)
        if period:
            return period
    return None


_TARGET = re.compile(rf"[Pp]hấn đấu\s+(?:đến|tới|trước)\s+(?:hết\s+)?ngày\s+(?P<date>{DATE})\s*,?\s*(?P<label>[^.;]+)")
_REVIEW = re.compile(rf"(?P<what>[Ss]ơ kết|[Tt]ổng kết|[Pp]hát động)[^.;]{{0,80}}?ngày\s+(?P<date>{DATE})")
_REVIEW_KINDS = {"sơ kết": "midterm", "tổng kết": "final", "phát động": "launch"}
# "các đơn vị báo cáo kết quả thực hiện Kế hoạch về Sở Nội vụ trước ngày 15/11/2025", "gửi báo cáo kết
# quả … chậm nhất ngày …": the date by which units report their results. A report of a review ("báo cáo
# sơ kết … trước ngày …") is already that review's milestone and is not counted twice.
_REPORT = re.compile(rf"[Bb]áo cáo\s+kết quả(?P<what>[^.;]{{0,160}}?)(?:trước|chậm nhất|hạn chót|không muộn hơn)"
                     rf"\s*(?:hết\s+)?(?:ngày|vào ngày)\s+(?P<date>{DATE})")


def find_milestones(sections) -> list[ParsedMilestone]:
    """Target dates ("phấn đấu đến ngày 30/5/2022, hoàn thành …"), dated launch or reviews, and report
    deadlines ("báo cáo kết quả thực hiện … trước ngày …")."""
    found = []
    for section in sections:
        text = _section_text(section)
        for match in _TARGET.finditer(text):
            date = parse_date(match.group("date"))
            if date:
                found.append(ParsedMilestone("target", date, _short(match.group("label"))))
        for match in _REVIEW.finditer(text):
            date = parse_date(match.group("date"))
            if date:
                found.append(ParsedMilestone(_REVIEW_KINDS[match.group("what").lower()], date,
                                             _short(match.group(0))))
        for match in _REPORT.finditer(text):
            date = parse_date(match.group("date"))
            if date and not re.search(r"sơ kết|tổng kết", match.group("what"), re.IGNORECASE):
                found.append(ParsedMilestone("report", date, _short(match.group(0))))
    return sorted(found, key=lambda m: m.date)


def _short(text, limit=120):
    text = plain(text).rstrip(" ,")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


# Kind of emulation ----------------------------------------------------------------------------
#
# Emulation is regular (thường xuyên: the yearly movement, reviewed at the end of the year or
# school year) or thematic (theo chuyên đề, theo đợt: a campaign for an occasion, with its own
# review) — Luật Thi đua, khen thưởng 2022, Điều 16. Only awards under a regular plan count toward
# higher ones, so the importer reads the kind from the title first, where a plan states what it
# launches, then from its purpose and period. The values are campaigns.models.Plan.Kind's.

REGULAR, THEMATIC = "regular", "thematic"

# (kind, pattern on the folded text, the words as the plan writes them), strongest first: a title
# naming a campaign ("đợt thi đua cao điểm … năm 2022") is thematic though it names a year, and
# a yearly movement ("phong trào thi đua yêu nước năm 2025, lập thành tích chào mừng Đại hội …")
# is regular though it greets an occasion.
_TITLE_SIGNS = [
    (THEMATIC, r"\bdot thi dua\b|\bthi dua dot\b|\btheo dot\b", "đợt thi đua"),
    (THEMATIC, r"\bcao diem\b", "cao điểm"),
    (THEMATIC, r"\bchuyen de\b", "chuyên đề"),
    (REGULAR, r"\bthuong xuyen\b", "thường xuyên"),
    (REGULAR, r"\bhang nam\b", "hằng năm"),
    (REGULAR, r"\bthi dua (?:yeu nuoc )?nam (?:hoc )?\d{4}", "phong trào thi đua năm …"),
    (REGULAR, r"\bthi dua,? khen thuong nam (?:hoc )?\d{4}", "thi đua, khen thưởng năm …"),
    (THEMATIC, r"\bthi dua\W*[\"“«]", "tên phong trào trong ngoặc kép"),
    (THEMATIC, r"\bchao mung\b", "chào mừng"),
    (THEMATIC, r"\bky niem\b", "kỷ niệm"),
    (THEMATIC, r"\bhuong toi\b", "hướng tới"),
    (THEMATIC, r"\bgiai doan \d{4}", "giai đoạn"),
]
# In the body only phrases that name the kind count: "thường xuyên" alone says how often to check.
_BODY_SIGNS = [
    (REGULAR, r"\bthi dua thuong xuyen\b|\bphong trao thi dua yeu nuoc nam \d{4}\b"),
    (THEMATIC, r"\bdot thi dua\b|\bthi dua (?:theo )?chuyen de\b|\bdot cao diem\b"),
]
KIND_NAMES = {REGULAR: "thi đua thường xuyên", THEMATIC: "thi đua theo chuyên đề, theo đợt"}


def find_kind(title: str, sections, preamble: str = "", period=None) -> tuple[str, str]:
    """(kind, why): the kind of emulation the plan launches, and the words that said so; ("", "") if nothing did.

    The title decides when it names a kind; else the purpose sections and the preamble, by which
    kind their phrases name more often; else a period of one whole calendar year reads as regular.
    """
    key = fold(plain(title))
    for kind, pattern, words in _TITLE_SIGNS:
        if re.search(pattern, key):
            return kind, f"trích yếu có “{words}”"
    opening = [s for s in sections if s.kind in ("purpose", "theme")]
    text = fold(" ".join([plain(preamble)] + [_section_text(s) for s in opening]))
    counts = {kind: len(re.findall(pattern, text)) for kind, pattern in _BODY_SIGNS}
    if counts[REGULAR] != counts[THEMATIC]:
        kind = max(counts, key=counts.get)
        return kind, f"phần mở đầu, mục đích nói “{KIND_NAMES[kind]}”"
    start, end = period or (None, None)
    if start and end and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return REGULAR, f"thời gian thi đua là cả năm {start.year}"
    return "", ""


# Awards ---------------------------------------------------------------------------------------

_AWARD = re.compile(
    r"(?P<name>(?i:Giấy khen|Bằng khen|Cờ thi đua|Huân chương [^,.;:()]+?|Huy chương [^,.;:()]+?)"
    r"\s+(?i:của|do)\s+(?P<authority>[^,.;:()]+?))(?=\s+(?i:cho|đối với|về|vì|tặng|trao)\b|[,.;:()]|$)")
_AWARD_LEAD = re.compile(r"\s*(?:(?:[Xx]ét|[Đđ]ề nghị|[Tt]rao)\s+)?(?:[Tt]ặng\s+)?")
_QUOTA = re.compile(r"(?:không quá|không vượt quá|tối đa)\s+(?P<count>\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
                    r"\b[^.;,()]*", re.IGNORECASE)


def find_award_tiers(sections) -> list[ParsedAwardTier]:
    """One tier per award named by an awards section's heading, or by the opening of a numbered item."""
    tiers = []
    for index, section in enumerate(sections):
        if section.kind != AWARDS:
            continue
        if section.heading:
            source, match = plain(section.heading), _AWARD.search(plain(section.heading))
        else:
            source = plain(section.body).split(". ")[0]
            match = _AWARD.search(source)
            if match and not _AWARD_LEAD.fullmatch(source[:match.start()]):
                match = None  # named in passing ("… đề nghị Bằng khen …"), not what the item is about
        if not match:
            tiers += _tiers_in_sentences(sections, index, tiers)
            continue
        name = match.group("name").strip()
        if any(t.award_name == name and _is_ancestor(sections, t.section, index) for t in tiers):
            continue  # "a) Đối với tập thể" under "2.1. Giấy khen …" is the same award
        text = fold(" ".join(_section_text(s) for s in _subtree(sections, index)))
        collectives, individuals = "tap the" in text, "ca nhan" in text
        households = "gia dinh" in text
        stated = collectives or individuals or households
        quota_match = _QUOTA.search(" ".join(_section_text(s) for s in _subtree(sections, index)))
        tiers.append(ParsedAwardTier(
            award_name=name, authority=match.group("authority").strip(),
            for_collectives=collectives if stated else True, for_individuals=individuals if stated else True,
            for_households=households, quota=parse_count(quota_match.group("count")) if quota_match else None,
            quota_note=quota_match.group(0).strip() if quota_match else "", section=index, subjects_stated=stated,
        ))
    return tiers


_GIVEN = re.compile(r"\b(?:[Tt]ặng|[Tt]rao|[Kk]hen thưởng bằng)\s+$")
# The giver named before the award ("Chủ tịch UBND huyện tặng Giấy khen cho …"): an office holder's title
# opens the giver, and the award it gives is read as "Giấy khen của Chủ tịch UBND huyện".
_GIVER_FIRST = re.compile(
    r"(?P<authority>(?:Chủ tịch|Phó Chủ tịch|Bộ trưởng|Thủ tướng|Giám đốc|Chánh|Trưởng|Hiệu trưởng|Thủ trưởng)"
    r"\s[^,.;:()]+?)\s+(?:(?:sẽ|được|xem)\s+)?(?:[Xx]ét\s+)?(?:[Tt]ặng|[Tt]rao)\s+"
    r"(?P<kind>Giấy khen|Bằng khen|Cờ thi đua)(?=\s+(?i:cho|đối với)\b)")


def _tiers_in_sentences(sections, index, tiers):
    """Awards a section's own sentences give ("… xét tặng Giấy khen của Chánh Văn phòng cho …, không
    quá 01 tập thể và 01 cá nhân"): subjects and quota are read from the same sentence."""
    found = []
    for sentence in re.split(r"(?<=[.;])\s+", plain(sections[index].body)):
        given = [(match.group("name").strip(), match.group("authority").strip(), match.end())
                 for match in _AWARD.finditer(sentence)
                 if _GIVEN.search(sentence[max(0, match.start() - 30):match.start()])]
        given += [(f"{match.group('kind')} của {match.group('authority').strip()}", match.group("authority").strip(),
                   match.end()) for match in _GIVER_FIRST.finditer(sentence)]
        for name, authority, end in given:
            if any(t.award_name == name for t in tiers + found):
                continue
            text = fold(sentence)
            collectives, individuals, households = "tap the" in text, "ca nhan" in text, "gia dinh" in text
            stated = collectives or individuals or households
            quota_match = _QUOTA.search(sentence[end:])
            found.append(ParsedAwardTier(
                award_name=name, authority=authority,
                for_collectives=collectives if stated else True, for_individuals=individuals if stated else True,
                for_households=households, quota=parse_count(quota_match.group("count")) if quota_match else None,
                quota_note=quota_match.group(0).strip() if quota_match else "", section=index,
                subjects_stated=stated,
            ))
    return found


def match_award(name: str, awards) -> object | None:
    """The award of ``awards`` (the catalogue: anything with a ``name``) that ``name``, as a plan words it, names.

    "Giấy khen của Chủ tịch UBND huyện" names the Giấy khen; "Bằng khen của Thủ tướng Chính
    phủ" the Prime Minister's. The longest catalogue name found in the wording wins, so the
    specific form is preferred to a generic one. None when no name is found.
    """
    key = fold(name)
    candidates = [(len(fold(a.name)), a) for a in awards if fold(a.name) and fold(a.name) in key]
    return max(candidates, key=lambda pair: pair[0])[1] if candidates else None


def _subtree(sections, index):
    yield sections[index]
    for i in range(index + 1, len(sections)):
        if not _is_ancestor(sections, index, i):
            break
        yield sections[i]


def _is_ancestor(sections, ancestor, index):
    parent = sections[index].parent
    while parent is not None:
        if parent == ancestor:
            return True
        parent = sections[parent].parent
    return False


# Dossier ---------------------------------------------------------------------------------------

_DEADLINE = re.compile(rf"(?:trước ngày|chậm nhất(?: là)?(?: ngày)?|hạn cuối(?: là)?(?: ngày)?)\s+(?P<date>{DATE})")
_PLACE = re.compile(r"(?:gửi|nộp)\s+(?:hồ sơ(?:\s+[^,.;()\s]+){0,6}?\s+)?(?:về|tại|đến|cho)\s+(?P<place>[^,.;()]+?)"
                    r"(?=\s+(?:trước|chậm nhất|trong|để|qua|theo|kể từ)\b|[,.;()]|$)")
_FORM = re.compile(r"[Mm]ẫu\s+số\s*\d+[^;()\n]*")
_ITEM = re.compile(r"^[-+•]\s*(?P<name>(?:Tờ trình|Biên bản|Báo cáo(?: tóm tắt)? thành tích|"
                   r"Tóm tắt thành tích|Danh sách|Bản tóm tắt|Trích ngang|"
                   r"Văn bản đề nghị|Công văn đề nghị|Bản sao|Giấy chứng nhận)\b.*)$")
_COPIES = re.compile(r"\b(?P<count>\d{1,2})\s+bản\b")


def find_dossier(sections):
    """(deadline, place, requirements) stated for nomination dossiers."""
    ordered = [s for s in sections if s.kind == DOSSIER] + [s for s in sections if s.kind != DOSSIER]
    deadline, place = None, ""
    for section in ordered:
        for sentence in re.split(r"(?<=[.;])\s+", _section_text(section)):
            if "hồ sơ" not in sentence.lower():
                continue
            if deadline is None and (match := _DEADLINE.search(sentence)):
                deadline = parse_date(match.group("date"))
            if not place and (match := _PLACE.search(sentence)):
                place = match.group("place").strip()[:255]
    requirements = []
    for section in ordered:
        lines = [section.heading] + (section.body or "").split("\n")
        for line in lines:
            text = plain(line)
            form = _FORM.search(text)
            if not form:
                # "- Tờ trình đề nghị khen thưởng;": an item named by its kind, without a form number.
                if section.kind == DOSSIER and (item := _ITEM.match(text)):
                    copies = _COPIES.search(text)
                    requirements.append(ParsedDossierRequirement(
                        name=re.split(r"\s*\(", item.group("name"))[0].strip(" ,;:.")[:255], form_reference="",
                        copies=int(copies.group("count")) if copies else None))
                continue
            name = re.split(r"\s*(?:\(|theo\s+[Mm]ẫu|[Mm]ẫu\s+số)", re.sub(r"^[-+•]\s*", "", text))[0]
            copies = _COPIES.search(text)
            requirements.append(ParsedDossierRequirement(
                name=name.strip(" ,;:.")[:255], form_reference=form.group(0).strip(" ,;:.")[:255],
                copies=int(copies.group("count")) if copies else None,
            ))
    return deadline, place, requirements


def _section_text(section) -> str:
    return plain(f"{section.heading} {section.body}" if section.heading else section.body)
