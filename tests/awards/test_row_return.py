"""After adding a line or uploading a line's document, the list page opens at that row, marked, with the
message beside it (a phone shows the top of the page far above the row)."""

import re

import pytest
from django.urls import reverse

from awards.models import AwardType, DocumentKind
from awards.services import nominations
from awards.views.rows import page_of

from tests.awards.pdf_files import pdf_upload
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def detail_url(nomination_list):
    return reverse("awards:nomination_list_detail", args=[nomination_list.pk])


def row_of(html, line_pk):
    match = re.search(rf'<tr id="dong-{line_pk}"( class="row-just-changed")?>(.*?)</tr>', html, re.S)
    assert match, f"no row dong-{line_pk}"
    return bool(match.group(1)), match.group(2)


def test_adding_a_line_lands_at_its_row_with_the_message_beside_it(login, cast, tree, annual_list):
    make_person("Trần Thị Bình", tree.ha_hoa)
    an = make_person("Nguyễn Văn An", tree.ha_hoa)
    client = login(cast.alice)
    first = nominations.add_line(annual_list, actor=cast.alice, household="Hộ ông Chín",
                                 award=AwardType.objects.get(code="GD_VH"))
    response = client.post(detail_url(annual_list), {"person": an.pk,
                                                     "award": AwardType.objects.get(code="LDTT").pk})
    line = annual_list.lines.get(person=an)
    assert response["Location"] == f"{detail_url(annual_list)}?dong={line.pk}#dong-{line.pk}"
    html = client.get(response["Location"]).content.decode()
    marked, row = row_of(html, line.pk)
    assert marked and "Đã thêm đề nghị Nguyễn Văn An (Lao động tiên tiến) vào danh sách." in row
    other_marked, other_row = row_of(html, first.pk)
    assert not other_marked and "Đã thêm" not in other_row
    # The message is still said at the top too, once.
    assert html.count("Đã thêm đề nghị Nguyễn Văn An") == 2
    # Opened again later, the row is no longer marked and the message is gone.
    assert row_of(client.get(detail_url(annual_list)).content.decode(), line.pk)[0] is False


def test_uploading_a_lines_document_lands_at_its_row(login, cast, tree, annual_list):
    an = make_person("Nguyễn Văn An", tree.ha_hoa)
    line = nominations.add_line(annual_list, actor=cast.alice, person=an, award=AwardType.objects.get(code="LDTT"))
    client = login(cast.alice)
    response = client.post(reverse("awards:nomination_line_attachment_upload", args=[line.pk]),
                           {"kind": DocumentKind.OTHER, "file": pdf_upload("Minh chung.pdf")})
    assert response["Location"] == f"{detail_url(annual_list)}?dong={line.pk}#dong-{line.pk}"
    marked, row = row_of(client.get(response["Location"]).content.decode(), line.pk)
    assert marked and "Đã tải lên Tài liệu khác cho Nguyễn Văn An: “Minh chung.pdf”" in row


def test_a_line_past_the_first_hundred_is_found_on_its_page():
    assert [page_of(n, 100) for n in (1, 100, 101, 250)] == [1, 1, 2, 3]
