"""The same file uploaded twice to one list (or one packet) is flagged beside the later copy, naming the earlier
one and the day it came; nothing is refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardType, DocumentKind
from awards.services import attachments, nominations

from tests.awards.pdf_files import pdf_upload, tiny_pdf
from tests.conftest import make_person

pytestmark = pytest.mark.django_db
K = DocumentKind


@pytest.fixture
def two_lines(cast, tree, annual_list):
    ldtt = AwardType.objects.get(code="LDTT")
    an, binh = make_person("Nguyễn Văn An", tree.ha_hoa), make_person("Trần Thị Bình", tree.ha_hoa)
    return (nominations.add_line(annual_list, actor=cast.alice, person=an, award=ldtt),
            nominations.add_line(annual_list, actor=cast.alice, person=binh, award=ldtt))


def page(client, nomination_list):
    return client.get(reverse("awards:nomination_list_detail", args=[nomination_list.pk])).content.decode()


def test_a_file_given_for_two_people_is_flagged_beside_the_second_copy(login, cast, annual_list, two_lines):
    an_line, binh_line = two_lines
    scan = tiny_pdf(pages=2)
    attachments.attach(annual_list, actor=cast.alice, kind=K.OTHER, line=an_line, upload=pdf_upload("an.pdf", scan))
    attachments.attach(annual_list, actor=cast.alice, kind=K.OTHER, line=binh_line,
                       upload=pdf_upload("binh.pdf", scan))
    attachments.attach(annual_list, actor=cast.alice, kind=K.OTHER, line=binh_line,
                       upload=pdf_upload("khac.pdf", tiny_pdf(pages=3)))
    html = page(login(cast.alice), annual_list)
    today = f"{timezone.localdate():%d/%m/%Y}"
    flag = f"Tệp này trùng với “an.pdf” ở đề nghị Nguyễn Văn An đã tải lên ngày {today}."
    assert html.count("Tệp này trùng với") == 1 and flag in html
    # Beside the second copy, in Bình's row.
    binh_row = html.split(f'id="dong-{binh_line.pk}"')[1].split("</tr>")[0]
    assert flag in binh_row and binh_row.index("binh.pdf") < binh_row.index(flag) < binh_row.index("khac.pdf")


def test_uploading_a_file_already_on_the_list_says_so_at_once(login, cast, annual_list, two_lines):
    an_line, _binh_line = two_lines
    scan = tiny_pdf(pages=2)
    attachments.attach(annual_list, actor=cast.alice, kind=K.PROPOSAL, upload=pdf_upload("to-trinh.pdf", scan))
    client = login(cast.alice)
    response = client.post(reverse("awards:nomination_line_attachment_upload", args=[an_line.pk]),
                           {"kind": K.OTHER, "file": pdf_upload("minh-chung.pdf", scan)}, follow=True)
    html = response.content.decode()
    assert an_line.attachments.filter(original_name="minh-chung.pdf").exists()  # kept, only flagged
    assert "Tệp này trùng với “to-trinh.pdf” đã tải lên ngày" in html


def test_the_later_copy_is_flagged_whatever_order_the_page_shows_them_in():
    import datetime
    from types import SimpleNamespace

    from awards.rules.duplicate_files import mark_duplicates

    day = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    old = SimpleNamespace(pk=1, sha256="a", original_name="cu.pdf", uploaded_at=day)
    new = SimpleNamespace(pk=2, sha256="a", original_name="moi.pdf", uploaded_at=day + datetime.timedelta(days=3))
    other = SimpleNamespace(pk=3, sha256="b", original_name="khac.pdf", uploaded_at=day)
    shown = [new, other, old]
    mark_duplicates(shown, shown)
    assert old.same_as is None and other.same_as is None
    assert new.same_as.message == "Tệp này trùng với “cu.pdf” đã tải lên ngày 02/03/2026."
