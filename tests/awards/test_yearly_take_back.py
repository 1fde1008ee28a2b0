"""A yearly sheet after sending: its registered initiatives linked to the recognised ones, the sheet withdrawn by
its unit, acknowledged or returned by the level above, and two people acting at once."""

import datetime
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import AwardType, Initiative, YearlySheet
from awards.rules.yearly_registrations import Action as A, allowed_actions, initiative_choices
from awards.services import yearly_registrations as services
from awards.services.yearly_registrations import (
    acknowledge_yearly_sheet,
    add_yearly_entry,
    link_yearly_initiative,
    return_yearly_sheet,
    send_yearly_sheet,
    withdraw_yearly_sheet,
)

from tests.awards import concurrency
from tests.conftest import make_person

S = YearlySheet.Status


@pytest.fixture
def an(tree):
    return make_person("Nguyễn Văn An", tree.ha_hoa)


@pytest.fixture
def row(cast, tree, an):
    """Nguyễn Văn An's row, registering an initiative, on Hạ Hòa's sheet of 2026."""
    return add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=an,
                            initiative_title="Số hóa hồ sơ một cửa")


@pytest.fixture
def sent(cast, row):
    return send_yearly_sheet(row.sheet, actor=cast.bob)


def recognised(title, *authors, year=2026, **fields):
    initiative = Initiative.objects.create(title=title, year=year, recognising_body="UBND xã Hạ Hòa", **fields)
    initiative.authors.add(*authors)
    return initiative


def messages_of(user):
    return list(LogEntry.objects.filter(user=user).order_by("pk").values_list("change_message", flat=True))


# Linking a registered initiative to the recognised one

def test_the_clerk_links_the_row_to_the_recognised_initiative_of_its_author_even_once_sent(cast, an, row, sent):
    initiative = recognised("Số hóa hồ sơ một cửa cấp xã", an, decision_number="15/QĐ-UBND",
                            decision_date=datetime.date(2026, 11, 20))
    entry = link_yearly_initiative(row, actor=cast.alice, initiative=initiative)
    assert entry.initiative == initiative
    assert entry.recognised_note == "Đã công nhận: Số hóa hồ sơ một cửa cấp xã, Quyết định số 15/QĐ-UBND ngày " \
                                    "20/11/2026"
    assert messages_of(cast.alice)[-1] == ("Gắn “Số hóa hồ sơ một cửa” của Nguyễn Văn An với sáng kiến được công "
                                           "nhận “Số hóa hồ sơ một cửa cấp xã”")


def test_the_clerk_unlinks_a_row(cast, an, row):
    link_yearly_initiative(row, actor=cast.alice, initiative=recognised("Số hóa", an))
    assert link_yearly_initiative(row, actor=cast.alice, initiative=None).initiative is None
    assert messages_of(cast.alice)[-1] == "Bỏ gắn “Số hóa hồ sơ một cửa” của Nguyễn Văn An với “Số hóa”"


def test_it_refuses_an_initiative_of_another_unit_in_vietnamese(cast, tree, row):
    elsewhere = recognised("Sáng kiến của Nha Trang", make_person("Lê Văn Xa", tree.nha_trang))
    with pytest.raises(ValidationError) as error:
        link_yearly_initiative(row, actor=cast.alice, initiative=elsewhere)
    assert "Nguyễn Văn An không phải tác giả của sáng kiến “Sáng kiến của Nha Trang”" in error.value.messages[0]
    row.refresh_from_db()
    assert row.initiative is None


def test_it_refuses_an_initiative_of_another_unit_on_a_collectives_row(cast, tree):
    entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", collective=tree.van_phong,
                             initiative_title="Một cửa điện tử")
    elsewhere = recognised("Sáng kiến của Hiền Lương", make_person("Lê Văn Xa", tree.hien_luong))
    with pytest.raises(ValidationError) as error:
        link_yearly_initiative(entry, actor=cast.alice, initiative=elsewhere)
    assert error.value.messages == [
        "Sáng kiến “Sáng kiến của Hiền Lương” không phải sáng kiến được công nhận năm 2026 của Xã Hạ Hòa."]
    ours = recognised("Một cửa điện tử cấp xã", make_person("Trần Thị Bình", tree.van_phong))
    assert link_yearly_initiative(entry, actor=cast.alice, initiative=ours).initiative == ours


def test_it_refuses_an_initiative_of_another_year(cast, an, row):
    with pytest.raises(ValidationError, match="năm 2026 của Xã Hạ Hòa"):
        link_yearly_initiative(row, actor=cast.alice, initiative=recognised("Cũ", an, year=2024))


def test_an_outsider_and_a_row_without_an_initiative_cannot_be_linked(cast, tree, an, row):
    initiative = recognised("Số hóa", an)
    with pytest.raises(PermissionDenied):
        link_yearly_initiative(row, actor=cast.olga, initiative=initiative)
    titled = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=an,
                              title=AwardType.objects.get(code="LDTT"))
    with pytest.raises(PermissionDenied):
        link_yearly_initiative(titled, actor=cast.alice, initiative=initiative)


def test_a_persons_row_is_offered_only_that_persons_initiatives_and_a_collectives_the_units(cast, tree, an, row):
    binh = make_person("Trần Thị Bình", tree.ha_hoa)
    own, other = recognised("Của An", an), recognised("Của Bình", binh)
    recognised("Của Nha Trang", make_person("Lê Văn Xa", tree.nha_trang))
    team = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", collective=tree.van_phong,
                            initiative_title="Một cửa")
    choices = initiative_choices(row.sheet, [row, team])
    assert choices == {row.pk: [own], team.pk: [own, other]}


# Taking a sent sheet back

def test_the_approver_withdraws_a_sent_sheet_with_a_reason_and_the_clerk_drafts_again(cast, tree, an, sent):
    sheet = withdraw_yearly_sheet(sent, actor=cast.bob, reason="Thiếu đăng ký của Văn phòng.")
    assert sheet.status == S.DRAFT and sheet.taken_back == YearlySheet.TakeBack.WITHDRAWN
    assert (sheet.taken_back_by, sheet.taken_back_reason) == (cast.bob, "Thiếu đăng ký của Văn phòng.")
    assert sheet.taken_back_at is not None and sheet.shows_take_back
    assert messages_of(cast.bob)[-1] == "Rút lại bảng đăng ký năm 2026: Thiếu đăng ký của Văn phòng."
    add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", collective=tree.van_phong,
                     title=AwardType.objects.get(code="TTLDTT"))
    assert send_yearly_sheet(sheet, actor=cast.bob).status == S.SENT


def test_the_clerk_cannot_withdraw_nor_can_the_province_approver(cast, sent):
    for someone in (cast.alice, cast.olga):
        with pytest.raises(PermissionDenied):
            withdraw_yearly_sheet(sent, actor=someone, reason="Sửa.")
    # Dave approves for the province, above the commune: he returns the sheet, he does not withdraw it.
    assert allowed_actions(cast.dave, sent) == {A.ACKNOWLEDGE, A.RETURN}
    with pytest.raises(PermissionDenied):
        withdraw_yearly_sheet(sent, actor=cast.dave, reason="Sửa.")


def test_a_reason_is_required(cast, sent):
    with pytest.raises(ValidationError) as error:
        withdraw_yearly_sheet(sent, actor=cast.bob, reason="   ")
    assert error.value.message_dict == {"reason": ["Ghi lý do rút lại bảng đăng ký."]}
    assert YearlySheet.objects.get(pk=sent.pk).status == S.SENT


def test_once_acknowledged_the_unit_can_no_longer_withdraw_but_the_level_above_returns_it(cast, sent):
    acknowledged = acknowledge_yearly_sheet(sent, actor=cast.carol)
    assert (acknowledged.status, acknowledged.acknowledged_by) == (S.ACKNOWLEDGED, cast.carol)
    assert allowed_actions(cast.bob, acknowledged) == set()
    with pytest.raises(PermissionDenied):
        withdraw_yearly_sheet(acknowledged, actor=cast.bob, reason="Sửa.")
    returned = return_yearly_sheet(acknowledged, actor=cast.dave, reason="Ghi rõ tên sáng kiến.")
    assert (returned.status, returned.taken_back, returned.taken_back_by) == (
        S.DRAFT, YearlySheet.TakeBack.RETURNED, cast.dave)
    assert returned.acknowledged_at is None
    assert messages_of(cast.dave)[-1] == "Trả lại bảng đăng ký năm 2026: Ghi rõ tên sáng kiến."


def test_the_commune_cannot_acknowledge_or_return_its_own_sheet(cast, sent):
    for someone in (cast.alice, cast.bob):
        with pytest.raises(PermissionDenied):
            return_yearly_sheet(sent, actor=someone, reason="Sửa.")
        with pytest.raises(PermissionDenied):
            acknowledge_yearly_sheet(sent, actor=someone)


def test_a_draft_is_neither_withdrawn_nor_returned(cast, row):
    with pytest.raises(PermissionDenied):
        withdraw_yearly_sheet(row.sheet, actor=cast.bob, reason="Sửa.")
    with pytest.raises(PermissionDenied):
        return_yearly_sheet(row.sheet, actor=cast.dave, reason="Sửa.")


def test_a_page_read_before_the_level_above_acknowledged_is_told_the_sheet_moved(cast, sent):
    stale = YearlySheet.objects.get(pk=sent.pk)  # the approver's page, read while the sheet was sent
    acknowledge_yearly_sheet(sent, actor=cast.carol)
    with pytest.raises(ValidationError) as error:
        withdraw_yearly_sheet(stale, actor=cast.bob, reason="Sửa.")
    assert "vừa chuyển sang “Cấp trên đã tiếp nhận”, không rút lại được nữa" in error.value.messages[0]


# Two people at once, on real connections (SQLite's IMMEDIATE transactions queue writers as PostgreSQL's row
# locks do, so the race runs on both).

@pytest.fixture
def sent_on_real_connections(cast, tree, monkeypatch):
    an = make_person("Nguyễn Văn An", tree.ha_hoa)
    real = services.log_records

    def slow_log(*args, **kwargs):
        # Hold the lock a moment, so the second person surely arrives while the first is writing.
        time.sleep(0.2)
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "log_records", slow_log)
    entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=an, initiative_title="Số hóa")
    return send_yearly_sheet(entry.sheet, actor=cast.bob)


@pytest.mark.django_db(transaction=True)
def test_the_approver_withdrawing_while_the_province_returns_lets_only_one_win(cast, sent_on_real_connections):
    sheet = sent_on_real_connections
    outcomes = concurrency.race(
        lambda: withdraw_yearly_sheet(sheet, actor=cast.bob, reason="Rút lại để sửa.").taken_back,
        lambda: return_yearly_sheet(sheet, actor=cast.dave, reason="Trả lại để sửa.").taken_back)
    assert [kind for kind, _ in outcomes] == ["done", "refused"], outcomes
    assert "vừa chuyển sang “Đang soạn”" in outcomes[1][1]
    after = YearlySheet.objects.get(pk=sheet.pk)
    assert after.status == S.DRAFT and after.taken_back == outcomes[0][1]
    assert LogEntry.objects.filter(change_message__contains="lại bảng đăng ký").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_approver_withdrawing_while_the_province_acknowledges_lets_only_one_win(cast, sent_on_real_connections):
    sheet = sent_on_real_connections
    outcomes = concurrency.race(
        lambda: withdraw_yearly_sheet(sheet, actor=cast.bob, reason="Rút lại để sửa.").status,
        lambda: acknowledge_yearly_sheet(sheet, actor=cast.carol).status)
    assert [kind for kind, _ in outcomes] == ["done", "refused"], outcomes
    assert YearlySheet.objects.get(pk=sheet.pk).status == outcomes[0][1]


def test_each_side_is_told_of_the_others_move_with_the_reason(cast, row, django_capture_on_commit_callbacks):
    from awards.models import Notification

    def told(user):
        return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("verb", "text", "link"))

    link = f"/khen-thuong/dang-ky-dau-nam/{row.sheet.unit_id}/?ky=2026"
    with django_capture_on_commit_callbacks(execute=True):
        sheet = send_yearly_sheet(row.sheet, actor=cast.bob)
        withdraw_yearly_sheet(sheet, actor=cast.bob, reason="Sửa tên sáng kiến.")
        send_yearly_sheet(sheet, actor=cast.bob)
        acknowledge_yearly_sheet(sheet, actor=cast.carol)
        return_yearly_sheet(sheet, actor=cast.dave, reason="Thiếu tập thể.")
    assert told(cast.carol) == [
        ("send", "Xã Hạ Hòa đã gửi bảng đăng ký thi đua năm 2026.", link),
        ("withdraw", "Xã Hạ Hòa đã rút lại bảng đăng ký thi đua năm 2026: Sửa tên sáng kiến.", link),
        ("send", "Xã Hạ Hòa đã gửi bảng đăng ký thi đua năm 2026.", link),
    ]
    assert told(cast.alice) == [
        ("receive", "Cấp trên đã tiếp nhận bảng đăng ký thi đua năm 2026 của Xã Hạ Hòa.", link),
        ("return", "Cấp trên đã trả lại bảng đăng ký thi đua năm 2026 của Xã Hạ Hòa: Thiếu tập thể.", link),
    ]
    assert [verb for verb, _text, _link in told(cast.bob)] == ["receive", "return"]
