"""Consultation pages: the staff's list, opening form, comments and answers; the public listing and comment form.

Staff pages read through ``PublicConsultation.objects.visible_to`` (another province's answers
404). Public pages need no login and show of each candidate only what may be published: name,
position and unit, the award proposed and the achievement summary — never identity numbers,
birth dates or documents.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from units.client_address import client_address
from units.forms import add_service_errors
from units.models import Unit
from units.scoping import acting_in, holds_role_at

from awards.forms.consultations import AnswerForm, ConsultationOpenForm, PublicCommentForm
from awards.models import ConsultationComment, Dossier, PublicConsultation
from awards.services import consultations


def _visible(request):
    return PublicConsultation.objects.visible_to(request.user).select_related("unit", "created_by", "closed_by")


def _counted(rows):
    return rows.annotate(
        candidate_count=Count("candidates", distinct=True),
        comment_count=Count("comments", distinct=True),
        unanswered_count=Count("comments", filter=Q(comments__answered_at__isnull=True), distinct=True),
    )


def _open_forms(request, bound=None):
    """One opening form per unit where the user may publish and proposals wait for it."""
    forms = []
    # Only units holding packets at their level can have proposals waiting (one query, however many units).
    waiting = Dossier.objects.filter(status__in=consultations.AT_RECEIVER).values("receiver_id")
    units = Unit.objects.filter(acting_in(request.user, consultations.STAFF_ROLES), pk__in=waiting).order_by("name")
    for unit in units:
        candidates = consultations.candidate_lines(unit)
        if candidates:
            form = bound[1] if bound and bound[0] == unit.pk else ConsultationOpenForm(candidates=candidates,
                                                                                      prefix=f"u{unit.pk}")
            forms.append((unit, form))
    return forms


@require_GET
def consultation_list(request):
    """Every consultation the user may see, newest first, and the forms to open one where proposals wait."""
    rows = _counted(_visible(request)).order_by("-opens_on", "-pk")
    return render(request, "awards/consultation_list.html", {"consultations": rows, "open_forms": _open_forms(request)})


@require_POST
def consultation_open(request, unit_pk):
    unit = get_object_or_404(Unit.objects.filter(acting_in(request.user, consultations.STAFF_ROLES)), pk=unit_pk)
    form = ConsultationOpenForm(request.POST, candidates=consultations.candidate_lines(unit), prefix=f"u{unit.pk}")
    if form.is_valid():
        try:
            consultation = consultations.open_consultation(
                actor=request.user, unit=unit, title=form.cleaned_data["title"], line_ids=form.cleaned_data["lines"],
                opens_on=form.cleaned_data["opens_on"], where_published=form.cleaned_data["where_published"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lập đợt lấy ý kiến; nhận ý kiến đến hết ngày "
                                      f"{consultation.closes_on:%d/%m/%Y}.")
            return redirect(consultation)
    rows = _counted(_visible(request)).order_by("-opens_on", "-pk")
    return render(request, "awards/consultation_list.html",
                  {"consultations": rows, "open_forms": _open_forms(request, bound=(unit.pk, form))}, status=400)


def _render_detail(request, consultation, *, answer_forms=None, status=200):
    answer_forms = answer_forms or {}
    may_manage = consultations.may_manage(request.user, consultation.unit)
    comments = list(consultation.comments.select_related("candidate__line__nomination_line__person",
                                                         "candidate__line__nomination_line__collective",
                                                         "answered_by").order_by("created_at", "pk"))
    for comment in comments:
        comment.form = answer_forms.get(comment.pk) or (
            AnswerForm(initial={"answer": comment.answer}, prefix=f"c{comment.pk}")
            if may_manage and consultation.is_open else None)
    today = timezone.localdate()
    return render(request, "awards/consultation_detail.html", {
        "consultation": consultation, "candidates": consultations.public_candidates(consultation),
        "comments": comments, "unanswered": sum(1 for c in comments if not c.is_answered),
        "may_close": (consultation.is_open and holds_role_at(request.user, consultation.unit,
                                                             consultations.CLOSING_ROLES)),
        "period_over": today > consultation.closes_on,
    }, status=status)


@require_GET
def consultation_detail(request, pk):
    return _render_detail(request, get_object_or_404(_visible(request), pk=pk))


@require_POST
def consultation_answer(request, pk):
    comment = get_object_or_404(ConsultationComment.objects.filter(
        consultation__in=PublicConsultation.objects.visible_to(request.user)).select_related("consultation__unit"),
        pk=pk)
    consultation = comment.consultation
    if not consultations.may_manage(request.user, consultation.unit):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT hoặc chuyên viên thẩm định của {consultation.unit.name} mới trả "
                               "lời ý kiến.")
    form = AnswerForm(request.POST, prefix=f"c{comment.pk}")
    if form.is_valid():
        try:
            consultations.answer_comment(comment, actor=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã ghi câu trả lời ý kiến của {comment.name}.")
            return redirect(f"{consultation.get_absolute_url()}#y-kien-{comment.pk}")
    return _render_detail(request, get_object_or_404(_visible(request), pk=consultation.pk),
                          answer_forms={comment.pk: form}, status=400)


@require_POST
def consultation_close(request, pk):
    consultation = get_object_or_404(_visible(request), pk=pk)
    if not holds_role_at(request.user, consultation.unit, consultations.CLOSING_ROLES):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT của {consultation.unit.name} mới kết thúc được đợt lấy ý kiến.")
    try:
        consultations.close_consultation(consultation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã kết thúc đợt lấy ý kiến; báo cáo kết quả đã được đính kèm vào từng hồ sơ.")
    return redirect(consultation)


# Public pages: no login

def _published():
    return PublicConsultation.objects.public().filter(opens_on__lte=timezone.localdate()).select_related("unit")


@login_not_required
@require_GET
def consultation_public_list(request):
    """The consultations open today, with how many candidates each lists."""
    rows = _published().annotate(candidate_count=Count("candidates")).order_by("closes_on", "pk")
    return render(request, "awards/consultation_public_list.html", {"consultations": rows})


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def consultation_public_detail(request, pk):
    """One open consultation: its candidates (public fields only) and the comment form."""
    consultation = get_object_or_404(_published(), pk=pk)
    candidates = consultations.public_candidates(consultation)
    accepting = consultation.opens_on <= timezone.localdate() <= consultation.closes_on
    form = PublicCommentForm(request.POST or None, candidates=candidates)
    status = 200
    if request.method == "POST":
        if not accepting:
            raise Http404("Đợt lấy ý kiến không còn nhận ý kiến.")
        if form.is_trap:
            # Answer a script as if it had succeeded; nothing is stored.
            return redirect("public:consultation_public_thanks", pk=consultation.pk)
        if form.is_valid():
            if not consultations.comment_allowed(client_address(request)):
                form.add_error(None, "Bạn đã gửi nhiều ý kiến trong thời gian ngắn; vui lòng thử lại sau một giờ.")
                status = 429
            else:
                try:
                    consultations.submit_comment(
                        consultation, name=form.cleaned_data["name"], contact=form.cleaned_data["contact"],
                        text=form.cleaned_data["text"], candidate_id=form.cleaned_data["candidate"])
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    return redirect("public:consultation_public_thanks", pk=consultation.pk)
        status = status if status != 200 else 400
    return render(request, "awards/consultation_public_detail.html", {
        "consultation": consultation, "candidates": candidates, "form": form, "accepting": accepting,
    }, status=status)


@login_not_required
@require_GET
def consultation_public_thanks(request, pk):
    consultation = get_object_or_404(_published(), pk=pk)
    return render(request, "awards/consultation_public_thanks.html", {
        "consultation": consultation, "back": reverse("public:consultation_public_detail", args=[pk])})
