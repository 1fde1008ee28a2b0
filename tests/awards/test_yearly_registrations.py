"""The yearly registration sheet: rows, the duplicate rule, sending, and the roll-up."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import AwardType, YearlySheet
from awards.services.yearly_registrations import add_yearly_entry, send_yearly_sheet

from tests.conftest import make_person


def award(code):
    return AwardType.objects.get(code=code)


@pytest.fixture
def an(tree):
    return make_person("Nguyễn Văn An", tree.ha_hoa)


def test_it_opens_the_sheet_on_the_first_row(cast, tree, an):
    entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=an, title=award("LDTT"))
    assert entry.sheet.unit == tree.ha_hoa and entry.sheet.year == 2026
    assert entry.sheet.status == YearlySheet.Status.DRAFT


def test_it_refuses_a_person_registered_twice_for_the_same_title_naming_the_row(cast, tree, an):
    other = make_person("Trần Thị Bình", tree.ha_hoa)
    add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=other, title=award("LDTT"))
    add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=an, title=award("LDTT"))
    with pytest.raises(ValidationError) as error:
        add_yearly_entry(tree.ha_hoa, actor=cast.bob, period="2026", person=an, title=award("LDTT"))
    assert "Nguyễn Văn An đã được đăng ký danh hiệu “Lao động tiên tiến” năm 2026 ở dòng 2 của bảng đăng ký " \
           "Xã Hạ Hòa" in error.value.messages[0]


def test_it_accepts_the_same_person_for_another_year(cast, tree, an):
    add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=an, title=award("LDTT"))
    assert add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2027", person=an, title=award("LDTT"))


def test_it_refuses_a_bad_period(cast, tree, an):
    with pytest.raises(ValidationError, match="năm học"):
        add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026-2028", person=an, title=award("LDTT"))


def test_it_accepts_a_school_year(cast, tree, an):
    entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026-2027", person=an, title=award("LDTT"))
    assert entry.sheet.period == "2026-2027" and entry.sheet.year == 2026


def test_it_refuses_a_person_outside_the_unit(cast, tree):
    stranger = make_person("Lê Văn Xa", tree.hien_luong)
    with pytest.raises(ValidationError, match="phải thuộc đơn vị"):
        add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=stranger, title=award("LDTT"))


def test_only_the_approver_sends_and_then_the_sheet_is_locked(cast, tree, an):
    entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=an, title=award("LDTT"))
    with pytest.raises(PermissionDenied):
        send_yearly_sheet(entry.sheet, actor=cast.alice)
    sheet = send_yearly_sheet(entry.sheet, actor=cast.bob)
    assert sheet.status == YearlySheet.Status.SENT and sheet.sent_by == cast.bob
    with pytest.raises(ValidationError, match="đã gửi"):
        add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", collective=tree.van_phong,
                         title=award("TTLDTT"))


def test_an_outsider_cannot_draft(cast, tree, an):
    with pytest.raises(PermissionDenied):
        add_yearly_entry(tree.ha_hoa, actor=cast.olga, period="2026", person=an, title=award("LDTT"))


def test_a_registered_initiative_is_linked_to_the_recognised_one_of_its_author(cast, tree, an):
    from awards.models import Initiative
    from awards.services.yearly_registrations import link_yearly_initiative as link_initiative

    entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=an, title=award("CSTDCS"),
                             initiative_title="Số hóa hồ sơ một cửa")
    recognised = Initiative.objects.create(title="Số hóa hồ sơ một cửa", year=2026, recognising_body="UBND xã")
    with pytest.raises(ValidationError, match="không phải tác giả"):
        link_initiative(entry, actor=cast.alice, initiative=recognised)
    recognised.authors.add(an)
    assert link_initiative(entry, actor=cast.alice, initiative=recognised).initiative == recognised
