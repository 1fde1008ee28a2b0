"""The only code that writes decisions: drafting one over a level's ready lines, editing it, issuing it.

Issuing is the end of a proposal's journey: in one transaction it locks the decision and every
packet it touches, checks that the actor may decide each of them (awards.workflow) and that each
line is still waiting, writes one AwardRecord per line (what next year's eligibility reads),
moves the lines to DECIDED with one hash-chained DECIDE event per packet, and freezes the PDF.
Two approvers issuing decisions over the same line at once are applied one after the other: the
second finds the line decided and is told by which decision. Revocations: awards.services.revocations.
"""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from units import dates
from units.models import Membership
from units.scoping import holds_role_at
from units.storage import files_removed_on_rollback
from units.text import clean_text

from campaigns.models import Plan

from awards.documents.letterhead import lower_first, plan_reference
from awards.models import AwardRecord, AwardType, Decision, Dossier, DossierLine
from awards.rules import previews, workflow
from awards.rules.legal import DECISION, basis_lines
from awards.rules.workflow import Action as A
from awards.services import award_tallies, dossiers, journal

R, L = Membership.Role, DossierLine.Status
DRAFTERS = (R.CLERK, R.APPROVER)  # the clerk prepares the draft; only the approver issues it
EDITABLE_FIELDS = ("number", "symbol", "place", "signed_on", "title", "authority", "legal_bases", "bonus_article",
                   "execution_article", "sign_prefix", "sign_on_behalf", "signer_title", "signer_name", "recipients",
                   "published")
DECISION_SYMBOL = "QĐ"
BONUS_ARTICLE = ("Tiền thưởng kèm theo được thực hiện theo quy định của Luật Thi đua, khen thưởng và các văn bản "
                 "hướng dẫn thi hành.")


class StaleDecision(ValidationError):
    """The decision or one of its lines moved since the actor last saw it: someone else acted first."""


# Reading: what a level may decide

def ready_lines(unit):
    """Lines waiting for ``unit``'s decision: ready in a packet it received, decided by it."""
    return (DossierLine.objects.filter(status=L.READY, deciding_unit=unit, dossier__receiver=unit)
            .select_related("dossier__sender", "granted_award", "nomination_line__award",
                            "nomination_line__person__unit", "nomination_line__collective__parent",
                            "nomination_line__plan")
            .order_by("nomination_line__award__position", "nomination_line__award__code", "pk"))


def drafts_holding(line_ids, *, besides=None) -> dict[int, Decision]:
    """The other draft decision each of ``line_ids`` already sits in (one query), so a second draft does
    not take the same lines by default; issuing still settles a line once (the first issued wins)."""
    through = Decision.lines.through.objects.filter(dossierline_id__in=list(line_ids),
                                                    decision__status=Decision.Status.DRAFT)
    if besides is not None:
        through = through.exclude(decision=besides)
    return {row.dossierline_id: row.decision for row in through.select_related("decision")}


def may_draft(user, unit) -> bool:
    return holds_role_at(user, unit, DRAFTERS)


def may_issue(decision, user) -> bool:
    return decision.is_draft and holds_role_at(user, decision.issuing_unit, (R.APPROVER,))


def suggest_number(unit, year: int) -> int:
    """The next free number of the unit's decisions in ``year`` (numbering restarts each 1 January)."""
    last = (Decision.objects.filter(issuing_unit=unit, status=Decision.Status.ISSUED, signed_on__year=year)
            .aggregate(Max("number"))["number__max"])
    return (last or 0) + 1


def draft_defaults(unit, lines, *, on: datetime.date) -> dict:
    """What a new decision of ``unit`` over ``lines`` says before anyone types: the fields, prefilled."""
    from awards.documents.letterhead import letterhead_of

    head = letterhead_of(unit)
    local = head.local_government
    chair = "Chủ tịch" if local else "Thủ trưởng"
    authority = f"{chair} {head.body}".upper()
    return {
        "symbol": f"{DECISION_SYMBOL}-{head.symbol_suffix}" if local else f"{DECISION_SYMBOL}-",
        "place": head.place, "signed_on": on, "number": suggest_number(unit, on.year),
        "title": decision_title(lines),
        "authority": authority,
        "legal_bases": "\n".join(legal_bases(unit, lines, on)),
        "bonus_article": BONUS_ARTICLE,
        "execution_article": (f"Chánh Văn phòng {head.body}, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập "
                              "thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."),
        "sign_prefix": Decision.SignPrefix.KT if local else Decision.SignPrefix.NONE,
        "sign_on_behalf": "CHỦ TỊCH" if local else "",
        "signer_title": "PHÓ CHỦ TỊCH" if local else "THỦ TRƯỞNG ĐƠN VỊ",
        "signer_name": "",
        "recipients": "- Như Điều 3;\n- Lưu: VT.",
    }


def decision_title(lines) -> str:
    """"Về việc tặng Bằng khen của Chủ tịch UBND tỉnh" naming the awards in catalogue order."""
    from awards.documents.proposal import verb_for

    labels = {}
    for line in lines:
        award, award_class = line.awarded()
        labels.setdefault(verb_for(award), {}).setdefault((award.position, award.code, award_class),
                                                            award_label(award, award_class))
    parts = [f"{verb} {', '.join(label for _key, label in sorted(by.items()))}" for verb, by in labels.items()]
    years = sorted({line.nomination_line.year for line in lines})
    year = f" năm {years[-1]}" if years else ""
    return f"Về việc {' và '.join(parts) or 'khen thưởng'}{year}"


def award_label(award, award_class):
    return f"{award.name} hạng {award_class}" if award_class else award.name


def legal_bases(unit, lines, on) -> list[str]:
    """"Căn cứ …;" lines: the library's bases in force on ``on`` for ``unit`` (the law on its organisation
    first, then the emulation law, its decree and the province's Quy chế), the bases of the plans the lines
    answer and the plans themselves; the drafter adds the body's own."""
    out = basis_lines(unit, on, DECISION)
    plans = {line.nomination_line.plan_id: line.nomination_line.plan for line in lines if line.nomination_line.plan_id}
    for plan in sorted(plans.values(), key=lambda plan: plan.pk):
        for reference in plan.references.filter(kind="basis").order_by("position", "pk"):
            text = f"Căn cứ {lower_first(reference.text.strip().removeprefix('Căn cứ').strip())}".rstrip(";.") + ";"
            if text not in out:
                out.append(text)
        out.append(f"Căn cứ {plan_reference(plan)} về {lower_first(plan.title_one_line)};")
    out.extend(proposals_considered(lines))
    return out


def proposals_considered(lines) -> list[str]:
    """"Xét đề nghị của Ủy ban nhân dân xã Hạ Hòa tại Tờ trình số 12/TTr-UBND ngày 20 tháng 02 năm 2026;" for
    each packet the lines came in, in the order sent; a Tờ trình whose number or date nobody entered prints dotted,
    to be written in by hand. Without packets, the council's standing body proposes."""
    from awards.documents.document import dots
    from awards.documents.letterhead import body_name

    packets = {line.dossier_id: line.dossier for line in lines if getattr(line, "dossier_id", None)}
    if not packets:
        return ["Xét đề nghị của cơ quan thường trực Hội đồng Thi đua - Khen thưởng."]
    out = []
    for packet in sorted(packets.values(), key=lambda packet: (packet.submitted_at, packet.pk)):
        number = packet.proposal_number.strip() or dots(8)
        day = dates.in_words(packet.proposal_date) if packet.proposal_date else f"ngày {dots(3)}"
        # A name stored before the text rules (or spoiled on the way) must not make the prefilled field refuse itself.
        out.append(f"Xét đề nghị của {clean_text(body_name(packet.sender))} tại Tờ trình số {number} {day};")
    out[-1] = out[-1][:-1] + "."
    return out


# Writing: draft, edit

def _check_lines(unit, line_ids):
    """The chosen lines, each ready for ``unit``'s decision; refuses anything else."""
    if not line_ids:
        raise ValidationError({"lines": "Chọn ít nhất một đề nghị chờ quyết định."})
    chosen = list(ready_lines(unit).filter(pk__in=line_ids))
    if len(chosen) != len(set(line_ids)):
        raise StaleDecision({"lines": "Có đề nghị không còn chờ quyết định tại đơn vị; hãy tải lại trang."})
    return chosen


def _apply(decision, fields):
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(decision, name, fields[name] if fields[name] is not None or name in ("number", "signed_on")
                    else "")
    decision.full_clean(exclude=["issuing_unit", "created_by"])


@transaction.atomic
def create_decision(unit, *, actor, fields: dict, line_ids) -> Decision:
    """A draft decision of ``unit`` over the chosen ready lines (the clerk or the approver prepares it)."""
    if not may_draft(actor, unit):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT hoặc lãnh đạo của {unit.name} mới lập được quyết định.")
    chosen = _check_lines(unit, line_ids)
    decision = Decision(issuing_unit=unit, created_by=actor)
    _apply(decision, fields)
    decision.save()
    decision.lines.set(chosen)
    return decision


def draft_retained_decision(dossier, *, actor) -> Decision | None:
    """The draft decision over the lines a unit grants itself, opened as it sends its list (``dossier``: the
    packet that stays at the unit). The Tờ trình going up lists only the other lines, so these are decided
    here, on the prefilled draft the clerk completes and the approver issues."""
    unit = dossier.sender
    lines = list(ready_lines(unit).filter(dossier=dossier))
    if not lines:
        return None
    return create_decision(unit, actor=actor, fields=draft_defaults(unit, lines, on=timezone.localdate()),
                           line_ids=[line.pk for line in lines])


def _lock_decision(decision, actor):
    locked = (Decision.objects.visible_to(actor).select_for_update(of=("self",)).select_related("issuing_unit")
              .filter(pk=decision.pk).first())
    if locked is None:
        raise PermissionDenied("Không tìm thấy quyết định này trong phạm vi của bạn.")
    if not locked.is_draft:
        who = locked.issued_by.full_name if locked.issued_by_id else "người khác"
        raise StaleDecision(f"Quyết định {locked.number_text} đã được {who} ban hành; không sửa được nữa.")
    return locked


@transaction.atomic
def update_decision(decision, *, actor, fields: dict, line_ids, expected_version=None) -> Decision:
    """Edit a draft: its fields and the lines it decides."""
    locked = _lock_decision(decision, actor)
    if not may_draft(actor, locked.issuing_unit):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT hoặc lãnh đạo của {locked.issuing_unit.name} mới sửa được quyết định.")
    if expected_version is not None and locked.version != expected_version:
        raise StaleDecision("Dự thảo vừa được người khác sửa; trang đã tải lại nội dung mới.")
    chosen = _check_lines(locked.issuing_unit, line_ids)
    _apply(locked, fields)
    locked.version += 1
    locked.save()
    locked.lines.set(chosen)
    return locked


# Issuing

def issue_decision(decision, *, actor) -> Decision:
    """Issue a draft: award records, lines decided, one DECIDE event per packet, the PDF frozen. All or nothing."""
    with files_removed_on_rollback("private") as stored:
        return _issue(decision, actor, stored)


def _issue(decision, actor, stored):
    from awards.documents.decision import render_decision_pdf  # WeasyPrint loads only where decisions are issued

    locked = _lock_decision(decision, actor)
    unit = locked.issuing_unit
    if not holds_role_at(actor, unit, (R.APPROVER,)):
        raise PermissionDenied(f"Chỉ lãnh đạo của {unit.name} mới ban hành được quyết định.")
    _check_complete(locked)
    line_ids = sorted(locked.lines.values_list("pk", flat=True))
    if not line_ids:
        raise ValidationError("Quyết định chưa có đề nghị nào.")
    packet_ids = sorted(set(DossierLine.objects.filter(pk__in=line_ids).values_list("dossier_id", flat=True)))
    # Packets in pk order, as every service locks them: two issuers never wait on each other crosswise.
    packets = list(Dossier.objects.visible_to(actor).select_for_update(of=("self",))
                   .select_related("sender", "receiver").filter(pk__in=packet_ids).order_by("pk"))
    if len(packets) != len(packet_ids):
        raise PermissionDenied("Có hồ sơ của quyết định này nằm ngoài phạm vi của bạn.")
    wanted = set(line_ids)
    by_packet = []
    for packet in packets:
        lines = journal.read_lines(packet)
        mine = [line for line in lines if line.pk in wanted]
        _check_still_ready(locked, unit, packet, mine)
        if A.DECIDE not in workflow.allowed_actions(packet, actor, lines):
            raise PermissionDenied(workflow.refusal(packet, actor, A.DECIDE))
        by_packet.append((packet, lines, mine))

    locked.status, locked.issued_at, locked.issued_by = Decision.Status.ISSUED, timezone.now(), actor
    locked.version += 1
    plan_ids = {line.nomination_line.plan_id for _p, _l, mine in by_packet for line in mine} - {None}
    thematic = set(Plan.objects.filter(pk__in=plan_ids, kind=Plan.Kind.THEMATIC).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            locked.save()
            granted = AwardRecord.objects.bulk_create(
                [record_for(locked, line, thematic_plans=thematic) for _p, _l, mine in by_packet for line in mine],
                batch_size=500)
    except IntegrityError:
        raise StaleDecision({"number": f"Số {locked.number_text} vừa được dùng cho một quyết định khác năm "
                                       f"{locked.signed_on.year}, hoặc một đề nghị vừa được quyết định; "
                                       "hãy kiểm tra lại."}) from None
    award_tallies.recount_for_records(granted)  # written in bulk, past the tally's receivers
    for packet, lines, mine in by_packet:
        dossiers.decide_locked(packet, lines, actor=actor, chosen={line.pk for line in mine},
                               comment=f"Quyết định số {locked.number_text} ngày {locked.signed_on:%d/%m/%Y}",
                               details={"decision": locked.pk, "number": locked.number_text})
    pdf = render_decision_pdf(locked)
    locked.issued_pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    locked.issued_pdf.save(f"quyet-dinh-{locked.pk}.pdf", ContentFile(pdf), save=False)
    stored.append(locked.issued_pdf.name)
    Decision.objects.filter(pk=locked.pk).update(issued_pdf=locked.issued_pdf.name,
                                                 issued_pdf_sha256=locked.issued_pdf_sha256)
    return locked


def _check_complete(locked):
    missing = previews.decision_missing(locked)
    if missing:
        raise ValidationError(f"Điền đủ trước khi ban hành: {', '.join(missing)}.")
    if locked.signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "Ngày ký không được sau ngày hôm nay."})


def _check_still_ready(locked, unit, packet, lines):
    """Every line still waits for this unit's decision; else say who decided it, and by which decision."""
    for line in lines:
        if line.status == L.READY and line.deciding_unit_id == unit.pk and packet.receiver_id == unit.pk:
            continue
        other = (Decision.objects.filter(lines=line, status=Decision.Status.ISSUED).exclude(pk=locked.pk)
                 .select_related("issued_by").first())
        name = line.nomination_line.subject_name
        if other is not None:
            raise StaleDecision(f"Đề nghị khen thưởng {name} vừa được {other.issued_by.full_name} quyết định "
                                f"tại Quyết định số {other.number_text} ngày {other.signed_on:%d/%m/%Y}; "
                                "hãy bỏ đề nghị này khỏi dự thảo.")
        raise StaleDecision(f"Đề nghị khen thưởng {name} không còn chờ quyết định "
                            f"({line.get_status_display().lower()}); hãy bỏ đề nghị này khỏi dự thảo.")


def record_for(decision, line, *, thematic_plans) -> AwardRecord:
    """The award record a decided line leaves in the subject's history (``thematic_plans``: ids of the
    thematic plans among those the lines answer)."""
    proposal = line.nomination_line
    award, award_class = line.awarded()
    # A grant answering a thematic plan (theo đợt, chuyên đề) is a campaign result: it never counts
    # toward higher forms. Under a regular (yearly) plan, or none, the kind is the catalogue's (left
    # blank, read through effective_kind).
    kind = AwardType.Kind.THEMATIC if proposal.plan_id in thematic_plans else ""
    return AwardRecord(
        person_id=proposal.person_id, collective_id=proposal.collective_id, household=proposal.household,
        award=award, award_class=award_class, kind=kind, year=proposal.year,
        decision_number=decision.number_text, decision_date=decision.signed_on, issuing_body=decision.authority,
        source=AwardRecord.Source.PORTAL, decision=decision, dossier_line=line)
