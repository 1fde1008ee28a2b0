"""Hand-worked eligibility cases, for people and for collectives.

Each case builds a subject's records, asks the engine, and checks the whole explanation: the
verdict, every condition met or failed, the records each one used or left out (and why), the
years missing, the member counts, and the earliest year. The table below is the list of cases
with the verdict each must get (✔ eligible, ✘ not; then the earliest possible year); a test
keeps it in step with CASES.

| case | subject | award, year | verdict |
|---|---|---|---|
| ldtt_good_year | An | LDTT 2025 | ✔ 2025 |
| ldtt_discipline_in_force | An | LDTT 2025 | ✘ 2027 |
| ldtt_after_discipline_ended | An | LDTT 2026 | ✔ 2026 |
| cstdcs_excellent_year | An | CSTDCS 2025 | ✔ 2025 |
| cstdcs_initiative_instead_of_excellence | An | CSTDCS 2025 | ✔ 2025 |
| cstdcs_without_ldtt | An | CSTDCS 2025 | ✘ 2026 |
| cstd_bt_unbroken_streak | An | CSTD_BT 2025 | ✔ 2025 |
| cstd_bt_broken_streak | An | CSTD_BT 2024 | ✘ 2026 |
| cstd_bt_revoked_title_breaks_the_streak | An | CSTD_BT 2024 | ✘ 2026 |
| cstd_bt_district_title_counts_after_the_merger | An | CSTD_BT 2026 | ✔ 2026 |
| cstd_tq_two_consecutive_cycles | An | CSTD_TQ 2025 | ✔ 2025 |
| bk_ttg_too_few_base_titles_in_the_window | An | BK_TTG 2025 | ✘ 2027 |
| bk_ttg_campaign_certificate_never_counts | An | BK_TTG 2025 | ✘ 2026 |
| bk_ttg_certificate_before_discipline_ended | An | BK_TTG 2027 | ✘ 2028 |
| hcld3_with_an_excellent_year | An | HC_LAO_DONG Ba 2025 | ✔ 2025 |
| hcld3_ad_hoc_certificate_never_counts | An | HC_LAO_DONG Ba 2025 | ✘ 2026 |
| award_without_a_standard | An | BK_BO 2025 | ✘ — |
| ttldtt_three_of_four_members | Trường | TTLDTT 2026 | ✔ 2026 |
| ttldtt_exactly_half_is_not_above_half | Trường | TTLDTT 2026 | ✘ 2027 |
| ttldtt_member_warned | Trường | TTLDTT 2026 | ✘ 2028 |
| ttldtt_reprimand_does_not_block | Trường | TTLDTT 2026 | ✔ 2026 |
| ttldxs_all_met | Trường | TTLDXS 2026 | ✔ 2026 |
| ttldxs_unrated_member_and_no_cstdcs | Trường | TTLDXS 2026 | ✘ 2027 |
| commune_members_are_its_offices_not_its_schools | Xã Hạ Hòa | TTLDTT 2026 | ✔ 2026 |
| co_bt_record_conditions | Trường | CO_BT 2026 | ✔ 2026 |
| bk_tinh_merged_commune_rating_counts | Xã Hạ Hòa | BK_TINH 2025 | ✔ 2025 |
| bk_tinh_split_commune_rating_does_not_pass | Xã Hạ Hòa | BK_TINH 2026 | ✘ 2027 |
| bk_ttg_merged_commune_keeps_its_predecessors_titles | Xã Hạ Hòa | BK_TTG 2026 | ✔ 2026 |

An works in the office of Xã Hạ Hòa. Trường is a primary school under Xã Hạ Hòa with four
teachers (Ánh, Bảo, Cúc, Dũng). Xã Vĩnh Chân (of the abolished Huyện Hạ Hoà) was merged into
Xã Hạ Hòa on 1/7/2025; Xã Hương Xạ was split, one part going to Xã Hạ Hòa.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from units.models import Unit, UnitSuccession

from awards.models import AwardRecord, AwardType, DisciplinePeriod, Initiative, TaskRating
from awards.rules.eligibility import Judge, check

from tests.conftest import BEFORE_REFORM, REFORM, make_person, make_unit

pytestmark = pytest.mark.django_db

D = datetime.date
XA, HUYEN, TINH = "UBND xã Hạ Hòa", "UBND huyện Hạ Hòa", "UBND tỉnh Phú Thọ"
GOOD, EXCELLENT, DONE = "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành nhiệm vụ"


@pytest.fixture
def w(tree):
    """The world of the cases: An, the school and its teachers, the merged and the split commune."""
    K = Unit.Kind
    school = make_unit("Trường Tiểu học Hạ Hòa", K.SCHOOL, tree.ha_hoa)
    vinh_chan = make_unit("Xã Vĩnh Chân", K.COMMUNE, tree.ha_hoa_district, valid_to=BEFORE_REFORM)
    huong_xa = make_unit("Xã Hương Xạ", K.COMMUNE, tree.ha_hoa_district, valid_to=BEFORE_REFORM)
    UnitSuccession.objects.create(predecessor=vinh_chan, successor=tree.ha_hoa, kind="merge", effective_date=REFORM)
    UnitSuccession.objects.create(predecessor=huong_xa, successor=tree.ha_hoa, kind="split", effective_date=REFORM)
    teachers = [make_person(name, school, gender=g, position="Giáo viên") for name, g in (
        ("Nguyễn Thị Ánh", "female"), ("Trần Văn Bảo", "male"), ("Lê Thị Cúc", "female"), ("Phạm Văn Dũng", "male"))]
    return SimpleNamespace(an=make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234"), school=school,
                           ha_hoa=tree.ha_hoa, van_phong=tree.van_phong, vinh_chan=vinh_chan, huong_xa=huong_xa,
                           anh=teachers[0], bao=teachers[1], cuc=teachers[2], dung=teachers[3])


# --- building records ---

def _body(year):
    return XA if year >= 2025 else HUYEN


def give(subject, code, *years, body=None, kind="", revoked=None):
    holder = {"collective": subject} if isinstance(subject, Unit) else {"person": subject}
    for year in years:
        AwardRecord.objects.create(**holder, award=AwardType.objects.get(code=code),
                                   award_class="Ba" if code == "HC_LAO_DONG" else "", year=year, kind=kind,
                                   decision_number=f"{year}/{code}", decision_date=D(year + 1, 1, 10),
                                   issuing_body=body or _body(year), revoked_on=revoked)


def rate(subject, rating, *years):
    holder = {"collective": subject} if isinstance(subject, Unit) else {"person": subject}
    for year in years:
        TaskRating.objects.create(**holder, year=year, rating=rating)


def discipline(person, form, start, end):
    DisciplinePeriod.objects.create(person=person, form=form, start=start, end=end)


def initiative(person, title, year, scope):
    Initiative.objects.create(title=title, year=year, scope=scope, recognising_body=TINH).authors.add(person)


# --- what the explanation must say ---

def rec(code, year, body=None, holder=""):
    label = {"LDTT": "Lao động tiên tiến", "CSTDCS": "Chiến sĩ thi đua cơ sở",
             "CSTD_BT": "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "BK_TINH": "Bằng khen của Chủ tịch UBND tỉnh",
             "BK_TTG": "Bằng khen của Thủ tướng Chính phủ", "TTLDXS": "Tập thể lao động xuất sắc"}[code]
    return f"{holder + ': ' if holder else ''}{label} năm {year} ({year}/{code}, {body or _body(year)})"


def yr(year, rating, holder=""):
    return f"{holder + ': ' if holder else ''}Năm {year}: {rating}"


@dataclass
class E:
    """What the explanation of one condition must say (None: not checked)."""

    met: bool
    records: list | None = None
    missing: list | None = None
    ignored: list | None = None
    detail: str | None = None
    certainty: str | None = None


@dataclass
class Case:
    name: str
    subject: str  # attribute of the world
    award: str
    year: int
    eligible: bool
    earliest: int | None
    build: Callable
    conditions: dict = field(default_factory=dict)  # description prefix -> E; must cover every condition
    award_class: str = ""

    def __str__(self):
        return self.name


def _nothing(w):
    pass


# --- people ---

def _ldtt_good_year(w):
    rate(w.an, "good", 2025)


def _ldtt_discipline_in_force(w):
    rate(w.an, "good", 2025)
    discipline(w.an, "reprimand", D(2025, 9, 1), D(2026, 8, 31))


def _ldtt_after_discipline_ended(w):
    discipline(w.an, "reprimand", D(2024, 3, 1), D(2025, 2, 28))
    rate(w.an, "good", 2026)


def _cstdcs_excellent(w):
    give(w.an, "LDTT", 2025)
    rate(w.an, "excellent", 2025)


def _cstdcs_initiative(w):
    give(w.an, "LDTT", 2025)
    rate(w.an, "good", 2025)
    initiative(w.an, "Phần mềm một cửa", 2025, "base")


def _cstdcs_without_ldtt(w):
    rate(w.an, "excellent", 2025)


def _cstd_bt_unbroken(w):
    give(w.an, "CSTDCS", 2023, 2024, 2025)
    initiative(w.an, "Quy trình số hóa", 2024, "province")


def _cstd_bt_broken(w):
    give(w.an, "CSTDCS", 2021, 2022, 2024)
    initiative(w.an, "Quy trình số hóa", 2024, "province")


def _cstd_bt_revoked(w):
    give(w.an, "CSTDCS", 2022, 2024)
    give(w.an, "CSTDCS", 2023, revoked=D(2025, 5, 1))
    initiative(w.an, "Quy trình số hóa", 2024, "province")


def _cstd_bt_after_merger(w):
    give(w.an, "CSTDCS", 2024, body=HUYEN)
    give(w.an, "CSTDCS", 2025, 2026, body=XA)
    initiative(w.an, "Quy trình số hóa", 2025, "province")


def _cstd_tq(w):
    give(w.an, "CSTD_BT", 2022, 2025, body=TINH)
    initiative(w.an, "Nền tảng số thi đua", 2024, "national")


def _bk_ttg_window(w):
    give(w.an, "BK_TINH", 2019, body=TINH)
    rate(w.an, "good", 2021, 2022, 2023, 2024, 2025)
    give(w.an, "CSTDCS", 2021, 2023)


def _bk_ttg_campaign(w):
    give(w.an, "BK_TINH", 2020, body=TINH, kind="thematic")
    rate(w.an, "good", 2021, 2022, 2023, 2024, 2025)
    give(w.an, "CSTDCS", 2021, 2023, 2025)


def _bk_ttg_before_discipline(w):
    give(w.an, "BK_TINH", 2019, body=TINH)
    discipline(w.an, "reprimand", D(2021, 3, 1), D(2022, 2, 28))
    rate(w.an, "good", 2023, 2024, 2025, 2026, 2027)
    give(w.an, "CSTDCS", 2023, 2025, 2027)


def _hcld3(kind):
    def build(w):
        give(w.an, "BK_TTG", 2020, body="Thủ tướng Chính phủ", kind=kind)
        rate(w.an, "good", 2021, 2022, 2023, 2025)
        rate(w.an, "excellent", 2024)
        give(w.an, "CSTDCS", 2021, 2023, 2025)
    return build


# --- collectives ---

def _school_ldtt(*names, rating="good"):
    def build(w):
        rate(w.school, rating, 2026)
        for name in names:
            give(getattr(w, name), "LDTT", 2026)
    return build


def _ttldtt_member_warned(w):
    _school_ldtt("anh", "bao", "cuc")(w)
    discipline(w.dung, "warning", D(2026, 5, 1), D(2027, 4, 30))


def _ttldtt_reprimand(w):
    _school_ldtt("anh", "bao", "cuc")(w)
    discipline(w.dung, "reprimand", D(2026, 5, 1), D(2026, 12, 31))


def _ttldxs_all_met(w):
    _school_ldtt("anh", "bao", "cuc", rating="excellent")(w)
    rate(w.anh, "excellent", 2026)
    rate(w.bao, "good", 2026)
    rate(w.cuc, "good", 2026)
    rate(w.dung, "done", 2026)
    give(w.anh, "CSTDCS", 2026)


def _ttldxs_unrated(w):
    _school_ldtt("anh", "bao", "cuc", rating="excellent")(w)
    for person in (w.anh, w.bao, w.cuc):
        rate(person, "good", 2026)


def _commune_members(w):
    rate(w.ha_hoa, "good", 2026)
    em = make_person("Hoàng Văn Em", w.van_phong)
    make_person("Vũ Thị Giang", w.van_phong, gender="female")
    give(w.an, "LDTT", 2026)
    give(em, "LDTT", 2026)


def _co_bt(w):
    rate(w.school, "excellent", 2026)


def _bk_tinh_merged(w):
    rate(w.vinh_chan, "excellent", 2024)
    rate(w.ha_hoa, "excellent", 2025)


def _bk_tinh_split(w):
    rate(w.huong_xa, "excellent", 2025)
    rate(w.ha_hoa, "excellent", 2026)


def _bk_ttg_merged(w):
    give(w.vinh_chan, "BK_TINH", 2021, body=TINH)
    rate(w.vinh_chan, "excellent", 2022, 2023, 2024)
    give(w.vinh_chan, "TTLDXS", 2023, 2024, body=TINH)
    rate(w.ha_hoa, "excellent", 2025, 2026)


NO_DISCIPLINE = "Không bị kỷ luật"
NO_MEMBER_WARNED = "Không có thành viên bị kỷ luật"
VC = "Xã Vĩnh Chân (đơn vị tiền thân)"
DISCIPLINE_2026 = "thành tích trước khi hết thời hạn kỷ luật (đến 31/08/2026)"
CAMPAIGN = "khen thưởng theo đợt, chuyên đề không được tính làm căn cứ đề nghị khen thưởng cao hơn"
AD_HOC = "khen thưởng đột xuất không được tính làm căn cứ đề nghị khen thưởng cao hơn"
ALL_CLEAR_4 = "Không ai trong 4 thành viên bị kỷ luật ở mức này"

CASES = [
    Case("ldtt_good_year", "an", "LDTT", 2025, True, 2025, _ldtt_good_year, {
        "Xếp loại": E(True, [yr(2025, GOOD)]), NO_DISCIPLINE: E(True, [])}),
    Case("ldtt_discipline_in_force", "an", "LDTT", 2025, False, 2027, _ldtt_discipline_in_force, {
        "Xếp loại": E(False, [], [2025], [f"{yr(2025, GOOD)} — {DISCIPLINE_2026}"]),
        NO_DISCIPLINE: E(False, ["Kỷ luật khiển trách từ 01/09/2025 đến 31/08/2026"], [2025])}),
    Case("ldtt_after_discipline_ended", "an", "LDTT", 2026, True, 2026, _ldtt_after_discipline_ended, {
        "Xếp loại": E(True, [yr(2026, GOOD)]), NO_DISCIPLINE: E(True, [])}),
    Case("cstdcs_excellent_year", "an", "CSTDCS", 2025, True, 2025, _cstdcs_excellent, {
        "Đạt Lao động tiên tiến": E(True, [rec("LDTT", 2025)]), "Hoàn thành xuất sắc": E(True, [yr(2025, EXCELLENT)]),
        "Có sáng kiến": E(False, []), NO_DISCIPLINE: E(True)}),
    Case("cstdcs_initiative_instead_of_excellence", "an", "CSTDCS", 2025, True, 2025, _cstdcs_initiative, {
        "Đạt Lao động tiên tiến": E(True), "Hoàn thành xuất sắc": E(False, [], [2025]),
        "Có sáng kiến": E(True, ["Sáng kiến “Phần mềm một cửa” (2025, cơ sở)"]), NO_DISCIPLINE: E(True)}),
    Case("cstdcs_without_ldtt", "an", "CSTDCS", 2025, False, 2026, _cstdcs_without_ldtt, {
        "Đạt Lao động tiên tiến": E(False, [], [2025], []), "Hoàn thành xuất sắc": E(True),
        "Có sáng kiến": E(False), NO_DISCIPLINE: E(True)}),
    Case("cstd_bt_unbroken_streak", "an", "CSTD_BT", 2025, True, 2025, _cstd_bt_unbroken, {
        "3 năm liên tục": E(True, [rec("CSTDCS", 2025), rec("CSTDCS", 2024), rec("CSTDCS", 2023)], []),
        "Sáng kiến được công nhận": E(True, ["Sáng kiến “Quy trình số hóa” (2024, cấp bộ, ngành, tỉnh)"]),
        NO_DISCIPLINE: E(True)}),
    Case("cstd_bt_broken_streak", "an", "CSTD_BT", 2024, False, 2026, _cstd_bt_broken, {
        "3 năm liên tục": E(False, [rec("CSTDCS", 2024), rec("CSTDCS", 2022)], [2023], []),
        "Sáng kiến được công nhận": E(True), NO_DISCIPLINE: E(True)}),
    Case("cstd_bt_revoked_title_breaks_the_streak", "an", "CSTD_BT", 2024, False, 2026, _cstd_bt_revoked, {
        "3 năm liên tục": E(False, [rec("CSTDCS", 2024), rec("CSTDCS", 2022)], [2023],
                            [f"{rec('CSTDCS', 2023)} — đã bị hủy bỏ ngày 01/05/2025"]),
        "Sáng kiến được công nhận": E(True), NO_DISCIPLINE: E(True)}),
    Case("cstd_bt_district_title_counts_after_the_merger", "an", "CSTD_BT", 2026, True, 2026, _cstd_bt_after_merger, {
        "3 năm liên tục": E(True, [rec("CSTDCS", 2026), rec("CSTDCS", 2025), rec("CSTDCS", 2024, HUYEN)]),
        "Sáng kiến được công nhận": E(True), NO_DISCIPLINE: E(True)}),
    Case("cstd_tq_two_consecutive_cycles", "an", "CSTD_TQ", 2025, True, 2025, _cstd_tq, {
        "2 lần liên tục": E(True, [rec("CSTD_BT", 2025, TINH), rec("CSTD_BT", 2022, TINH)]),
        "Sáng kiến có phạm vi": E(True, ["Sáng kiến “Nền tảng số thi đua” (2024, toàn quốc)"]),
        NO_DISCIPLINE: E(True)}),
    Case("bk_ttg_too_few_base_titles_in_the_window", "an", "BK_TTG", 2025, False, 2027, _bk_ttg_window, {
        "Đã được tặng Bằng khen": E(True, [rec("BK_TINH", 2019, TINH)]),
        "5 năm liên tục": E(True, [yr(y, GOOD) for y in (2025, 2024, 2023, 2022, 2021)]),
        "Có 3 lần": E(False, [rec("CSTDCS", 2021), rec("CSTDCS", 2023)], ignored=[]), NO_DISCIPLINE: E(True)}),
    Case("bk_ttg_campaign_certificate_never_counts", "an", "BK_TTG", 2025, False, 2026, _bk_ttg_campaign, {
        "Đã được tặng Bằng khen": E(False, [], ignored=[f"{rec('BK_TINH', 2020, TINH)} — {CAMPAIGN}"]),
        "5 năm liên tục": E(True), "Có 3 lần": E(True), NO_DISCIPLINE: E(True)}),
    Case("bk_ttg_certificate_before_discipline_ended", "an", "BK_TTG", 2027, False, 2028, _bk_ttg_before_discipline, {
        "Đã được tặng Bằng khen": E(False, [], ignored=[
            f"{rec('BK_TINH', 2019, TINH)} — thành tích trước khi hết thời hạn kỷ luật (đến 28/02/2022)"]),
        "5 năm liên tục": E(True, [yr(y, GOOD) for y in (2027, 2026, 2025, 2024, 2023)]),
        "Có 3 lần": E(True, [rec("CSTDCS", 2023), rec("CSTDCS", 2025), rec("CSTDCS", 2027)]),
        NO_DISCIPLINE: E(True, [])}),
    Case("hcld3_with_an_excellent_year", "an", "HC_LAO_DONG", 2025, True, 2025, _hcld3(""), {
        "Đã được tặng Bằng khen của Thủ tướng": E(True, [rec("BK_TTG", 2020, "Thủ tướng Chính phủ")]),
        "5 năm liên tục": E(True), "Ít nhất 1 năm": E(True, [yr(2024, EXCELLENT)]),
        "Có 3 lần": E(True, [rec("CSTDCS", 2021), rec("CSTDCS", 2023), rec("CSTDCS", 2025)]), NO_DISCIPLINE: E(True)},
        award_class="Ba"),
    Case("hcld3_ad_hoc_certificate_never_counts", "an", "HC_LAO_DONG", 2025, False, 2026, _hcld3("ad_hoc"), {
        "Đã được tặng Bằng khen của Thủ tướng": E(False, [], ignored=[
            f"{rec('BK_TTG', 2020, 'Thủ tướng Chính phủ')} — {AD_HOC}"]),
        "5 năm liên tục": E(True), "Ít nhất 1 năm": E(True), "Có 3 lần": E(True), NO_DISCIPLINE: E(True)},
        award_class="Ba"),
    Case("award_without_a_standard", "an", "BK_BO", 2025, False, None, _nothing, {}),
    Case("ttldtt_three_of_four_members", "school", "TTLDTT", 2026, True, 2026, _school_ldtt("anh", "bao", "cuc"), {
        "Tập thể được xếp loại": E(True, [yr(2026, GOOD)], certainty="K"),
        "Trên 50%": E(True, [rec("LDTT", 2026, holder="Lê Thị Cúc"), rec("LDTT", 2026, holder="Nguyễn Thị Ánh"),
                              rec("LDTT", 2026, holder="Trần Văn Bảo")],
                      detail="3/4 thành viên đạt (75%); chưa đạt: Phạm Văn Dũng", certainty="U"),
        NO_MEMBER_WARNED: E(True, [], detail=ALL_CLEAR_4)}),
    Case("ttldtt_exactly_half_is_not_above_half", "school", "TTLDTT", 2026, False, 2027, _school_ldtt("anh", "bao"), {
        "Tập thể được xếp loại": E(True),
        "Trên 50%": E(False, missing=[2026], detail="2/4 thành viên đạt (50%); chưa đạt: Lê Thị Cúc, Phạm Văn Dũng"),
        NO_MEMBER_WARNED: E(True)}),
    Case("ttldtt_member_warned", "school", "TTLDTT", 2026, False, 2028, _ttldtt_member_warned, {
        "Tập thể được xếp loại": E(True), "Trên 50%": E(True),
        NO_MEMBER_WARNED: E(False, ["Phạm Văn Dũng: Kỷ luật cảnh cáo từ 01/05/2026 đến 30/04/2027"], [2026],
                            detail="1/4 thành viên bị kỷ luật ở mức này")}),
    Case("ttldtt_reprimand_does_not_block", "school", "TTLDTT", 2026, True, 2026, _ttldtt_reprimand, {
        "Tập thể được xếp loại": E(True), "Trên 50%": E(True), NO_MEMBER_WARNED: E(True, [], detail=ALL_CLEAR_4)}),
    Case("ttldxs_all_met", "school", "TTLDXS", 2026, True, 2026, _ttldxs_all_met, {
        "Tập thể được xếp loại": E(True, [yr(2026, EXCELLENT)]),
        "100% thành viên": E(True, detail="4/4 thành viên đạt (100%)", certainty="V"),
        "Từ 70%": E(True, detail="3/4 thành viên đạt (75%); chưa đạt: Phạm Văn Dũng"),
        "Có thành viên đạt": E(True, [rec("CSTDCS", 2026, holder="Nguyễn Thị Ánh")],
                               detail="1/4 thành viên đạt (cần ít nhất 1)"),
        NO_MEMBER_WARNED: E(True, certainty="U")}),
    Case("ttldxs_unrated_member_and_no_cstdcs", "school", "TTLDXS", 2026, False, 2027, _ttldxs_unrated, {
        "Tập thể được xếp loại": E(True),
        "100% thành viên": E(False, missing=[2026], detail="3/4 thành viên đạt (75%); chưa đạt: Phạm Văn Dũng"),
        "Từ 70%": E(True), "Có thành viên đạt": E(False, [], [2026], detail="0/4 thành viên đạt (cần ít nhất 1)"),
        NO_MEMBER_WARNED: E(True)}),
    Case("commune_members_are_its_offices_not_its_schools", "ha_hoa", "TTLDTT", 2026, True, 2026, _commune_members, {
        "Tập thể được xếp loại": E(True, [yr(2026, GOOD)]),
        "Trên 50%": E(True, [rec("LDTT", 2026, holder="Hoàng Văn Em"), rec("LDTT", 2026, holder="Nguyễn Văn An")],
                      detail="2/3 thành viên đạt (66,7%); chưa đạt: Vũ Thị Giang"),
        NO_MEMBER_WARNED: E(True, detail="Không ai trong 3 thành viên bị kỷ luật ở mức này")}),
    Case("co_bt_record_conditions", "school", "CO_BT", 2026, True, 2026, _co_bt, {
        "Tập thể hoàn thành xuất sắc": E(True, [yr(2026, EXCELLENT)], certainty="U"),
        NO_MEMBER_WARNED: E(True, certainty="U")}),
    Case("bk_tinh_merged_commune_rating_counts", "ha_hoa", "BK_TINH", 2025, True, 2025, _bk_tinh_merged, {
        "2 năm liên tục": E(True, [yr(2025, EXCELLENT), yr(2024, EXCELLENT, VC)], []), NO_MEMBER_WARNED: E(True)}),
    Case("bk_tinh_split_commune_rating_does_not_pass", "ha_hoa", "BK_TINH", 2026, False, 2027, _bk_tinh_split, {
        "2 năm liên tục": E(False, [yr(2026, EXCELLENT)], [2025]), NO_MEMBER_WARNED: E(True)}),
    Case("bk_ttg_merged_commune_keeps_its_predecessors_titles", "ha_hoa", "BK_TTG", 2026, True, 2026, _bk_ttg_merged, {
        "Đã được tặng Bằng khen": E(True, [rec("BK_TINH", 2021, TINH, VC)]),
        "5 năm liên tục": E(True, [yr(2026, EXCELLENT), yr(2025, EXCELLENT)]
                            + [yr(y, EXCELLENT, VC) for y in (2024, 2023, 2022)]),
        "Có 1 lần Cờ": E(False, []),
        "Có 2 lần": E(True, [rec("TTLDXS", 2023, TINH, VC), rec("TTLDXS", 2024, TINH, VC)]),
        NO_MEMBER_WARNED: E(True)}),
]


def test_there_are_enough_distinct_cases_for_people_and_collectives():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names)) >= 20
    assert sum(case.subject == "an" for case in CASES) >= 10
    assert sum(case.subject != "an" for case in CASES) >= 10


def test_the_table_in_the_docstring_lists_every_case_with_its_verdict():
    rows = re.findall(r"^\| (\w+) \| [^|]+ \| [^|]+ \| ([✔✘]) (\d{4}|—) \|$", __doc__, re.MULTILINE)
    expected = [(c.name, "✔" if c.eligible else "✘", str(c.earliest) if c.earliest else "—") for c in CASES]
    assert rows == expected


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_engine_explains_the_case(w, case):
    case.build(w)
    subject = getattr(w, case.subject)
    verdict = check(subject, AwardType.objects.get(code=case.award), case.year, award_class=case.award_class)
    data = verdict.as_dict()
    assert (data["eligible"], data["earliest_year"]) == (case.eligible, case.earliest)
    conditions = data["conditions"]
    assert len(conditions) == len(case.conditions), [c["description"] for c in conditions]
    for prefix, expected in case.conditions.items():
        [found] = [c for c in conditions if c["description"].startswith(prefix)]
        got = {"met": found["met"], "records": found["records"], "missing": found["missing_years"],
               "ignored": found["ignored"], "detail": found["detail"], "certainty": found["certainty"]}
        wanted = {k: v for k, v in vars(expected).items() if v is not None}
        assert {k: got[k] for k in wanted} == wanted, f"{case.name}: {found['description']}"


SUBJECTS = ["an", "school", "ha_hoa", "van_phong", "vinh_chan", "huong_xa", "anh", "bao", "cuc", "dung"]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_judged_in_a_batch_with_every_other_subject_the_case_gets_the_same_explanation(w, case):
    # The import judges a list's subjects together: people and collectives mixed, a commune
    # beside its own office, units that continue others. Each must be judged as if alone.
    case.build(w)
    subject = getattr(w, case.subject)
    judge = Judge([getattr(w, name) for name in SUBJECTS])
    together = judge.check(subject, AwardType.objects.get(code=case.award), case.year, award_class=case.award_class)
    alone = check(subject, AwardType.objects.get(code=case.award), case.year, award_class=case.award_class)
    assert together.as_dict() == alone.as_dict()


def test_a_batch_judges_ten_subjects_in_the_queries_of_three(w):
    _commune_members(w)
    _school_ldtt("anh", "bao")(w)
    team, title = AwardType.objects.get(code="TTLDTT"), AwardType.objects.get(code="LDTT")

    def judged(names):
        judge = Judge([getattr(w, name) for name in names])
        with CaptureQueriesContext(connection) as queries:
            for name in names:
                judge.check(getattr(w, name), team if isinstance(getattr(w, name), Unit) else title, 2026)
        return len(queries)

    few = judged(["school", "vinh_chan", "an"])
    assert judged(SUBJECTS) == few
    # Two standards with their conditions; people: awards, ratings, initiatives, discipline;
    # collectives: successions, awards, ratings; the members of 2026: offices, postings with
    # the people, their awards, ratings, discipline; and of 2027 (the school's earliest year
    # is searched, and a member's discipline is never assumed away): postings, awards, ratings,
    # discipline.
    assert few == 4 + 4 + 3 + 5 + 4
