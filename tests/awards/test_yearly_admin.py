"""The yearly registration sheets in the admin: listed by year, status and unit, searched, read with their rows."""

import pytest
from django.urls import reverse

from awards.models import AwardType
from awards.services.yearly_registrations import add_yearly_entry, send_yearly_sheet

from tests.conftest import make_person

CHANGELIST = "admin:awards_yearlysheet_changelist"


@pytest.fixture
def sheets(cast, tree):
    an = make_person("Nguyễn Văn An", tree.ha_hoa)
    title = AwardType.objects.get(code="LDTT")
    sent = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period="2026", person=an, title=title,
                            initiative_title="Số hóa hồ sơ một cửa").sheet
    send_yearly_sheet(sent, actor=cast.bob)
    draft = add_yearly_entry(tree.hien_luong, actor=cast.dave, period="2027",
                             person=make_person("Trần Thị Bình", tree.hien_luong), title=title).sheet
    return sent, draft


def listed(client, **query):
    page = client.get(reverse(CHANGELIST), query)
    assert page.status_code == 200
    return page.context["cl"].result_list


def test_the_superuser_filters_by_year_status_and_unit_and_searches(login, cast, tree, sheets):
    sent, draft = sheets
    client = login(cast.root)
    assert set(listed(client)) == {sent, draft}
    assert list(listed(client, year=2027)) == [draft]
    assert list(listed(client, status="sent")) == [sent]
    assert list(listed(client, unit__id__exact=tree.hien_luong.pk)) == [draft]
    assert list(listed(client, q="Hiền Lương")) == [draft]
    assert list(listed(client, q="một cửa")) == [sent]


def test_the_superuser_reads_a_sheet_with_its_rows_and_changes_nothing(login, cast, sheets):
    sent, _draft = sheets
    client = login(cast.root)
    page = client.get(reverse("admin:awards_yearlysheet_change", args=[sent.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "Số hóa hồ sơ một cửa" in page and "Lao động tiên tiến" in page
    assert 'name="_save"' not in page
    assert client.get(reverse("admin:awards_yearlysheet_add")).status_code == 403


def test_a_unit_admin_does_not_open_the_sheets(login, cast, sheets):
    assert login(cast.erin).get(reverse(CHANGELIST)).status_code == 403
