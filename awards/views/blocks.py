"""Emulation blocks and clusters: the list of a year, a block's page, a member's sheet, the head's cross-check,
the ranking."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from units.confirmation import Confirmation, render_confirmation
from units.forms import add_service_errors, int_or_none
from units.models import Unit
from units.scoping import acting_in

from awards.documents.block_minutes import render_block_minutes_docx, render_block_minutes_pdf, render_covenant_pdf
from awards.forms.blocks import (
    BlockForm,
    BlockRulesForm,
    CovenantForm,
    CriterionForm,
    CrossCheckForm,
    GroupForm,
    LeadersForm,
    MeetingForm,
    SheetForm,
    TargetForm,
    VotesForm,
)
from awards.models import BlockMember, Criterion, EmulationBlock, ScoreEntry, ScoreEvidence, ScoreSheet
from awards.rules import blocks as rules
from awards.services import blocks as services
from awards.views.attachments import uploaded_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def block_or_404(request, pk):
    """The block, if the user sees it; 404 otherwise (another province's block is not there)."""
    return get_object_or_404(EmulationBlock.objects.visible_to(request.user).select_related(
        "organiser", "head", "deputy"), pk=pk)


def member_or_404(request, pk):
    """A member of a block the user sees, with its block's organiser, head and deputy; 404 otherwise."""
    return get_object_or_404(BlockMember.objects.visible_to(request.user).select_related(
        "unit", "block__organiser", "block__head", "block__deputy"), pk=pk)


def _organisers(user):
    return Unit.objects.filter(acting_in(user, rules.ORGANISER_ROLES),
                               kind__in=services.ORGANISER_KINDS).order_by("name")


@require_http_methods(["GET", "POST"])
def block_list(request):
    """The blocks and clusters of a year the user sees; an organiser defines a new one here."""
    year = int_or_none(request.GET.get("nam")) or datetime.date.today().year
    organiser = _organisers(request.user).first()
    form = BlockForm(request.POST or None, organiser=organiser, initial={"year": year}) if organiser else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Bạn không lập được khối, cụm thi đua.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                block = services.create_block(organiser, actor=request.user, year=data["year"], name=data["name"],
                                              kind=data["kind"], units=list(data["units"]))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Đã lập {block.name} năm {block.year}.")
                return redirect(block)
    blocks = (EmulationBlock.objects.visible_to(request.user).filter(year=year)
              .select_related("organiser", "head", "deputy")
              .annotate(member_count=Count("members", distinct=True),
                        sent_count=Count("members", filter=Q(members__sheet__status=ScoreSheet.Status.SENT),
                                         distinct=True))
              .order_by("organiser__name", "name"))
    return render(request, "awards/blocks/list.html", {"blocks": blocks, "year": year, "form": form,
                                                       "organiser": organiser})


def _sheet_states(block):
    return list(block.members.select_related("unit", "sheet").order_by("position"))


def block_detail(request, pk):
    """Members in rotation order, head and deputy, covenant, scoring table and each member's sheet state."""
    block = block_or_404(request, pk)
    organises = rules.can_organise(request.user, block)
    members = _sheet_states(block)
    groups = list(block.groups.prefetch_related("criteria"))
    own = [m for m in members if rules.acts_for_member(request.user, m)]
    return render(request, "awards/blocks/detail.html", {
        "the_block": block, "members": members, "groups": groups, "targets": list(block.targets.all()),
        "organises": organises, "heads": rules.acts_for_head(request.user, block), "own": own,
        "leaders_form": LeadersForm(block=block, initial={"head": block.head_id, "deputy": block.deputy_id})
        if organises else None,
        "target_form": TargetForm() if organises else None,
        "rules_form": BlockRulesForm.of(block) if organises and not block.nomination_list_id else None,
        "tie_rules": [rules.TIE_BREAK_RULES[c] for c in rules.tie_break_codes(block.tie_break)],
        "covenant_form": CovenantForm(initial={"signed_on": block.covenant_signed_on}) if organises else None,
        "group_form": GroupForm() if organises and not block.is_closed else None,
        "copy_from": _last_year(block) if organises and not groups and not block.is_closed else None,
        "criterion_form": CriterionForm(block=block) if organises and groups and not block.is_closed else None,
        "next_head": next((m.unit for m in members if m.unit_id == rules.next_head(block)), None),
    })


def _organiser_post(request, pk, form_class, act, done, **form_kwargs):
    block = block_or_404(request, pk)
    if not rules.can_organise(request.user, block):
        raise PermissionDenied("Chỉ tỉnh, bộ tổ chức khối sửa được khối.")
    form = form_class(request.POST, request.FILES, **({"block": block} if form_kwargs else {}))
    if form.is_valid():
        try:
            act(block, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(block)


@require_POST
def block_leaders(request, pk):
    return _organiser_post(request, pk, LeadersForm, lambda block, d: services.set_block_leaders(
        block, actor=request.user, head=d["head"], deputy=d["deputy"]), "Đã lưu trưởng khối, phó khối.", block=True)


@require_POST
def block_rules(request, pk):
    return _organiser_post(request, pk, BlockRulesForm, lambda block, d: services.set_block_rules(
        block, actor=request.user, tie_break=d["tie_break"], flag_places=d["flag_places"],
        leading_share=d["leading_share"]), "Đã lưu quy tắc xếp hạng và định mức đơn vị dẫn đầu.")


def _last_year(block):
    return (EmulationBlock.objects.filter(organiser=block.organiser_id, year=block.year - 1, name=block.name)
            .first())


@require_POST
def block_copy_table(request, pk):
    """Start the block's scoring table from last year's block of the same name."""
    block = block_or_404(request, pk)
    if not rules.can_organise(request.user, block):
        raise PermissionDenied("Chỉ tỉnh, bộ tổ chức khối sửa được bảng điểm.")
    source = _last_year(block)
    if source is None:
        messages.error(request, f"Năm {block.year - 1} không có {block.name} để sao chép bảng điểm.")
        return redirect(block)
    try:
        services.copy_scoring_table(block, actor=request.user, source=source)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã sao chép bảng điểm năm {source.year}.")
    return redirect(block)


@require_POST
def block_target_add(request, pk):
    return _organiser_post(request, pk, TargetForm, lambda block, d: services.add_covenant_target(
        block, actor=request.user, text=d["text"]), "Đã thêm chỉ tiêu giao ước.")


@require_POST
def block_covenant(request, pk):
    return _organiser_post(request, pk, CovenantForm, lambda block, d: services.sign_covenant(
        block, actor=request.user, signed_on=d["signed_on"], file=d["file"]), "Đã lưu giao ước thi đua.")


@require_POST
def block_group_add(request, pk):
    return _organiser_post(request, pk, GroupForm, lambda block, d: services.add_score_group(
        block, actor=request.user, name=d["name"], kind=d["kind"], max_points=d["max_points"]),
        "Đã thêm nhóm vào bảng điểm.")


@require_POST
def block_criterion_add(request, pk):
    return _organiser_post(request, pk, CriterionForm, lambda block, d: services.add_criterion(
        d["group"], actor=request.user, name=d["name"], max_points=d["max_points"]),
        "Đã thêm tiêu chí.", block=True)


@require_http_methods(["GET", "POST"])
def block_next_year(request, pk):
    """Confirm, then open next year's block with the next member of the rotation proposed as head."""
    block = block_or_404(request, pk)
    if not rules.can_organise(request.user, block):
        raise PermissionDenied("Chỉ tỉnh, bộ tổ chức khối lập được khối năm sau.")
    if request.method == "POST":
        try:
            new = services.roll_block_to_next_year(block, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(block)
        messages.success(request, f"Đã lập {new.name} năm {new.year}; kiểm tra trưởng khối đề xuất.")
        return redirect(new)
    head = block.members.filter(unit_id=rules.next_head(block)).select_related("unit").first()
    confirmation = Confirmation(
        heading=f"Lập {block.name} năm {block.year + 1}", action=request.path, back=block.get_absolute_url(),
        confirm_label="Lập khối năm sau",
        lead="Khối năm sau giữ thành viên, thứ tự luân phiên, bảng điểm và chỉ tiêu giao ước của năm nay.")
    confirmation.add("Trưởng khối đề xuất", head.unit.name if head else "—")
    confirmation.add("Phó khối đề xuất", block.head.name if block.head_id else "—")
    return render_confirmation(request, confirmation)


@require_http_methods(["GET", "POST"])
def block_close(request, pk):
    """Confirm, then close the scoring: no point changes afterwards, the ranking is open to every member."""
    block = block_or_404(request, pk)
    if not rules.acts_for_head(request.user, block):
        raise PermissionDenied("Chỉ đơn vị trưởng khối chốt điểm.")
    if request.method == "POST":
        try:
            services.close_block_scoring(block, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(block)
        messages.success(request, "Đã chốt điểm; bảng xếp hạng đã công khai với các thành viên.")
        return redirect("awards:block_ranking", block.pk)
    members = _sheet_states(block)
    unsent = [m.unit.name for m in members if not (getattr(m, "sheet", None) and m.sheet.is_sent)]
    confirmation = Confirmation(
        heading=f"Chốt điểm {block.name} năm {block.year}", action=request.path, back=block.get_absolute_url(),
        confirm_label="Chốt điểm", tone="danger", blocked=bool(unsent),
        lead="Sau khi chốt, không ai sửa được điểm; mọi thành viên xem được bảng điểm và xếp hạng.")
    confirmation.add("Số thành viên", len(members))
    confirmation.add("Chưa gửi bảng tự chấm", unsent)
    return render_confirmation(request, confirmation)


def _entries(member):
    return {e.criterion_id: e for e in ScoreEntry.objects.filter(sheet__member=member).select_related(
        "checked_by")}


def _criteria(block, member=None):
    """The block's criteria in table order; with ``member``, each carries that member's evidence files
    (``attached``), read in one query."""
    criteria = list(Criterion.objects.filter(group__block=block).select_related("group")
                    .order_by("group__position", "position"))
    if member is not None:
        files = {}
        for evidence in ScoreEvidence.objects.filter(sheet__member=member):
            files.setdefault(evidence.criterion_id, []).append(evidence)
        for criterion in criteria:
            criterion.attached = files.get(criterion.pk, [])
    return criteria


@require_http_methods(["GET", "POST"])
def block_sheet(request, pk):
    """A member's self-score sheet: its own people fill it while it is a draft; others see it per the rule in
    ``rules.can_see_scores``."""
    member = member_or_404(request, pk)
    block = member.block
    sheet = ScoreSheet.objects.filter(member=member).first()
    if not rules.can_see_scores(request.user, member, sheet):
        return render(request, "awards/blocks/sheet.html", {"member": member, "the_block": block, "hidden": True})
    editable = rules.acts_for_member(request.user, member) and not block.is_closed and not (sheet and sheet.is_sent)
    criteria, entries = _criteria(block, member), _entries(member)
    form = SheetForm(request.POST or None, criteria=criteria, entries=entries) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Bảng tự chấm điểm này không sửa được.")
        if form.is_valid():
            try:
                saved = services.save_self_scores(member, actor=request.user, rows=form.scores())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Đã lưu điểm {saved} tiêu chí.")
                return redirect("awards:block_sheet", member.pk)
    rows = [(c, entries.get(c.pk)) for c in criteria]
    return render(request, "awards/blocks/sheet.html", {
        "member": member, "the_block": block, "sheet": sheet, "form": form, "rows": rows,
        "can_send": editable and bool(entries)})


@require_http_methods(["GET", "POST"])
def block_sheet_send(request, pk):
    """Confirm, then send the sheet to the head: it can no longer be changed by the member."""
    member = member_or_404(request, pk)
    if not rules.acts_for_member(request.user, member):
        raise PermissionDenied("Chỉ đơn vị thành viên gửi bảng tự chấm điểm của mình.")
    back = reverse("awards:block_sheet", args=[member.pk])
    if request.method == "POST":
        try:
            services.send_score_sheet(member, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Đã gửi bảng tự chấm điểm đến trưởng khối.")
        return redirect(back)
    entries = _entries(member)
    criteria = _criteria(member.block)
    missing = [c.name for c in criteria if c.pk not in entries]
    confirmation = Confirmation(
        heading=f"Gửi bảng tự chấm điểm của {member.unit.name}", action=request.path, back=back,
        confirm_label="Gửi trưởng khối", blocked=bool(missing) or not criteria,
        lead="Sau khi gửi, đơn vị không sửa được điểm; trưởng khối chấm kiểm tra chéo.")
    confirmation.add("Khối", str(member.block))
    confirmation.add("Số tiêu chí đã chấm", f"{len(entries)}/{len(criteria)}")
    confirmation.add("Tiêu chí chưa chấm", missing)
    return render_confirmation(request, confirmation)


@require_http_methods(["GET", "POST"])
def block_cross_check(request, pk):
    """The head's cross-check of a member's sent sheet: one line at a time, a reason for each change."""
    member = member_or_404(request, pk)
    block = member.block
    if not rules.acts_for_head(request.user, block):
        raise PermissionDenied("Chỉ đơn vị trưởng khối chấm kiểm tra chéo.")
    sheet = ScoreSheet.objects.filter(member=member).first()
    entries = _entries(member)
    failed = None
    if request.method == "POST":
        entry = ScoreEntry.objects.filter(pk=int_or_none(request.POST.get("entry")), sheet__member=member).first()
        if entry is None:
            messages.error(request, "Chọn một dòng của bảng điểm để chấm kiểm tra chéo.")
            return redirect("awards:block_cross_check", member.pk)
        failed = CrossCheckForm(request.POST, prefix=f"e{entry.pk}")
        if failed.is_valid():
            data = failed.cleaned_data
            try:
                services.cross_check_score(entry, actor=request.user, points=data["points"],
                                           reason=data["reason"], seen_points=data["seen_points"])
            except ValidationError as error:
                add_service_errors(failed, error)
            else:
                messages.success(request, "Đã lưu điểm kiểm tra chéo.")
                return redirect("awards:block_cross_check", member.pk)
        failed.entry_id = entry.pk
    rows = []
    for criterion in _criteria(block, member):
        entry = entries.get(criterion.pk)
        form = None
        if entry is not None and sheet and sheet.is_sent and not block.is_closed:
            form = failed if failed is not None and failed.entry_id == entry.pk else CrossCheckForm(
                prefix=f"e{entry.pk}", initial={"points": entry.points, "reason": entry.check_reason,
                                                "seen_points": entry.points})
        rows.append((criterion, entry, form))
    return render(request, "awards/blocks/cross_check.html", {"member": member, "the_block": block, "sheet": sheet,
                                                              "rows": rows})


@require_http_methods(["GET", "POST"])
def block_ranking(request, pk):
    """The members by total, with the rule that broke each tie; open to every member once the scoring is closed,
    to the head and organiser before. After closing, the head records the meeting's votes here."""
    block = block_or_404(request, pk)
    heads = rules.acts_for_head(request.user, block)
    if not (block.is_closed or heads):
        return render(request, "awards/blocks/ranking.html", {"the_block": block, "hidden": True})
    members = list(block.members.select_related("unit").order_by("position"))
    form = VotesForm(request.POST or None, members=members) if heads and block.is_closed else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Chỉ đơn vị trưởng khối ghi kết quả bỏ phiếu sau khi chốt điểm.")
        if form.is_valid():
            try:
                services.record_block_votes(block, actor=request.user, votes=form.votes())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã ghi kết quả bỏ phiếu.")
                return redirect("awards:block_ranking", block.pk)
    return render(request, "awards/blocks/ranking.html", {
        "the_block": block, "standings": rules.ranking(block), "form": form,
        "rules": [rules.TIE_BREAK_RULES[c] for c in rules.tie_break_codes(block.tie_break)]})


@require_http_methods(["GET", "POST"])
def block_meeting(request, pk):
    """The block's meeting after closing: attendance, votes and the leading units voted forward, within the quota."""
    block = block_or_404(request, pk)
    heads = rules.acts_for_head(request.user, block)
    members = list(block.members.select_related("unit", "proposed_award").order_by("position"))
    editable = heads and block.is_closed and not block.nomination_list_id
    form = MeetingForm(request.POST or None, members=members, initial={
        "held_on": block.meeting_on, "place": block.meeting_place, "chair": block.meeting_chair,
        "secretary": block.meeting_secretary}) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Chỉ đơn vị trưởng khối ghi kết quả họp khối, sau khi chốt điểm.")
        if form.is_valid():
            try:
                services.record_block_meeting(block, actor=request.user, **form.meeting())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã ghi kết quả họp khối.")
                return redirect("awards:block_meeting", block.pk)
    return render(request, "awards/blocks/meeting.html", {
        "the_block": block, "members": members, "form": form,
        "limit": block.leading_limit(len(members)), "can_nominate": rules.can_nominate(request.user, block)})


def _minutes(request, pk, render_file, extension, content_type):
    # Before the meeting it prints the same layout with blanks to fill in by hand.
    block = block_or_404(request, pk)
    response = HttpResponse(render_file(block), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-hop-khoi-{block.pk}.{extension}"'
    return response


def block_minutes_pdf(request, pk):
    return _minutes(request, pk, render_block_minutes_pdf, "pdf", "application/pdf")


def block_minutes_docx(request, pk):
    return _minutes(request, pk, render_block_minutes_docx, "docx", DOCX)


@require_http_methods(["GET", "POST"])
def block_nominate(request, pk):
    """Confirm, then turn the meeting's leading units into a draft list of the organiser, minutes attached."""
    block = block_or_404(request, pk)
    if not rules.can_nominate(request.user, block):
        raise PermissionDenied("Chỉ cán bộ TĐKT của tỉnh, bộ tổ chức khối lập danh sách đề nghị.")
    back = reverse("awards:block_meeting", args=[block.pk])
    if request.method == "POST":
        try:
            nomination_list = services.nominate_block_leaders(block, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        messages.success(request, "Đã lập danh sách đề nghị khen thưởng (đang soạn) kèm biên bản họp khối.")
        return redirect("awards:nomination_list_detail", nomination_list.pk)
    leaders = list(block.members.filter(proposed_award__isnull=False).select_related("unit", "proposed_award"))
    confirmation = Confirmation(
        heading=f"Lập danh sách đề nghị từ {block.name} năm {block.year}", action=request.path, back=back,
        confirm_label="Lập danh sách đề nghị", blocked=not leaders or bool(block.nomination_list_id),
        lead=f"Danh sách đang soạn của {block.organiser.name}, kèm biên bản họp khối; chỉ lập được một lần.")
    confirmation.add("Đơn vị được đề nghị", [f"{m.unit.name}: {m.proposed_award.name}" for m in leaders])
    if block.nomination_list_id:
        confirmation.warnings.append("Kết quả họp khối đã được chuyển thành danh sách đề nghị.")
    return render_confirmation(request, confirmation)


def block_covenant_file(request, pk):
    """The signed covenant uploaded for the block, to those who see the block; always a download."""
    block = block_or_404(request, pk)
    return uploaded_pdf(block.covenant_file, f"giao-uoc-da-ky-{block.pk}.pdf")


def block_covenant_pdf(request, pk):
    """The covenant generated from the block's targets (the signed copy, when uploaded, is kept on the block)."""
    block = block_or_404(request, pk)
    response = HttpResponse(render_covenant_pdf(block), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="giao-uoc-thi-dua-{block.pk}.pdf"'
    return response
