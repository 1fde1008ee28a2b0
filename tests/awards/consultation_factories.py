"""Packets waiting for public consultation at the province, and the steps of a consultation, for the tests."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from awards.models import DossierLine
from awards.rules import working_days
from awards.services import consultations, dossiers

from tests.awards.dossier_factories import approve_all, make_list, refresh, submit
from tests.conftest import make_person

# Tuesday 28/4/2026: the listing runs 28/4, 29/4, (30/4 and 1/5 holidays, the weekend) 4/5, 5/5, 6/5.
OPENS = datetime.date(2026, 4, 28)
CLOSES = datetime.date(2026, 5, 6)
AFTER = datetime.date(2026, 5, 7)
CCCD = "025086012345"
BIRTH = datetime.date(1986, 3, 15)


@pytest.fixture
def on_day(monkeypatch):
    """Play the test on another day, at noon Vietnam time given in UTC as the real clock gives it.

    The event hash covers ``created_at.isoformat()``, so the moment must carry the offset the
    database returns it with, or the chain check would see every event as edited.
    """

    def set_day(day: datetime.date):
        moment = datetime.datetime.combine(day, datetime.time(5, 0), tzinfo=datetime.UTC)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_day


@pytest.fixture(autouse=True)
def fresh_calendar_and_cache():
    # Rows added by a test are rolled back without passing through Holiday.delete(), and the
    # comment counter lives in the cache: start and end every test clean.
    working_days.forget()
    cache.clear()
    yield
    working_days.forget()
    cache.clear()


def reviewed_packet(cast, sender, unit, clerk, entries, title="Đề nghị khen thưởng năm 2026"):
    """A packet ``sender`` submits from ``unit``, received by the province's ``clerk``, reviewed (all đạt) by carol."""
    [packet, *_local] = submit(make_list(unit, sender, entries, title=title), sender)
    dossiers.receive_dossier(packet, actor=clerk)
    approve_all(refresh(packet), cast.carol)
    return refresh(packet)


def hero(unit, name="Nguyễn Văn Hùng"):
    """A person with an identity number and a birth date: neither may ever reach the public page."""
    return make_person(name, unit, cccd=CCCD, date_of_birth=BIRTH, position="Phó Chủ tịch UBND xã")


def lines_needing(unit):
    return consultations.candidate_lines(unit)


def open_for(clerk, unit, lines=None, *, opens_on=OPENS, title="Lấy ý kiến đề nghị khen thưởng cấp Nhà nước năm 2026"):
    lines = lines if lines is not None else consultations.candidate_lines(unit)
    return consultations.open_consultation(actor=clerk, unit=unit, title=title, line_ids=[line.pk for line in lines],
                                           opens_on=opens_on, where_published="Cổng thông tin điện tử tỉnh Phú Thọ")


def line_of(packet, code):
    return DossierLine.objects.get(dossier=packet, nomination_line__award__code=code)
