"""A list is sent: its Tờ trình asks the level above only for what goes up, and what the unit grants itself
gets its own draft decision at the unit."""

import pytest

from awards.documents import render_proposal_pdf
from awards.models import Decision, DossierLine, NominationList

from tests.awards.dossier_factories import make_list, people, submit
from tests.campaigns.test_documents import body_text, open_pdf

pytestmark = pytest.mark.django_db
L = DossierLine.Status


def annex_of(nomination_list):
    text = body_text(open_pdf(render_proposal_pdf(NominationList.objects.get(pk=nomination_list.pk))))
    return text[text.index("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"):]


def test_the_sent_proposal_lists_only_the_line_the_province_decides(cast, tree):
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    nomination_list = make_list(tree.ha_hoa, cast.alice, [(an, "GIAY_KHEN"), (binh, "BK_TINH")])

    submit(nomination_list, cast.alice)

    annex = annex_of(nomination_list)
    assert "Trần Thị Bình" in annex and "Bằng khen của Chủ tịch UBND tỉnh" in annex
    assert "Nguyễn Văn An" not in annex and "Giấy khen" not in annex


def test_the_lines_the_commune_grants_itself_get_a_draft_decision_of_the_commune(cast, tree):
    an, binh, cuong = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"])
    nomination_list = make_list(tree.ha_hoa, cast.alice, [(an, "GIAY_KHEN"), (binh, "BK_TINH"),
                                                         (cuong, "GIAY_KHEN")])

    upward, local = submit(nomination_list, cast.alice)

    decision = Decision.objects.get()
    assert (decision.issuing_unit, decision.status, decision.created_by) == (tree.ha_hoa, Decision.Status.DRAFT,
                                                                            cast.alice)
    assert sorted(line.nomination_line.person.full_name for line in decision.lines.all()) == [
        "Lê Văn Cường", "Nguyễn Văn An"]
    assert all(line.dossier_id == local.pk and line.status == L.READY for line in decision.lines.all())
    assert decision.title == "Về việc tặng Giấy khen năm 2026"
    assert decision.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HẠ HÒA"
    assert not upward.lines.filter(pk__in=decision.lines.all()).exists()


def test_a_list_going_up_entirely_opens_no_decision(cast, tree):
    [binh] = people(tree.ha_hoa, ["Trần Thị Bình"])

    submit(make_list(tree.ha_hoa, cast.alice, [(binh, "BK_TINH")]), cast.alice)

    assert not Decision.objects.exists()


def test_the_commune_chair_completes_and_issues_the_draft_the_list_opened(login, cast, tree):
    import datetime

    from django.urls import reverse

    from awards.services import decisions

    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    submit(make_list(tree.ha_hoa, cast.alice, [(an, "GIAY_KHEN")]), cast.alice)
    draft = Decision.objects.get()
    assert "Nguyễn Văn An" in login(cast.bob).get(reverse("awards:decision_detail", args=[draft.pk])).content.decode()

    fields = {**decisions.draft_defaults(tree.ha_hoa, list(draft.lines.all()), on=datetime.date(2026, 3, 5)),
              "signer_name": "Lê Văn Chủ"}
    draft = decisions.update_decision(draft, actor=cast.bob, fields=fields,
                                      line_ids=list(draft.lines.values_list("pk", flat=True)))
    issued = decisions.issue_decision(draft, actor=cast.bob)

    assert issued.status == Decision.Status.ISSUED
    assert list(DossierLine.objects.values_list("status", flat=True)) == [L.DECIDED]
