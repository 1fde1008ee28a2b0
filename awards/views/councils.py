"""Council pages: the sessions of the councils a user may see, one session's sheet, closing it, its minutes.

Sessions are read through their scoped queryset (another province's session is "not found"); only
the council's secretary saves or closes one, and the service says why anyone else may not.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from units.confirmation import Confirmation, render_confirmation
from units.downloads import download
from units.forms import add_service_errors, int_or_none
from units.models import Unit
from units.scoping import acting_in, holds_role_at
from units.security_log import record_export

from awards.documents.council_minutes import render_minutes_docx, render_minutes_pdf
from awards.forms.councils import SessionOpenForm, SessionSheetForm
from awards.models import Council, CouncilSession
from awards.rules.tally import count_session
from awards.services import councils, minutes_filing
from awards.views.dossier_documents import DOCX, PDF

PAGE_SIZE = 50


def _secretary_units(user):
    """Units where the user is the council's secretary and a council is in force today."""
    return list(Unit.objects.filter(acting_in(user, councils.SECRETARY), councils__in=Council.objects.in_force())
                .distinct().order_by("name"))


@require_GET
def council_index(request):
    """The sessions of the councils the user may see, newest first; the secretary opens a new one here."""
    return _render_index(request)


def _render_index(request, form=None, status=200):
    sessions = (CouncilSession.objects.visible_to(request.user).select_related("council__unit", "chair")
                .annotate(candidates=Count("ballots")).order_by("-held_on", "-pk"))
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("trang"))
    units = _secretary_units(request.user)
    waiting = {unit.pk: councils.agenda_lines(unit).count() for unit in units}
    if form is None and units:
        form = SessionOpenForm(units=units)
    return render(request, "awards/council_index.html", {
        "page": page, "form": form, "waiting": [(unit, waiting[unit.pk]) for unit in units],
    }, status=status)


@require_POST
def council_session_new(request):
    units = _secretary_units(request.user)
    if not units:
        raise PermissionDenied("Chỉ thư ký Hội đồng TĐKT của đơn vị có hội đồng còn hiệu lực mới mở phiên họp.")
    form = SessionOpenForm(request.POST, units=units)
    if form.is_valid():
        try:
            session = councils.open_session(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã mở phiên họp với {session.ballots.count()} đề nghị chờ biểu quyết.")
            return redirect(session)
    return _render_index(request, form=form, status=400)


def _visible(request, pk):
    return get_object_or_404(CouncilSession.objects.visible_to(request.user)
                             .select_related("council__unit__parent", "chair", "created_by", "closed_by"), pk=pk)


def _render_session(request, session, form=None, status=200):
    count = count_session(session)
    may_write = session.is_open and holds_role_at(request.user, session.council.unit, councils.SECRETARY)
    if may_write and form is None:
        form = SessionSheetForm(session=session, members=count.members, ballots=[v.ballot for v in count.verdicts])
    verdicts = {v.ballot.pk: v for v in count.verdicts}
    live = _live_status(session, count)
    candidates = {row["id"]: row for row in live["candidates"]}
    rows = [(ballot, fields, downgrade, verdicts[ballot.pk], candidates[ballot.pk], analysis)
            for ballot, fields, downgrade, analysis in form.rows()] \
        if may_write else [(v.ballot, None, None, v, candidates[v.ballot.pk], None) for v in count.verdicts]
    return render(request, "awards/council_session_detail.html", {
        "session": session, "count": count, "form": form if may_write else None, "rows": rows, "live": live,
        "minutes_state": minutes_filing.minutes_state(session),
        "may_retry_minutes": holds_role_at(request.user, session.council.unit, councils.SECRETARY),
    }, status=status)


def _live_status(session, count) -> dict:
    """What the session page says of attendance, each candidate's tally beside its threshold and who may still
    vote: rendered into the page, and served as JSON to the page's script, from the same words."""
    candidates = []
    for verdict in count.verdicts:
        room, written = count.still_to_vote(verdict)
        still = [f"{room} thành viên dự họp"] if room else []
        if written:
            still.append(f"{written} thành viên vắng mặt (phiếu bằng văn bản)")
        candidates.append({
            "id": verdict.ballot.pk,
            "tally": verdict.share_text,
            "threshold": f"Cần {verdict.threshold_text}",
            "result": verdict.result_label,
            "saved": f"{verdict.share_text}: {verdict.result_label}" if verdict.rule else "Chưa có quy tắc biểu quyết",
            "still": f"Còn có thể bỏ phiếu: {', '.join(still)}." if still else "Đã đủ phiếu của mọi thành viên.",
        })
    absent = count.absent
    written_counts = any(verdict.written_count for verdict in count.verdicts)
    return {
        "version": session.version,
        "open": session.is_open,
        "present": len(count.present),
        "members": len(count.members),
        "has_quorum": count.has_quorum,
        "attendance": f"{count.quorum_text} — "
                      f"{'đủ' if count.has_quorum else 'chưa đủ'} điều kiện biểu quyết.",
        "may_vote": (f"Bỏ phiếu tại phiên họp: {', '.join(m.full_name for m in count.present) or 'chưa có ai'}."
                     + (f" Có thể gửi phiếu bằng văn bản: {', '.join(m.full_name for m in absent)}."
                        if absent and written_counts else "")),
        "candidates": candidates,
    }


@require_GET
def council_session_status(request, pk):
    """The session page's live figures as JSON, polled by its script. With ``diem_danh`` the count is of the
    members ticked on the secretary's unsaved sheet (``co_mat``), so the quorum shows as they tick."""
    session = _visible(request, pk)
    count = count_session(session)
    if "diem_danh" in request.GET:
        ticked = {int_or_none(value) for value in request.GET.getlist("co_mat")}
        count = count_session(session, attendees=[m for m in count.members if m.pk in ticked],
                              ballots=[verdict.ballot for verdict in count.verdicts])
    return JsonResponse(_live_status(session, count), headers={"Cache-Control": "no-store"})


@require_GET
def council_session_detail(request, pk):
    return _render_session(request, _visible(request, pk))


@require_POST
def council_session_save(request, pk):
    """Save attendance and draft tallies; with ``ket_thuc`` posted, go on to the summary that closes the session.

    Closing cannot be undone, so it is never done from the sheet itself: the secretary reads what the saved
    figures give, candidate by candidate, and confirms there (``council_session_close``).
    """
    session = _visible(request, pk)
    if not holds_role_at(request.user, session.council.unit, councils.SECRETARY):
        raise PermissionDenied(f"Chỉ thư ký Hội đồng TĐKT của {session.council.unit.name} mới được ghi phiên họp.")
    count = count_session(session)
    form = SessionSheetForm(request.POST, session=session, members=count.members,
                            ballots=[v.ballot for v in count.verdicts])
    if not form.is_valid():
        return _render_session(request, session, form, status=400)
    data = form.cleaned_data
    try:
        councils.save_session(session, actor=request.user, chair_id=data["chair"], attendee_ids=data["attendees"],
                              tallies=form.tallies(), place=data["place"], started_at=data["started_at"],
                              expected_version=int_or_none(request.POST.get("version")),
                              minutes=form.minutes(), analyses=form.analyses())
    except councils.SessionClosed as error:
        messages.error(request, " ".join(error.messages))
        return redirect(session)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_session(request, _visible(request, pk), form, status=400)
    messages.success(request, "Đã lưu số liệu phiên họp (chưa kết thúc).")
    if "ket_thuc" in request.POST:
        return redirect("awards:council_session_close", session.pk)
    return redirect(session)


@require_http_methods(["GET", "HEAD", "POST"])
def council_session_close(request, pk):
    """GET: the candidates and the results the saved sheet gives, before closing; POST: close as saved."""
    session = _visible(request, pk)
    if not holds_role_at(request.user, session.council.unit, councils.SECRETARY):
        raise PermissionDenied(f"Chỉ thư ký Hội đồng TĐKT của {session.council.unit.name} mới kết thúc được phiên họp.")
    if request.method != "POST":
        if not session.is_open:
            messages.warning(request, "Phiên họp đã kết thúc.")
            return redirect(session)
        return _close_confirmation(request, session)
    try:
        councils.close_session(session, actor=request.user, expected_version=int_or_none(request.POST.get("version")))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã kết thúc phiên họp: kết quả biểu quyết đã được ghi vào các hồ sơ; biên bản đang "
                                  "được lập và sẽ được lưu vào từng hồ sơ.")
    return redirect(session)


@require_POST
def council_minutes_retry(request, pk):
    """The secretary queues the minutes again when they could not be printed or filed."""
    session = _visible(request, pk)
    job = minutes_filing.retry_minutes(session, actor=request.user)
    if job is None:
        messages.info(request, "Biên bản của phiên họp này đã được lưu vào hồ sơ.")
    else:
        messages.success(request, "Đã đưa việc lập biên bản vào hàng đợi; biên bản sẽ được lưu vào các hồ sơ.")
    return redirect(session)


def _close_confirmation(request, session):
    count = count_session(session)
    results = {}
    for verdict in count.verdicts:
        results[verdict.result_label] = results.get(verdict.result_label, 0) + 1
    page = Confirmation(
        heading="Kết thúc phiên họp Hội đồng", back=session.get_absolute_url(), back_label="Quay lại phiên họp",
        action=reverse("awards:council_session_close", args=[session.pk]), hidden=[("version", session.version)],
        confirm_label="Xác nhận kết thúc phiên họp", tone="danger",
        lead=(f"{session.council.unit.name}. Kết quả theo số liệu đã lưu được ghi vào các hồ sơ kèm biên bản, "
              "không sửa được nữa. Hãy lưu số liệu mới nhất trước khi kết thúc."),
        blocked=bool(count.all_errors) or not count.has_quorum or not count.verdicts,
    )
    page.add("Số đề nghị biểu quyết", f"{len(count.verdicts)} đề nghị")
    page.add("Thành viên dự họp", count.quorum_text)
    page.add("Kết quả", [f"{label}: {n}" for label, n in results.items()])
    page.add("Từng đề nghị", [f"{v.name}: {v.result_label} ({v.share_text})" for v in count.verdicts])
    if not count.has_quorum:
        page.warnings.append(f"Chưa đủ số thành viên dự họp theo quy định: {count.quorum_text}.")
    page.warnings.extend(count.all_errors)
    return render_confirmation(request, page, breadcrumbs=[
        ("Hội đồng thi đua, khen thưởng", reverse("awards:council_index")),
        (f"Phiên họp số {session.pk}", session.get_absolute_url())])


def _minutes(request, pk, render_minutes, content_type, ext):
    session = _visible(request, pk)
    record_export(request, unit=session.council.unit, target=f"Biên bản phiên họp #{session.pk} ({ext})")
    return download(render_minutes(session), councils.minutes_filename(session, ext), content_type=content_type)


@require_GET
def council_minutes_pdf(request, pk):
    return _minutes(request, pk, render_minutes_pdf, PDF, "pdf")


@require_GET
def council_minutes_docx(request, pk):
    return _minutes(request, pk, render_minutes_docx, DOCX, "docx")
