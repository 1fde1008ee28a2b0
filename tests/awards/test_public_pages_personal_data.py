"""Every page anyone may open without an account, built over people full of personal data, shows none of it.

The people awarded and proposed have identity numbers and birth dates; the staff who acted have e-mail
addresses; a citizen's comment carries a phone number and an e-mail; a household is written with its
address; a clerk even typed a phone, an e-mail and an identity number into an achievement. The public
pages (the register of decisions, its search results, a decision's page, the certificate check page and
the consultation pages) may show names, positions, units, awards and achievements, and nothing else.
"""

import datetime

import pytest
from django.urls import reverse

from units.models import Person

from awards.models import AwardRecord, AwardType, NominationLine
from awards.services import certificates, consultations, decisions

from tests.awards.consultation_factories import (
    BIRTH,
    CCCD,
    OPENS,
    fresh_calendar_and_cache,
    hero,
    on_day,
    open_for,
    reviewed_packet,
)
from tests.awards.decision_factories import draft
from tests.awards.test_decision_views import settle_lines

pytestmark = pytest.mark.django_db
__all__ = ["fresh_calendar_and_cache", "on_day"]  # fixtures used by name

PEOPLE_DATA = {  # full name: (CCCD, birth date)
    "Nguyễn Văn Số 0": ("001085012345", datetime.date(1985, 7, 21)),
    "Nguyễn Văn Số 1": ("025190004321", datetime.date(1990, 11, 2)),
    "Nguyễn Văn Số 2": ("038079123456", datetime.date(1979, 1, 30)),
}
STAFF_EMAILS = {"alice": "alice.hahoa@gmail.com", "carol": "carol.sonoivu@phutho.gov.vn",
                "dave": "dave.chutich@phutho.gov.vn"}
COMMENT_CONTACT = "Điện thoại 0987 654 321, thư hoa.nguyen@yahoo.com"
TYPED_INTO_ACHIEVEMENT = ("liên hệ 0913.222.333 hoặc so0@mail.vn, CCCD 001085012345", "0913.222.333", "so0@mail.vn")
HOUSEHOLD = "Hộ ông Phạm Văn Hộ, thôn Đồng Xuân, xã Hạ Hòa, điện thoại 0209 3888 777"


def dates_of(day):
    return [day.strftime(f) for f in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%-d/%-m/%Y")]


def identifiers():
    found = [CCCD, *dates_of(BIRTH), *STAFF_EMAILS.values(), "0987 654 321", "0987654321", "hoa.nguyen@yahoo.com",
             *TYPED_INTO_ACHIEVEMENT[1:], "thôn Đồng Xuân", "0209 3888 777"]
    for cccd, born in PEOPLE_DATA.values():
        found += [cccd, *dates_of(born)]
    return found


@pytest.fixture
def world(cast, tree, central, province_clerk, on_day):
    on_day(OPENS)
    cast.phuong = province_clerk
    for role, email in STAFF_EMAILS.items():
        user = getattr(cast, role)
        user.email = email
        user.save(update_fields=["email"])
    # A state-level proposal under public consultation, of a man with an identity number and a birth date,
    # commented on by a citizen who left a phone number and an e-mail.
    cast.packet = reviewed_packet(cast, cast.alice, tree.ha_hoa, cast.phuong, [(hero(tree.ha_hoa), "HC_LAO_DONG")])
    cast.consultation = open_for(cast.phuong, tree.phu_tho)
    comment = consultations.submit_comment(cast.consultation, name="Nguyễn Thị Hoa", contact=COMMENT_CONTACT,
                                           text="Ông Hùng có nhiều đóng góp cho phong trào nông thôn mới.")
    consultations.answer_comment(comment, actor=cast.phuong, answer="Cảm ơn bà; đã ghi nhận ý kiến.")
    # A provincial decision over three people with identity numbers and birth dates.
    settle_lines(cast, tree, 3)
    for name, (cccd, born) in PEOPLE_DATA.items():
        Person.objects.filter(full_name=name).update(cccd=cccd, date_of_birth=born)
    NominationLine.objects.filter(person__full_name="Nguyễn Văn Số 0").update(
        summary=f"Hoàn thành xuất sắc nhiệm vụ ({TYPED_INTO_ACHIEVEMENT[0]}).")
    cast.decision = decisions.issue_decision(draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho)),
                                             actor=cast.dave)
    # A household on the same decision, written with its address and phone as the proposal form asks.
    household = AwardRecord.objects.create(household=HOUSEHOLD, award=AwardType.objects.get(code="BK_TINH"), year=2026,
                               decision_number=cast.decision.number_text, decision_date=cast.decision.signed_on,
                               issuing_body="Chủ tịch UBND tỉnh Phú Thọ", source=AwardRecord.Source.PORTAL,
                               decision=cast.decision)
    record = AwardRecord.objects.filter(decision=cast.decision, person__full_name="Nguyễn Văn Số 0").get()
    [cast.paper] = certificates.issue_certificates([record], actor=cast.dave)
    [cast.household_paper] = certificates.issue_certificates([household], actor=cast.root)
    return cast


def public_pages(world):
    decisions_list = reverse("public:decision_public_list")
    consultation = world.consultation.pk
    return {
        "register": decisions_list,
        "search by name": f"{decisions_list}?q=nguyen+van+so",
        "search by an identity number": f"{decisions_list}?q={PEOPLE_DATA['Nguyễn Văn Số 0'][0]}",
        "search by a year and province": f"{decisions_list}?nam=2026&co_quan={world.decision.issuing_unit_id}",
        "decision": world.decision.get_public_path(),
        "certificate check": world.paper.get_public_path(),
        "certificate check of a household": world.household_paper.get_public_path(),
        "consultation list": reverse("public:consultation_public_list"),
        "consultation": reverse("public:consultation_public_detail", args=[consultation]),
        "consultation thanks": reverse("public:consultation_public_thanks", args=[consultation]),
    }


def test_no_public_page_shows_an_identity_number_birth_date_phone_email_or_address(client, world):
    leaks = []
    for page, url in public_pages(world).items():
        response = client.get(url)
        assert response.status_code == 200, (page, response.status_code)
        html = response.content.decode()
        # A search page gives back, in its search field, what its reader typed there: nothing else.
        typed = PEOPLE_DATA["Nguyễn Văn Số 0"][0] if page == "search by an identity number" else None
        leaks += [f"{page}: {value}" for value in identifiers() if value in html.replace(f'value="{typed}"', "")]
    assert leaks == []


def test_the_pages_scanned_do_show_what_is_public(client, world):
    pages = public_pages(world)
    decision = client.get(pages["decision"]).content.decode()
    for shown in ("Nguyễn Văn Số 0", "Chuyên viên, Xã Hạ Hòa", "Hộ ông Phạm Văn Hộ", "Hoàn thành xuất sắc nhiệm vụ"):
        assert shown in decision, shown
    assert "Tìm thấy 1 quyết định" in client.get(pages["search by name"]).content.decode()
    # An identity number typed into the search finds nobody: the register does not search by it.
    assert "Tìm thấy 0 quyết định" in client.get(pages["search by an identity number"]).content.decode()
    assert "Nguyễn Văn Hùng" in client.get(pages["consultation"]).content.decode()
    assert "Hộ ông Phạm Văn Hộ" in client.get(pages["certificate check of a household"]).content.decode()
