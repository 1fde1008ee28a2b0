"""Every way of reaching a person by CCCD — the nomination line's pick, the nominee import, the award
history import — says nothing of someone outside the user's scope: not their name, birth date or unit."""

import datetime

import pytest
from django.urls import reverse

from awards.services import nominations
from awards.services.history_imports import import_history
from awards.services.nominee_imports import import_nominee_rows

from tests.awards.nominee_files import filled
from tests.awards.test_history_import import award, workbook
from tests.conftest import make_person

pytestmark = pytest.mark.django_db
CCCD = "025080001234"


@pytest.fixture
def phu_tho_person(tree):
    return make_person("Nguyễn Văn An", tree.van_phong, date_of_birth=datetime.date(1980, 5, 17), cccd=CCCD)


@pytest.fixture
def olga_list(cast, tree):
    return nominations.create_list(actor=cast.olga, unit=tree.nha_trang, year=2026, title="Tổng kết năm 2026")


def reveals(text, person):
    return [s for s in (person.full_name, "17/05/1980", person.unit.name, person.get_absolute_url()) if s in text]


def test_the_line_pick_answers_a_foreign_cccd_as_unknown(login, cast, tree, phu_tho_person, olga_list):
    from awards.models import AwardType

    response = login(cast.olga).post(reverse("awards:nomination_list_detail", args=[olga_list.pk]), {
        "award": AwardType.objects.get(code="LDTT").pk, "person_query": CCCD})
    html = response.content.decode()
    assert f"Không có cá nhân có số CCCD {CCCD} trong Phường Nha Trang" in html
    assert reveals(html, phu_tho_person) == [] and not olga_list.lines.exists()


@pytest.mark.parametrize("name", [None, "Người Gõ Sai"])
def test_the_nominee_import_answers_a_foreign_cccd_as_unknown(cast, tree, phu_tho_person, olga_list, name):
    data = filled(olga_list, [CCCD, name, None, None, None, "LDTT", None, "Tốt"],
                  [None, "Nguyễn Văn An", "17/05/1980", None, None, "LDTT", None, "Tốt"])
    result = import_nominee_rows(olga_list, data, actor=cast.olga)
    messages = [error.message for error in result.errors]
    assert messages[0] == f"Không có cá nhân có số CCCD {CCCD} trong đơn vị Phường Nha Trang."
    assert messages[1] == "Không có cá nhân “Nguyễn Văn An” sinh ngày 17/05/1980 trong đơn vị Phường Nha Trang."
    assert reveals(messages[0], phu_tho_person) == [] and "Xã Hạ Hòa" not in " ".join(messages)
    assert not olga_list.lines.exists()


@pytest.mark.parametrize("name", [None, "Người Gõ Sai"])
def test_the_history_import_answers_a_foreign_cccd_as_unknown(cast, tree, phu_tho_person, name):
    result = import_history(workbook([award(CCCD, "LDTT", 2023, "12/QĐ-UBND", name=name),
                                      award(None, "LDTT", 2023, "13/QĐ-UBND", name="Nguyễn Văn An",
                                            born="17/05/1980")]), actor=cast.olga)
    messages = [error.message for error in result.errors]
    assert messages == [f"Không có cá nhân có số CCCD {CCCD}.",
                        "Không có cá nhân “Nguyễn Văn An” sinh ngày 17/05/1980."]
    assert reveals(messages[0], phu_tho_person) == [] and "Xã Hạ Hòa" not in " ".join(messages)


def test_inside_scope_a_mistyped_name_is_still_told_whose_cccd_it_is(cast, tree, phu_tho_person):
    result = import_history(workbook([award(CCCD, "LDTT", 2023, "12/QĐ-UBND", name="Người Gõ Sai")]),
                            actor=cast.alice)
    assert [e.message for e in result.errors] == [f"Số CCCD {CCCD} là của “Nguyễn Văn An”, không khớp họ tên "
                                                  "“Người Gõ Sai”."]
