"""The fuzz tests' world: the cast, the rule rows and the records each form acts on."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from awards.services import dossiers

from tests.awards.decision_factories import draft
from tests.awards.dossier_factories import R, approve_all, make_list, official, people, refresh, submit
from tests.conftest import make_plan

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def no_counters_between_tests():
    # Rate limits (public comments, certificate checks) count in the cache: each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def as_user():
    """A client logged in as ``user`` (anonymous when None) that answers a crash with a 500, as production does."""

    def client_for(user=None):
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return client_for


@pytest.fixture
def office(cast, tree, central):
    """The cast with the province clerk, a draft list of Xã Hạ Hòa and a packet submitted to the province."""
    cast.tree = tree
    cast.phuong = official("phuong", tree.phu_tho, R.CLERK)
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    cast.an = an
    cast.draft_list = make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")], title="Danh sách nháp")
    cast.draft_line = cast.draft_list.lines.get()
    [cast.packet] = submit(make_list(tree.ha_hoa, cast.alice, [(binh, "BK_TINH")]), cast.alice)
    cast.province_plan = make_plan(tree.phu_tho, status="issued", dossier_deadline=TODAY + datetime.timedelta(days=10))
    cast.draft_plan = make_plan(tree.ha_hoa)
    return cast


@pytest.fixture
def received(office):
    """The submitted packet received by the province clerk: it waits for carol's verdicts."""
    dossiers.receive_dossier(office.packet, actor=office.phuong)
    office.packet = refresh(office.packet)
    return office


@pytest.fixture
def granted(office):
    """A decision of Tỉnh Phú Thọ issued over the submitted packet: an award record with its paper and a flag."""
    from awards.models import AwardRecord, AwardReviewFlag
    from awards.services import certificates, decisions

    dossiers.receive_dossier(office.packet, actor=office.phuong)
    approve_all(office.packet, office.carol)
    dossiers.settle_dossier(refresh(office.packet), actor=office.dave)
    decision = draft(office.tree.phu_tho, office.phuong, decisions.ready_lines(office.tree.phu_tho))
    office.decision = decisions.issue_decision(decision, actor=office.dave)
    office.record = AwardRecord.objects.get(decision=office.decision)
    [office.certificate] = certificates.issue_certificates([office.record], actor=office.root)
    earlier = AwardRecord.objects.create(person=office.record.person, award=office.record.award, year=2024,
                                         decision_number="12/QĐ-UBND", decision_date=datetime.date(2024, 3, 1),
                                         issuing_body="Chủ tịch UBND tỉnh", source=AwardRecord.Source.PORTAL)
    office.flag = AwardReviewFlag.objects.create(record=office.record, cause=earlier, reason="Cần rà soát.")
    return office


@pytest.fixture
def hearing(office):
    """A Huân chương Lao động proposal reviewed at the province, listed for public comment (with one comment) and
    on the agenda of an open council session kept by sarah."""
    from django.utils import timezone

    from awards.services import consultations, councils

    from tests.awards.council_factories import make_council

    today = timezone.localdate()
    [packet] = submit(make_list(office.tree.ha_hoa, office.alice, [(office.an, "HC_LAO_DONG")]), office.alice)
    dossiers.receive_dossier(packet, actor=office.phuong)
    approve_all(packet, office.carol)
    unit = office.tree.phu_tho
    office.consultation = consultations.open_consultation(
        actor=office.phuong, unit=unit, title="Lấy ý kiến đề nghị khen thưởng cấp Nhà nước",
        line_ids=[line.pk for line in consultations.candidate_lines(unit)], opens_on=today,
        where_published="Cổng thông tin điện tử tỉnh")
    office.comment = consultations.submit_comment(office.consultation, name="Nguyễn Thị Hoa", text="Đồng ý đề nghị.")
    office.sarah = official("sarah", unit, R.SECRETARY)
    make_council(unit)
    office.session = councils.open_session(actor=office.sarah, unit=unit, held_on=today, place="Hội trường")
    return office


@pytest.fixture
def settled(office):
    """The submitted packet received, approved and settled: its line waits for the province's decision."""
    dossiers.receive_dossier(office.packet, actor=office.phuong)
    approve_all(office.packet, office.carol)
    dossiers.settle_dossier(refresh(office.packet), actor=office.dave)
    return office
