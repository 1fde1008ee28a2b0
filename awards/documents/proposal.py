"""The Tờ trình of a nomination list: the letter asking the level above to grant the list, with the list attached."""

from units import dates

from campaigns.documents.common import NUMBER_GAP, Paragraph, blank_number_line
from campaigns.markup import Run

from awards.documents.document import Annex, Column, DossierDocument, Table, body, dots
from awards.documents.letterhead import (
    body_name,
    dossier_date,
    home_affairs_office,
    is_local_government,
    letterhead_of,
    lower_first,
    office_holder,
    plan_reference,
)
from awards.models import AwardType, CouncilResult, CouncilSession, DossierLine, NominationLine, NominationList
from awards.rules import routing
from awards.rules.legal import PROPOSAL, basis_lines

PROPOSAL_SYMBOL = "TTr"
SUBJECT_KINDS = ("collective", "individual", "household")  # "tập thể, cá nhân": the order of official texts
SUBJECT_WORDS = {"collective": "tập thể", "individual": "cá nhân", "household": "hộ gia đình"}
# How a request names each group of the catalogue: titles are recognised, state honours conferred,
# the rest given.
VERBS = {AwardType.Group.TITLE: "công nhận danh hiệu", AwardType.Group.HONOUR: "phong tặng danh hiệu"}
GIVE = "tặng"
RECIPIENTS = ["- Như trên;", "- Lưu: VT."]
# The summary is the longest text: the widest column keeps rows (and pages) few.
LIST_COLUMNS = (
    Column("STT", 11, centered=True),
    Column("Họ và tên / Tên tập thể", 35),
    Column("Chức vụ, đơn vị", 34),
    Column("Hình thức đề nghị", 27),
    Column("Tóm tắt thành tích", 58),
)


def subject_kind(line) -> str:
    if line.person_id:
        return "individual"
    return "collective" if line.collective_id else "household"


def verb_for(award: AwardType) -> str:
    return VERBS.get(award.group, GIVE)


def proposal_lines(nomination_list: NominationList):
    """The lines the Tờ trình asks the level above for, in the order they were entered; what the list prints
    of each comes in the same query. A list's lines its own unit grants are left out: they stay at the unit,
    on its own draft decision (awards.services.decisions.draft_retained_decision)."""
    lines = list(nomination_list.lines.select_related("person__unit", "collective__parent", "award").order_by("pk"))
    if not isinstance(nomination_list, NominationList):
        return lines  # a bundle a level forwards holds only lines going up
    here = decided_here(nomination_list, lines)
    return [line for line in lines if line.pk not in here]


def decided_here(nomination_list: NominationList, lines) -> set[int]:
    """Pks of the list's lines its unit grants itself: as frozen on its packets once sent, else as routed today."""
    if nomination_list.status == NominationList.Status.DRAFT:
        return routing.granted_by(nomination_list.unit, lines, dossier_date(nomination_list))
    return set(DossierLine.objects.filter(dossier__nomination_list=nomination_list,
                                          deciding_unit=nomination_list.unit_id)
               .values_list("nomination_line_id", flat=True))


def proposal_document(nomination_list: NominationList, *, receiver=None, number: str = "",
                      dated=None) -> DossierDocument:
    """The Tờ trình of ``nomination_list``; a handful of queries whatever the number of lines.

    ``receiver``: the unit it is sent to, when that is not the unit's parent (a province writes to
    the central emulation body, which is not its parent in the tree). It is addressed to whoever
    decides there ("Chủ tịch Ủy ban nhân dân tỉnh …"), with the province's Sở Nội vụ in Nơi nhận.
    ``number``/``dated``: the register number and date the sender's office gave it, once recorded on the packet.
    """
    lines = proposal_lines(nomination_list)
    unit = nomination_list.unit
    head = letterhead_of(unit)
    on = dossier_date(nomination_list)
    if receiver is None and unit.parent_id:
        receiver = unit.parent
    addressee = office_holder(receiver) if receiver is not None else ""
    home_affairs = home_affairs_office(receiver, on) if receiver is not None else None
    symbol = f"{PROPOSAL_SYMBOL}-{head.symbol_suffix}"
    groups = award_groups(lines)
    # A list not yet sent is a draft. Once sent, the Tờ trình carries the day it was sent; its number
    # is the office's register number, which the portal does not keep: it stays blank to be written in.
    draft = nomination_list.submitted_at is None
    date_words = dates.blank(on.year) if draft else dates.in_words(dated or on)
    number = number.strip()
    return DossierDocument(
        superior_lines=head.superior_lines,
        issuer_lines=head.issuer_lines,
        number_line=f"Số: {number}" if number else blank_number_line(symbol),
        place_and_date=f"{head.place}, {date_words}",
        draft=draft,
        doc_type="TỜ TRÌNH",
        title=Paragraph("title", (Run(title_text(nomination_list, lines, groups), bold=True),)),
        addressee=addressee or dots(12),
        blocks=(legal_bases(nomination_list, on)
                + body_paragraphs(nomination_list, head, lines, groups, addressee, council_review(unit, lines))),
        recipients=recipients(home_affairs),
        authority_lines=(["TM. " + head.issuer_lines[0], "CHỦ TỊCH"] if head.local_government
                         else ["THỦ TRƯỞNG ĐƠN VỊ"]),
        signer_name=dots(12),
        annex=Annex(
            title="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
            note=f"(Kèm theo Tờ trình số{' ' + number if number else NUMBER_GAP + '/' + symbol} {date_words} "
                 f"của {head.body})",
            table=Table(LIST_COLUMNS, tuple(list_row(index, line) for index, line in enumerate(lines, 1))),
        ),
    )


def award_groups(lines):
    """{(award, class label): {subject kind: count}} in catalogue order."""
    groups = {}
    for line in sorted(lines, key=lambda line: (line.award.position, line.award.code, line.award_class)):
        counts = groups.setdefault((line.award, line.award_label), dict.fromkeys(SUBJECT_KINDS, 0))
        counts[subject_kind(line)] += 1
    return groups


def count_phrase(counts: dict) -> str:
    """"02 tập thể, 05 cá nhân và 01 hộ gia đình"."""
    return and_join([f"{counts[kind]:02d} {SUBJECT_WORDS[kind]}" for kind in SUBJECT_KINDS if counts.get(kind)])


def and_join(parts) -> str:
    """"a, b và c"."""
    return " và ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else "".join(parts)


def title_text(nomination_list, lines, groups) -> str:
    """"Về việc đề nghị công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen năm 2026"."""
    by_verb = {}
    for award, label in groups:
        by_verb.setdefault(verb_for(award), []).append(label)
    what = " và ".join(f"{verb} {', '.join(labels)}" for verb, labels in by_verb.items()) or "khen thưởng"
    if nomination_list.plan is None:
        return f"Về việc đề nghị {what} năm {nomination_list.year}"
    kinds = [SUBJECT_WORDS[kind] for kind in SUBJECT_KINDS if any(subject_kind(line) == kind for line in lines)]
    whom = f" cho {and_join(kinds)}" if kinds else ""
    return (f"Về việc đề nghị {what}{whom} có thành tích trong thực hiện "
            f"{plan_reference(nomination_list.plan, with_date=False)}")


def legal_bases(nomination_list, on):
    """"Căn cứ …;" for the law, the decree and the province's Quy chế in force on the dossier's date (the library
    of legal documents), and the plan it answers."""
    texts = basis_lines(nomination_list.unit, on, PROPOSAL)
    plan = nomination_list.plan
    if plan is not None:
        texts.append(f"Căn cứ {plan_reference(plan)} {lower_first(plan.title_one_line)};")
    return [body(text) for text in texts]


def recipients(home_affairs) -> list[str]:
    """"- Như trên;", the province's emulation office (its Sở Nội vụ) when there is one, "- Lưu: VT."."""
    return [RECIPIENTS[0], *([f"- {home_affairs.name};"] if home_affairs else []), *RECIPIENTS[1:]]


def council_review(unit, lines):
    """The last closed session of ``unit``'s council that passed any of ``lines`` (one query), or None."""
    line_ids = [line.pk for line in lines if isinstance(line, NominationLine)]
    if not line_ids:
        return None
    return (CouncilSession.objects.filter(council__unit=unit, status=CouncilSession.Status.CLOSED,
                                          ballots__line__nomination_line__in=line_ids,
                                          ballots__result__in=[CouncilResult.PASSED, CouncilResult.DOWNGRADED])
            .select_related("council").order_by("-held_on", "-pk").first())


def body_paragraphs(nomination_list, head, lines, groups, addressee="", session=None):
    """What was reviewed, how many of whom for which award, and the request."""
    total = dict.fromkeys(SUBJECT_KINDS, 0)
    for line in lines:
        total[subject_kind(line)] += 1
    if nomination_list.plan is not None:
        reviewed = (f"Thực hiện Kế hoạch trên, {head.body} đã tổ chức triển khai phong trào thi đua và họp xét "
                    "khen thưởng các tập thể, cá nhân có thành tích.")
    else:
        reviewed = (f"Trên cơ sở kết quả thực hiện nhiệm vụ và phong trào thi đua năm {nomination_list.year}, "
                    f"{head.body} đã tổ chức bình xét thi đua, khen thưởng.")
    if not lines:
        return [body(reviewed), body(dots())]
    out = [body(f"{reviewed} Kết quả, {head.body} thống nhất đề nghị khen thưởng cho {count_phrase(total)}, "
                "cụ thể như sau:")]
    items = list(groups.items())
    for index, ((_award, label), counts) in enumerate(items):
        end = "." if index == len(items) - 1 else ";"
        out.append(Paragraph("bullet", (Run(f"- {label}: {count_phrase(counts)}{end}"),)))
    if session is not None:
        out.append(body(f"Các tập thể, cá nhân nêu trên đã được {session.council.name} xét, đề nghị tại phiên họp "
                        f"{dates.in_words(session.held_on)}."))
    out.append(body("(Có danh sách và hồ sơ đề nghị khen thưởng kèm theo).", italic=True))
    addressee = addressee or head.parent_body or "cấp có thẩm quyền"
    out.append(body(f"{head.body} kính trình {addressee} xem xét, quyết định./."))
    return out


def list_row(index, line):
    """STT, name, position and unit, award, summary — one row of the attached list."""
    if line.person_id:
        person = line.person
        where = ", ".join(part for part in (person.position, body_name(person.unit)) if part)
    elif line.collective_id:
        parent = line.collective.parent
        where = f"Tập thể thuộc {lower_first(parent.name) if is_local_government(parent) else parent.name}" \
            if parent else "Tập thể"
    else:
        where = "Hộ gia đình"
    return (str(index), line.subject_name, where, line.award_label, line.summary.strip())
