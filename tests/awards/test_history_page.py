"""The page where clerks load past decisions and ratings."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import AwardRecord

from tests.conftest import make_person

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filled_template(client, rows):
    book = load_workbook(BytesIO(client.get(reverse("awards:history_template")).content))
    sheet = book["Khen thưởng"]
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("lich-su.xlsx", out.getvalue(), XLSX)


@pytest.mark.parametrize("actor, status", [("alice", 200), ("erin", 200), ("root", 200), ("carol", 403),
                                           ("bob", 403)])
def test_who_may_open_the_import_page(login, cast, tree, actor, status):
    client = login(getattr(cast, actor))
    assert client.get(reverse("awards:history_import")).status_code == status
    assert client.get(reverse("awards:history_template")).status_code == status


def test_a_clerk_loads_past_decisions_from_the_template(login, cast, tree):
    make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234")
    client = login(cast.alice)
    upload = filled_template(client, [["025080001234", "Nguyễn Văn An", "", "", "", "CSTDCS", "", 2024, "",
                                       "125/QĐ-UBND", "15/01/2025", "UBND xã Hạ Hòa"]])
    html = client.post(reverse("awards:history_import"), {"file": upload}).content.decode()
    assert "Khen thưởng: tạo mới 1, đã có 0." in html
    assert AwardRecord.objects.get().decision_number == "125/QĐ-UBND"


def test_bad_rows_are_listed_and_nothing_is_written(login, cast, tree):
    client = login(cast.alice)
    upload = filled_template(client, [["099999999999", "Ai Đó", "", "", "", "CSTDCS", "", 2024, "", "1/QĐ",
                                       "15/01/2025", "UBND xã"]])
    html = client.post(reverse("awards:history_import"), {"file": upload}).content.decode()
    assert "Trang “Khen thưởng”, dòng 2" in html and "Không có cá nhân có số CCCD 099999999999" in html
    assert not AwardRecord.objects.exists()
