"""On her phone, without an account, a citizen types a name without diacritics into the register of
decisions, finds the decision that awarded her and opens its list — with the keyboard alone."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from awards.models import AwardRecord, AwardType, Decision

from tests.awards.dossier_factories import load_rule_rows
from tests.conftest import make_person
from tests.e2e.conftest import assert_accessible, fits_the_screen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def issued_decision(tree, actor, number, title, names):
    decision = Decision.objects.create(
        issuing_unit=tree.phu_tho, status=Decision.Status.ISSUED, number=number, symbol="QĐ-UBND", place="Phú Thọ",
        signed_on=datetime.date(2026, 5, 4), title=title, authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ",
        created_by=actor)
    for name in names:
        person = make_person(name, tree.ha_hoa, cccd=f"0250860{number:05d}", date_of_birth=datetime.date(1986, 3, 15),
                             position="Giáo viên")
        AwardRecord.objects.create(person=person, award=AwardType.objects.get(code="BK_TINH"), year=2025,
                                   decision_number=decision.number_text, decision_date=decision.signed_on,
                                   issuing_body="Chủ tịch UBND tỉnh Phú Thọ", source=AwardRecord.Source.PORTAL,
                                   decision=decision)
    return decision


def test_a_citizen_finds_her_decision_by_typing_her_name_without_diacritics(phone, cast, tree):
    load_rule_rows()
    cache.clear()  # the cache table outlives the tables a browser test empties
    issued_decision(tree, cast.dave, 41, "Về việc tặng Bằng khen cho giáo viên tiêu biểu năm học 2024–2025",
                    ["Trần Thị Bình"])
    issued_decision(tree, cast.dave, 42, "Về việc tặng Bằng khen trong phòng, chống thiên tai năm 2025",
                    ["Lê Văn Cường"])

    phone.goto(reverse("public:decision_public_list"))
    phone.get_by_role("heading", name="Quyết định khen thưởng đã ban hành").wait_for()
    assert "2 quyết định đã ban hành" in phone.locator("#ket-qua-tim").inner_text()
    search = phone.get_by_label("Tìm quyết định")
    search.focus()
    phone.keyboard.type("tran thi binh")
    phone.keyboard.press("Enter")

    phone.get_by_role("heading", name="Tìm thấy 1 quyết định").wait_for()
    assert "giáo viên tiêu biểu" in phone.locator("#bang-quyet-dinh").inner_text()
    assert "thiên tai" not in phone.locator("#bang-quyet-dinh").inner_text()
    assert fits_the_screen(phone)
    assert_accessible(phone)

    link = phone.get_by_role("link", name="Số 41/QĐ-UBND")
    link.focus()
    phone.keyboard.press("Enter")
    phone.get_by_role("heading", name="Quyết định số 41/QĐ-UBND ngày 04/05/2026").wait_for()
    listing = phone.locator("#bang-danh-sach").inner_text()
    assert "Trần Thị Bình" in listing and "Giáo viên, Xã Hạ Hòa" in listing and "Bằng khen" in listing
    assert "0250860" not in phone.content() and "15/03/1986" not in phone.content()
    assert fits_the_screen(phone)
    assert_accessible(phone)
