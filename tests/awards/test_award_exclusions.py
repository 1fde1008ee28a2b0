"""Forms one subject may not be proposed for together: the exclusion table and its guard in add_line."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from units.models import Unit

from awards.models import AwardExclusion, AwardType, NominationLine
from awards.services import nominations

from tests.conftest import make_person, make_unit

pytestmark = pytest.mark.django_db


def award(code):
    return AwardType.objects.get(code=code)


def new_list(actor, unit, plan, title="Đề nghị khen thưởng năm 2026"):
    return nominations.create_list(actor=actor, unit=unit, plan=plan, year=2026, title=title)


def test_the_pairs_are_rows_marked_uncertain():
    pairs = {(e.award.code, e.excluded_award.code, e.scope) for e in AwardExclusion.objects.select_related(
        "award", "excluded_award")}
    assert {("BK_TINH", "BK_TTG", "same_review"), ("GIAY_KHEN", "BK_TINH", "same_review"),
            ("BK_TINH", "BK_BO", "same_review"), ("LDTT", "CSTT", "same_year")} <= pairs
    assert set(AwardExclusion.objects.values_list("certainty", flat=True)) == {"U"}


def test_it_refuses_a_higher_certificate_for_an_achievement_another_unit_already_proposed(cast, tree, plan, an,
                                                                                           province_clerk):
    nominations.add_line(new_list(cast.alice, tree.ha_hoa, plan, title="Danh sách của xã"), actor=cast.alice,
                         person=an, award=award("BK_TINH"))
    province_list = new_list(province_clerk, tree.phu_tho, plan)
    with pytest.raises(ValidationError) as refused:
        nominations.add_line(province_list, actor=province_clerk, person=an, award=award("BK_TTG"))
    message = refused.value.messages[0]
    assert message.startswith("Nguyễn Văn An đã được Xã Hạ Hòa đề nghị Bằng khen của Chủ tịch UBND tỉnh "
                              "trong kế hoạch này (danh sách “Danh sách của xã”); không đề nghị đồng thời "
                              "Bằng khen của Thủ tướng Chính phủ.")
    assert "Một thành tích chỉ khen một hình thức" in message
    assert not province_list.lines.exists()


def test_the_rule_works_both_ways(cast, tree, an, province_clerk):
    nominations.add_line(new_list(province_clerk, tree.phu_tho, None), actor=province_clerk, person=an,
                         award=award("BK_TTG"))
    with pytest.raises(ValidationError, match="đã được Tỉnh Phú Thọ đề nghị Bằng khen của Thủ tướng Chính phủ "
                                              "khi tổng kết năm 2026"):
        nominations.add_line(new_list(cast.alice, tree.ha_hoa, None), actor=cast.alice, person=an,
                             award=award("GIAY_KHEN"))


def test_the_same_pair_in_different_reviews_is_allowed(cast, tree, plan, an):
    nominations.add_line(new_list(cast.alice, tree.ha_hoa, plan), actor=cast.alice, person=an,
                         award=award("BK_TINH"))
    line = nominations.add_line(new_list(cast.alice, tree.ha_hoa, None, title="Tổng kết năm"), actor=cast.alice,
                                person=an, award=award("GIAY_KHEN"))
    assert line.pk


def test_a_same_year_rule_spans_the_plans_and_the_annual_review(cast, tree, plan, an):
    nominations.add_line(new_list(cast.alice, tree.ha_hoa, None), actor=cast.alice, person=an, award=award("LDTT"))
    with pytest.raises(ValidationError, match="đề nghị Lao động tiên tiến cho thành tích năm 2026 .*Chiến sĩ tiên"):
        nominations.add_line(new_list(cast.alice, tree.ha_hoa, plan, title="Theo kế hoạch"), actor=cast.alice,
                             person=an, award=award("CSTT"))


def test_it_guards_collectives_too(cast, tree, province_clerk):
    school = make_unit("Trường Tiểu học Hạ Hòa", Unit.Kind.SCHOOL, tree.ha_hoa)
    nominations.add_line(new_list(cast.alice, tree.ha_hoa, None), actor=cast.alice, collective=school,
                         award=award("CO_BT"))
    with pytest.raises(ValidationError, match="Trường Tiểu học Hạ Hòa đã được Xã Hạ Hòa đề nghị Cờ thi đua"):
        nominations.add_line(new_list(province_clerk, tree.phu_tho, None), actor=province_clerk, collective=school,
                             award=award("BK_TINH"))


def test_a_rule_that_has_ended_no_longer_applies(cast, tree, plan, an, province_clerk):
    AwardExclusion.objects.filter(award__code="BK_TINH", excluded_award__code="BK_TTG").update(
        valid_to=datetime.date(2025, 12, 31))
    nominations.add_line(new_list(cast.alice, tree.ha_hoa, plan), actor=cast.alice, person=an, award=award("BK_TINH"))
    line = nominations.add_line(new_list(province_clerk, tree.phu_tho, plan), actor=province_clerk, person=an,
                                award=award("BK_TTG"))
    assert line.pk


def test_a_row_added_by_an_administrator_is_enforced(cast, tree, an):
    AwardExclusion.objects.create(award=award("CSTDCS"), excluded_award=award("GIAY_KHEN"), scope="same_year",
                                  reason="Quy chế của tỉnh: không khen Giấy khen cùng năm với CSTĐCS.")
    nominations.add_line(new_list(cast.alice, tree.ha_hoa, None), actor=cast.alice, person=an, award=award("CSTDCS"))
    with pytest.raises(ValidationError, match="Quy chế của tỉnh"):
        nominations.add_line(new_list(cast.alice, tree.ha_hoa, None, title="Bổ sung"), actor=cast.alice, person=an,
                             award=award("GIAY_KHEN"))


def test_households_are_not_matched(cast, tree):
    nomination_list = new_list(cast.alice, tree.ha_hoa, None)
    nominations.add_line(nomination_list, actor=cast.alice, household="Hộ ông Hà Văn Lâm, thôn 3",
                         award=award("BK_TINH"))
    line = nominations.add_line(nomination_list, actor=cast.alice, household="Hộ ông Hà Văn Lâm, thôn 3",
                                award=award("GIAY_KHEN"))
    assert line.eligible is None


@pytest.mark.django_db(transaction=True)
def test_two_units_proposing_excluded_forms_at_once_cannot_both_pass(cast, tree, province_clerk):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only exercised on PostgreSQL")
    # Our own rows: a transactional test must not lean on rows a data migration loaded.
    low, high = (AwardType.objects.create(code=code, name=name, group=AwardType.Group.CERTIFICATE,
                                          for_individuals=True)
                 for code, name in (("BK_THU", "Bằng khen thử"), ("BK_CAO_THU", "Bằng khen cao hơn thử")))
    AwardExclusion.objects.create(award=low, excluded_award=high, reason="Một thành tích, một hình thức.")
    an = make_person("Nguyễn Văn An", tree.van_phong)
    attempts = [(cast.alice, new_list(cast.alice, tree.ha_hoa, None), low),
                (province_clerk, new_list(province_clerk, tree.phu_tho, None), high)]
    start, outcomes = threading.Barrier(2), []

    def propose(actor, nomination_list, form):
        try:
            start.wait()
            nominations.add_line(nomination_list, actor=actor, person=an, award=form)
            outcomes.append("proposed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=propose, args=attempt) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["proposed", "refused"]
    assert NominationLine.objects.filter(person=an).count() == 1
