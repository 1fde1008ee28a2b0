"""Dossiers travel up the hierarchy: whole journeys through the services, on both sides of the 2025 reform."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from units.models import Unit

from awards.models import Dossier, DossierEvent, DossierLine, Notification
from awards.rules import hash_chain as audit
from awards.rules.workflow import Action as A
from awards.services import dossiers

from tests.awards.decision_factories import decide
from tests.awards.dossier_factories import (
    R,
    approve_all,
    line_for,
    lines_of,
    make_list,
    official,
    on_day,
    people,
    refresh,
    submit,
)
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db
S, L = Dossier.Status, DossierLine.Status
__all__ = ["on_day"]  # the fixture is used by name below


@pytest.fixture
def central_staff(central):
    return {role: official(f"tw-{role}", central.body, role) for role in (R.CLERK, R.REVIEWER, R.APPROVER)}


def events_of(dossier):
    return list(DossierEvent.objects.filter(dossier=dossier).order_by("seq").values_list("action", flat=True))


# After 1/7/2025: commune → province, a line going on to the centre

def test_a_commune_list_is_split_between_what_the_commune_grants_and_what_goes_to_the_province(
        cast, tree, central, province_clerk, django_capture_on_commit_callbacks):
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    with django_capture_on_commit_callbacks(execute=True):
        upward, local = submit(make_list(tree.ha_hoa, cast.alice, [(an, "GIAY_KHEN"), (binh, "BK_TINH")]), cast.alice)
    assert (upward.sender, upward.receiver, upward.status) == (tree.ha_hoa, tree.phu_tho, S.SUBMITTED)
    assert [(line.nomination_line.person, line.status, line.deciding_unit) for line in lines_of(upward)] == [
        (binh, L.PENDING, tree.phu_tho)]
    assert (local.sender, local.receiver, local.status) == (tree.ha_hoa, tree.ha_hoa, S.CLOSED)
    assert [(line.status, line.deciding_unit) for line in lines_of(local)] == [(L.READY, tree.ha_hoa)]
    assert [stop["name"] for stop in upward.route] == [
        "Xã Hạ Hòa", "Tỉnh Phú Thọ", central.body.name, central.state.name]
    assert events_of(upward) == [A.SUBMIT] and events_of(local) == [A.RETAIN]
    assert Notification.objects.filter(recipient=province_clerk, dossier=upward).exists()
    assert Notification.objects.filter(recipient=cast.bob, dossier=local).exists()


def test_the_province_receives_reviews_and_forwards_a_prime_ministers_line_while_keeping_its_own(
        cast, tree, central, province_clerk, central_staff, django_capture_on_commit_callbacks):
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    [upward] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TTG")]), cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        dossiers.receive_dossier(upward, actor=province_clerk)
    assert Notification.objects.filter(recipient=cast.alice, dossier=upward, verb=A.RECEIVE).exists()
    approve_all(upward, cast.carol)
    bundle = dossiers.forward_dossiers([upward], actor=cast.dave, comment="Trình Thủ tướng.")
    upward = refresh(upward)
    assert upward.status == S.CLOSED
    assert line_for(upward, "BK_TINH").status == L.READY and line_for(upward, "BK_TTG").status == L.FORWARDED
    assert (bundle.sender, bundle.receiver, bundle.status) == (tree.phu_tho, central.body, S.SUBMITTED)
    [moved] = lines_of(bundle)
    assert (moved.nomination_line.person, moved.deciding_unit, moved.previous) == (
        binh, central.body, line_for(upward, "BK_TTG"))
    assert [stop["unit"] for stop in bundle.route] == [tree.phu_tho.pk, central.body.pk, central.state.pk]
    assert sorted(bundle.conflicted_users) == sorted([cast.carol.pk, cast.dave.pk])
    clerk, reviewer, approver = (central_staff[role] for role in (R.CLERK, R.REVIEWER, R.APPROVER))
    dossiers.receive_dossier(bundle, actor=clerk)
    approve_all(bundle, reviewer)
    dossiers.settle_dossier(bundle, actor=approver)
    decide(bundle, approver, number=123, symbol="QĐ-TTg")
    assert [line.status for line in lines_of(bundle)] == [L.DECIDED]
    decide(upward, cast.dave, number=45)
    assert line_for(refresh(upward), "BK_TINH").status == L.DECIDED
    assert events_of(upward) == [A.SUBMIT, A.RECEIVE, A.APPROVE, A.FORWARD, A.DECIDE]
    assert events_of(bundle) == [A.SUBMIT, A.RECEIVE, A.APPROVE, A.SETTLE, A.DECIDE]
    assert all(problem is None for _d, problem in audit.verify_all())


# Before 1/7/2025: commune → district → province → centre

def test_before_the_reform_a_commune_dossier_climbs_district_province_and_centre(tree, central, on_day):
    on_day(datetime.date(2025, 5, 15))
    old_commune = make_unit("Xã Vĩnh Chân", Unit.Kind.COMMUNE, tree.ha_hoa_district, code="08056",
                            valid_to=datetime.date(2025, 6, 30))
    staff = {}
    for key, unit in (("xa", old_commune), ("huyen", tree.ha_hoa_district), ("tinh", tree.old_phu_tho),
                      ("tw", central.body)):
        for role in (R.CLERK, R.REVIEWER, R.APPROVER):
            staff[key, role] = official(f"{key}-{role}", unit, role)
    an, binh, chi = people(old_commune, ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chí"])
    entries = [(an, "CSTDCS"), (binh, "BK_TINH"), (chi, "BK_TTG")]
    [first] = submit(make_list(old_commune, staff["xa", R.CLERK], entries, year=2024), staff["xa", R.CLERK])
    assert [stop["name"] for stop in first.route] == [
        "Xã Vĩnh Chân", "Huyện Hạ Hoà", "Tỉnh Phú Thọ", central.body.name, central.state.name]
    assert first.routed_on == datetime.date(2025, 5, 15)
    assert {line.nomination_line.award.code: line.deciding_unit for line in lines_of(first)} == {
        "CSTDCS": tree.ha_hoa_district, "BK_TINH": tree.old_phu_tho, "BK_TTG": central.body}

    packet, kept = first, []
    for key, next_unit in (("huyen", tree.old_phu_tho), ("tinh", central.body)):
        dossiers.receive_dossier(packet, actor=staff[key, R.CLERK])
        approve_all(packet, staff[key, R.REVIEWER])
        bundle = dossiers.forward_dossiers([packet], actor=staff[key, R.APPROVER])
        kept.append([line.nomination_line.award.code for line in lines_of(packet) if line.status == L.READY])
        assert bundle.receiver == next_unit
        packet = bundle
    assert kept == [["CSTDCS"], ["BK_TINH"]]
    dossiers.receive_dossier(packet, actor=staff["tw", R.CLERK])
    approve_all(packet, staff["tw", R.REVIEWER])
    dossiers.settle_dossier(packet, actor=staff["tw", R.APPROVER])
    assert [(line.nomination_line.person, line.status) for line in lines_of(packet)] == [(chi, L.READY)]
    assert DossierLine.objects.filter(nomination_line__person=chi).count() == 3  # commune, district, province rows


# An internal chain: a room inside a provincial department

def test_an_internal_office_chain_follows_the_tree_and_the_authority_rows(cast, tree, central):
    room = make_unit("Phòng Thi đua - Khen thưởng", Unit.Kind.OFFICE, tree.so_noi_vu)
    clerk = official("phong-tdkt", room, R.CLERK)
    an, binh = people(room, ["Nguyễn Văn An", "Trần Thị Bình"])
    upward, local = submit(make_list(room, clerk, [(an, "GIAY_KHEN"), (binh, "CSTD_BT")]), clerk)
    # The room's head grants Giấy khen (a unit head under Art. 80); only the province grants CSTĐ tỉnh,
    # and the packet passes the department on its way there.
    assert (local.receiver, line_for(local, "GIAY_KHEN").status) == (room, L.READY)
    assert upward.receiver == tree.so_noi_vu
    assert line_for(upward, "CSTD_BT").deciding_unit == tree.phu_tho
    assert [stop["unit"] for stop in upward.route][:3] == [room.pk, tree.so_noi_vu.pk, tree.phu_tho.pk]


# Returns and rounds

def test_single_lines_come_back_with_reasons_are_fixed_and_sent_again_and_the_history_keeps_every_round(
        cast, tree, central, province_clerk, django_capture_on_commit_callbacks):
    an, binh, chi = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chí"])
    nomination_list = make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TINH"), (chi, "BK_TINH")])
    [dossier] = submit(nomination_list, cast.alice)
    dossiers.receive_dossier(dossier, actor=province_clerk)
    first, second, third = lines_of(dossier)
    with django_capture_on_commit_callbacks(execute=True):
        dossiers.return_dossier(dossier, actor=cast.carol, verdicts={
            first.pk: (A.APPROVE, ""), second.pk: (A.RETURN, "Thiếu xác nhận sáng kiến."),
            third.pk: (A.RETURN, "Tóm tắt thành tích chưa nêu số liệu.")})
    dossier = refresh(dossier)
    assert dossier.status == S.RETURNED
    assert [(line.status, line.reason) for line in lines_of(dossier)] == [
        (L.APPROVED, ""), (L.RETURNED, "Thiếu xác nhận sáng kiến."),
        (L.RETURNED, "Tóm tắt thành tích chưa nêu số liệu.")]
    assert Notification.objects.filter(recipient=cast.alice, verb=A.RETURN).exists()
    dossiers.edit_returned_line(third, actor=cast.alice, summary="Hoàn thành 120% kế hoạch thu ngân sách.")
    with pytest.raises(ValidationError, match="Chỉ sửa được đề nghị bị trả lại"):
        dossiers.edit_returned_line(first, actor=cast.alice, summary="Sửa dòng không bị trả lại")
    dossiers.resubmit_dossier(dossier, actor=cast.alice, comment="Đã bổ sung.")
    dossier = refresh(dossier)
    assert (dossier.status, dossier.round) == (S.SUBMITTED, 2)
    assert [line.status for line in lines_of(dossier)] == [L.APPROVED, L.PENDING, L.PENDING]
    assert lines_of(dossier)[2].nomination_line.summary == "Hoàn thành 120% kế hoạch thu ngân sách."
    dossiers.receive_dossier(dossier, actor=province_clerk)
    approve_all(dossier, cast.carol)
    assert [line.status for line in lines_of(refresh(dossier))] == [L.APPROVED] * 3
    rounds = list(DossierEvent.objects.filter(dossier=dossier).order_by("seq").values_list("round", "action"))
    assert rounds == [(1, A.SUBMIT), (1, A.RECEIVE), (1, A.RETURN), (1, A.EDIT), (2, A.RESUBMIT), (2, A.RECEIVE),
                      (2, A.APPROVE)]
    assert DossierEvent.objects.get(dossier=dossier, action=A.RETURN).details["returned"] == {
        str(second.pk): "Thiếu xác nhận sáng kiến.", str(third.pk): "Tóm tắt thành tích chưa nêu số liệu."}


def test_documents_attached_or_removed_while_fixing_a_returned_line_are_steps_in_the_packets_chain(
        cast, tree, central, province_clerk, settings, tmp_path):
    from awards.models import DocumentKind, NominationAttachment
    from awards.services import attachments

    from tests.awards.pdf_files import pdf_upload

    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    nomination_list = make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TINH")])
    [dossier] = submit(nomination_list, cast.alice)
    dossiers.receive_dossier(dossier, actor=province_clerk)
    first, second = lines_of(dossier)
    dossiers.return_dossier(dossier, actor=cast.carol, verdicts={
        first.pk: (A.APPROVE, ""), second.pk: (A.RETURN, "Thiếu xác nhận sáng kiến.")})
    added = attachments.attach(nomination_list, actor=cast.alice, kind=DocumentKind.OTHER,
                               line=second.nomination_line, upload=pdf_upload("xac-nhan-sang-kien.pdf"))
    attachments.remove_attachment(added, actor=cast.alice)
    again = attachments.attach(nomination_list, actor=cast.alice, kind=DocumentKind.OTHER,
                               line=second.nomination_line, upload=pdf_upload("xac-nhan-sang-kien-ban-ky.pdf"))
    steps = list(DossierEvent.objects.filter(dossier=dossier, action=A.EDIT).order_by("seq"))
    assert [(step.details["document"], step.details["name"], step.details["sha256"]) for step in steps] == [
        ("attached", "xac-nhan-sang-kien.pdf", added.sha256), ("removed", "xac-nhan-sang-kien.pdf", added.sha256),
        ("attached", "xac-nhan-sang-kien-ban-ky.pdf", again.sha256)]
    assert "Trần Thị Bình" in steps[0].comment and steps[0].actor == cast.alice
    assert audit.verify_dossier(refresh(dossier)) is None
    # A file's record rewritten behind the services' back no longer matches what the chain holds.
    DossierEvent.objects.filter(pk=steps[-1].pk).update(details={**steps[-1].details, "sha256": "0" * 64})
    assert audit.verify_dossier(refresh(dossier)) is not None
    kept = set(NominationAttachment.objects.filter(nomination_list=nomination_list).values_list("pk", flat=True))
    assert again.pk in kept and added.pk not in kept


def test_a_refused_dossier_names_what_is_missing_and_comes_back_in_the_next_round(
        cast, tree, central, province_clerk):
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [dossier] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")]), cast.alice)
    with pytest.raises(ValidationError):
        dossiers.refuse_dossier(dossier, actor=province_clerk, missing="  ")
    dossiers.refuse_dossier(dossier, actor=province_clerk, missing="Biên bản họp xét chưa có chữ ký.")
    assert refresh(dossier).status == S.REFUSED
    assert DossierEvent.objects.get(dossier=dossier, action=A.REFUSE).comment == "Biên bản họp xét chưa có chữ ký."
    dossiers.resubmit_dossier(dossier, actor=cast.alice)
    assert (refresh(dossier).status, refresh(dossier).round) == (S.SUBMITTED, 2)


# Bundles of several dossiers

def test_a_province_bundles_the_approved_lines_of_two_communes_under_one_packet(
        cast, tree, central, province_clerk, settings):
    from tests.awards.pdf_files import pdf_upload

    alice2 = official("hien-luong-clerk", tree.hien_luong, R.CLERK)
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [binh] = people(tree.hien_luong, ["Trần Thị Bình"])
    [one] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TTG")]), cast.alice)
    [two] = submit(make_list(tree.hien_luong, alice2, [(binh, "BK_TTG")], title="Hiền Lương đề nghị"), alice2)
    for dossier in (one, two):
        dossiers.receive_dossier(dossier, actor=province_clerk)
        approve_all(dossier, cast.carol)
    bundle = dossiers.forward_dossiers([one, two], actor=cast.dave, proposal=pdf_upload("To trinh tinh.pdf"))
    assert {line.nomination_line.person for line in lines_of(bundle)} == {an, binh}
    assert "2 đề nghị từ 2 hồ sơ" in bundle.title
    [proposal] = bundle.attachments.all()
    assert (proposal.kind, proposal.original_name, proposal.page_count) == ("to_trinh", "To trinh tinh.pdf", 1)
    assert DossierEvent.objects.get(dossier=bundle).details == {"sources": [one.pk, two.pk]}


# All or nothing

def test_a_failure_halfway_through_a_forward_leaves_every_dossier_exactly_as_it_was(
        cast, tree, central, province_clerk, monkeypatch):
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    [dossier] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TTG")]), cast.alice)
    dossiers.receive_dossier(dossier, actor=province_clerk)
    approve_all(dossier, cast.carol)
    before = (refresh(dossier).version, [(line.pk, line.status) for line in lines_of(dossier)],
              DossierEvent.objects.count(), Dossier.objects.count(), DossierLine.objects.count())
    from awards.services import journal

    real_record, calls = journal.record_event, []

    def failing_record(*args, **kwargs):
        # The source packet's event is written; the bundle's is not.
        calls.append(kwargs["action"])
        if len(calls) == 2:
            raise RuntimeError("mất kết nối cơ sở dữ liệu")
        return real_record(*args, **kwargs)

    monkeypatch.setattr(journal, "record_event", failing_record)
    with pytest.raises(RuntimeError):
        dossiers.forward_dossiers([dossier], actor=cast.dave)
    after = (refresh(dossier).version, [(line.pk, line.status) for line in lines_of(dossier)],
             DossierEvent.objects.count(), Dossier.objects.count(), DossierLine.objects.count())
    assert calls == [A.FORWARD, A.SUBMIT] and after == before
    assert refresh(dossier).status == S.REVIEWED and audit.verify_dossier(refresh(dossier)) is None


def test_nobody_on_the_route_may_grant_an_award_and_the_list_stays_a_draft(cast, tree):
    # Without the central level, nobody above the province grants the Prime Minister's Bằng khen.
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    nomination_list = make_list(tree.ha_hoa, cast.alice, [(an, "BK_TTG")])
    with pytest.raises(ValidationError, match="Không cấp nào trên đường chuyển hồ sơ .Xã Hạ Hòa → Tỉnh Phú Thọ."):
        submit(nomination_list, cast.alice)
    nomination_list.refresh_from_db()
    assert nomination_list.status == "draft" and not Dossier.objects.exists()
