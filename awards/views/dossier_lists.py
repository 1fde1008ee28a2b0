"""The dossier lists: what waits for the user (the inbox, with their notifications) and every packet they may see."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from units.params import id_param

from awards.models import Dossier
from awards.rules import inbox, workflow
from awards.services import journal

PAGE_SIZE = 50
S = Dossier.Status


@require_GET
def dossier_inbox(request):
    """What waits for the user, oldest first, against the level's time limit; and their unread notifications."""
    items, more = inbox.inbox(request.user)
    for item in items:
        item.dossier.where = workflow.where_text(item.dossier, has_ready=item.dossier.has_ready,
                                                 awaiting_council=item.dossier.awaiting_vote)
    return render(request, "awards/dossier_inbox.html", {
        "items": items, "more": more, "notifications": journal.unread_for(request.user),
    })


@require_POST
def notifications_read(request):
    journal.mark_read(actor=request.user)
    return redirect("awards:dossier_inbox")


@require_GET
def dossier_list(request):
    """Every packet the user may see, newest change first, optionally of one status."""
    status = request.GET.get("trang_thai", "")
    status = status if status in S.values else ""
    list_id = id_param(request, "danh_sach")
    rows = inbox.visible_dossiers(request.user, status=status)
    if list_id is not None:
        rows = rows.filter(nomination_list_id=list_id)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    for row in page.object_list:
        row.where = workflow.where_text(row, has_ready=row.first_ready_line is not None)
    return render(request, "awards/dossier_list.html", {"page": page, "status": status, "statuses": S.choices,
                                                        "list_id": list_id})
