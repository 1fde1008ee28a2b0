"""Issuing and reissuing certificates: who may, numbering from the register, never two valid papers."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import AwardRecord, Certificate, CertificateSeries
from awards.rules import certificates as certificate_rules
from awards.services import certificates

from tests.awards.certificate_factories import make_record, recipients
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def an(tree):
    return make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025090001234", date_of_birth=datetime.date(1990, 4, 2),
                       position="Phó Chủ tịch Hội Nông dân xã")


def test_it_issues_one_paper_per_record_numbered_from_the_bodys_register(cast, tree, an):
    binh = make_person("Trần Thị Bình", tree.ha_hoa, gender="female")
    first, second = make_record(an), make_record(binh)
    papers = certificates.issue_certificates([first, second], actor=cast.alice)
    assert [p.record for p in papers] == [first, second]
    series = CertificateSeries.objects.get()
    assert series.issuing_body == "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ" and series.last_number == 2
    assert series.place == "Phú Thọ"
    assert [p.serial for p in papers] == [series.serial(1), series.serial(2)]
    assert all(p.copy_number == 0 and p.issued_by == cast.alice and p.is_live for p in papers)
    assert len({p.token for p in papers}) == 2 and all(len(p.token) >= 32 for p in papers)


def test_it_uses_the_prefix_an_admin_set_for_the_register(cast, tree, an):
    year = datetime.date.today().year
    CertificateSeries.objects.create(issuing_body="Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ", year=year,
                                     prefix=f"BK-{year}-", digits=4, last_number=41)
    [paper] = certificates.issue_certificates([make_record(an)], actor=cast.alice)
    assert paper.serial == f"BK-{year}-0042"


def test_two_bodies_number_apart(cast, tree, an):
    a = make_record(an)
    b = make_record(an, "GIAY_KHEN", number="12/QĐ-UBND", body="Chủ tịch Ủy ban nhân dân xã Hạ Hòa")
    pa, pb = certificates.issue_certificates([a, b], actor=cast.bob)
    assert pa.series != pb.series and pa.serial != pb.serial
    assert pb.series.place == "Hạ Hòa"


def test_it_never_issues_a_second_original_for_a_record(cast, tree, an):
    record = make_record(an)
    [first] = certificates.issue_certificates([record], actor=cast.alice)
    [again] = certificates.issue_certificates([record], actor=cast.bob)
    assert again.pk == first.pk
    assert Certificate.objects.filter(record=record).count() == 1
    assert CertificateSeries.objects.get().last_number == 1


def test_it_leaves_out_annulled_awards(cast, tree, an):
    live, annulled = make_record(an), make_record(an, "GIAY_KHEN", number="9/QĐ-UBND",
                                                  revoked_on=datetime.date(2026, 3, 1))
    assert [p.record for p in certificates.issue_certificates([live, annulled], actor=cast.alice)] == [live]


def test_a_whole_decision_costs_a_fixed_number_of_queries(cast, tree, django_assert_num_queries):
    records = [make_record(p) for p in recipients(tree.ha_hoa, 60)]
    records = list(AwardRecord.objects.filter(pk__in=[r.pk for r in records]))
    # Savepoint pair, grants and lineage (3), records, valid papers, register: read, create (3 with its
    # savepoint), prefix, lock, advance; one INSERT for all 60 papers.
    with django_assert_num_queries(14):
        papers = certificates.issue_certificates(records, actor=cast.alice)
    assert len(papers) == 60 and len({p.serial for p in papers}) == 60


@pytest.mark.parametrize("who", ["carol", "olga"])
def test_it_refuses_whoever_is_not_clerk_or_approver_over_the_subject(cast, tree, an, who):
    record = make_record(an)
    with pytest.raises(PermissionDenied):
        certificates.issue_certificates([record], actor=getattr(cast, who))
    assert not Certificate.objects.exists()


def test_one_record_out_of_scope_refuses_the_whole_batch(cast, tree, an):
    outsider = make_person("Lê Văn Xa", tree.nha_trang)
    with pytest.raises(PermissionDenied):
        certificates.issue_certificates([make_record(an), make_record(outsider)], actor=cast.alice)
    assert not Certificate.objects.exists() and not CertificateSeries.objects.exists()


def test_the_province_approver_may_issue_for_a_communes_people(cast, tree, an):
    assert certificate_rules.may_issue(cast.dave, make_record(an))
    assert not certificate_rules.may_issue(cast.carol, make_record(an, "GIAY_KHEN", number="1/QĐ"))


def test_a_reissue_keeps_the_record_and_replaces_the_old_copy(cast, tree, an):
    record = make_record(an)
    [original] = certificates.issue_certificates([record], actor=cast.alice)
    copy = certificates.reissue_certificate(original, actor=cast.bob, reason="Bản chính bị mất do lũ.")
    original.refresh_from_db()
    assert copy.record_id == original.record_id == record.pk
    assert copy.copy_number == 1 and copy.copy_label == "Bản cấp lại lần 1" and copy.replaces == original
    assert copy.serial != original.serial and copy.token != original.token
    assert not original.is_live and copy.is_live and copy.reissue_reason == "Bản chính bị mất do lũ."
    second = certificates.reissue_certificate(copy, actor=cast.alice, reason="Bị rách.")
    assert second.copy_number == 2
    assert list(Certificate.objects.live().filter(record=record)) == [second]


def test_a_reissue_needs_a_reason_and_the_valid_copy(cast, tree, an):
    [original] = certificates.issue_certificates([make_record(an)], actor=cast.alice)
    with pytest.raises(ValidationError) as error:
        certificates.reissue_certificate(original, actor=cast.alice, reason="  ")
    assert "Nhập lý do cấp lại." in str(error.value)
    certificates.reissue_certificate(original, actor=cast.alice, reason="Mất.")
    with pytest.raises(ValidationError, match="đã được cấp lại"):
        certificates.reissue_certificate(original, actor=cast.alice, reason="Mất lần nữa.")
    with pytest.raises(PermissionDenied):
        certificates.reissue_certificate(Certificate.objects.live().get(), actor=cast.carol, reason="Mất.")
    assert Certificate.objects.count() == 2


def test_a_decisions_records_are_found_by_number_and_body(cast, tree, an):
    ours = make_record(an)
    make_record(an, "GIAY_KHEN", number="7/QĐ-UBND")
    make_record(make_person("Lê Văn Xa", tree.nha_trang), number="125/QĐ-UBND")
    found = certificate_rules.decision_records(cast.alice, decision_number=" 125/QĐ-UBND ",
                                          issuing_body="Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ")
    assert list(found) == [ours]


def test_a_decision_written_in_capitals_still_prints_its_place_as_a_name(cast, tree, an):
    [paper] = certificates.issue_certificates(
        [make_record(an, body="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU")], actor=cast.alice)
    assert paper.series.place == "Bà Rịa - Vũng Tàu"
