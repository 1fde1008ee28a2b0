"""A PDF that would run code or carry hidden files on a reviewer's machine is refused; a scan passes unchanged."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

from awards.models import DocumentKind, NominationAttachment
from awards.rules.uploads import inspect_pdf
from awards.services import attachments, nominations

from tests.awards.pdf_files import pdf_upload, tiny_pdf
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db


def name(value):
    return NameObject(value)


def action(kind, **entries):
    return DictionaryObject({name("/Type"): name("/Action"), name("/S"): name(kind),
                             **{name(f"/{key}"): value for key, value in entries.items()}})


def written(writer) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_writer():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def javascript_in_open_action():
    writer = blank_writer()
    writer._root_object[name("/OpenAction")] = action("/JavaScript", JS=TextStringObject("app.alert('x');"))
    return written(writer)


def javascript_in_names_tree():
    # Document-level scripts, which readers run when the file opens: /Names << /JavaScript << /Names [...] >> >>.
    writer = blank_writer()
    script = writer._add_object(action("/JavaScript", JS=TextStringObject("this.exportDataObject({nLaunch: 2});")))
    writer._root_object[name("/Names")] = DictionaryObject({name("/JavaScript"): DictionaryObject({
        name("/Names"): ArrayObject([TextStringObject("mo-tep"), script])})})
    return written(writer)


def launch_link():
    writer = blank_writer()
    writer.add_annotation(0, DictionaryObject({
        name("/Type"): name("/Annot"), name("/Subtype"): name("/Link"),
        name("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(595), FloatObject(842)]),
        name("/A"): action("/Launch", F=TextStringObject("cmd.exe"), P=TextStringObject("/c calc")),
    }))
    return written(writer)


def embedded_file():
    writer = blank_writer()
    writer.add_attachment("hoa-don.exe", b"MZ\x90\x00 a program")
    return written(writer)


def page_additional_action():
    writer = blank_writer()
    writer.pages[0][name("/AA")] = DictionaryObject({name("/O"): action("/URI", URI=TextStringObject("http://x"))})
    return written(writer)


def javascript_after_a_harmless_open_action():
    # The open action goes to page 1 as most PDFs do, then chains to JavaScript through /Next.
    writer = blank_writer()
    writer._root_object[name("/OpenAction")] = action(
        "/GoTo", D=ArrayObject([writer.pages[0].indirect_reference, name("/Fit")]),
        Next=action("/JavaScript", JS=TextStringObject("app.launchURL('http://x');")))
    return written(writer)


def scanned_pdf(pages=2) -> bytes:
    """What a scanner sends: pages that are images, with an open action that shows page 1 whole."""
    images = [Image.new("L", (850, 1100), color=235 - 10 * page) for page in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=100, save_all=True, append_images=images[1:])
    return buffer.getvalue()


ACTIVE = {
    "javascript in /OpenAction": (javascript_in_open_action, "mã JavaScript"),
    "javascript in /Names": (javascript_in_names_tree, "mã JavaScript"),
    "a /Launch link": (launch_link, "lệnh mở chương trình (Launch)"),
    "an embedded file": (embedded_file, "tệp nhúng bên trong"),
    "an /AA page action": (page_additional_action, "hành động tự chạy"),
    "javascript chained after /OpenAction": (javascript_after_a_harmless_open_action, "mã JavaScript"),
}


@pytest.mark.parametrize("build, label", ACTIVE.values(), ids=ACTIVE.keys())
def test_it_refuses_a_pdf_with_active_content(build, label):
    with pytest.raises(ValidationError) as refused:
        inspect_pdf(pdf_upload("to-trinh.pdf", build()))
    assert refused.value.code == "active_content"
    message = refused.value.messages[0]
    assert "Tệp PDF “to-trinh.pdf” chứa mã chạy tự động (JavaScript/Launch)" in message and label in message
    assert "in lại thành PDF" in message


def test_a_scanned_pdf_and_a_harmless_open_action_pass():
    assert inspect_pdf(pdf_upload("quet.pdf", scanned_pdf())).page_count == 2
    writer = blank_writer()
    writer._root_object[name("/OpenAction")] = ArrayObject([writer.pages[0].indirect_reference, name("/Fit"),
                                                            NumberObject(0)])
    assert inspect_pdf(pdf_upload("mo-trang-1.pdf", written(writer))).page_count == 1


@pytest.fixture
def draft(cast, tree):
    plan = make_plan(tree.phu_tho, status="issued", issue_day=4)
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Đề nghị 2026")


def test_a_scanned_document_is_kept_byte_for_byte(cast, draft):
    scan = scanned_pdf()
    attachment = attachments.attach(draft, actor=cast.alice, kind=DocumentKind.PROPOSAL,
                                    upload=pdf_upload("to-trinh-quet.pdf", scan))
    with attachment.file.open("rb") as handle:
        assert handle.read() == scan


def test_the_upload_form_shows_the_refusal_and_keeps_nothing(login, cast, draft):
    client = login(cast.alice)
    response = client.post(reverse("awards:nomination_attachment_upload", args=[draft.pk]),
                           {"kind": DocumentKind.PROPOSAL, "file": pdf_upload("to-trinh.pdf", launch_link())})
    page = client.get(response.url)
    (message,) = [str(m) for m in page.context["messages"]]
    assert "chứa mã chạy tự động (JavaScript/Launch)" in message and "Launch" in message
    assert not NominationAttachment.objects.exists()


def test_the_signature_check_page_refuses_a_pdf_with_javascript(login, cast):
    response = login(cast.alice).post(reverse("awards:signature_check"),
                                      {"file": pdf_upload("da-ky.pdf", javascript_in_names_tree())})
    assert response.status_code == 200
    assert "chứa mã chạy tự động (JavaScript/Launch)" in response.content.decode()


def test_a_plain_pdf_still_passes():
    assert inspect_pdf(pdf_upload("a.pdf", tiny_pdf(3))).page_count == 3


def test_a_pdf_with_more_objects_than_a_worker_should_walk_is_refused_as_unreadable(monkeypatch):
    from awards.rules import uploads

    monkeypatch.setattr(uploads, "MAX_PDF_OBJECTS", 3)
    with pytest.raises(ValidationError) as refused:
        inspect_pdf(pdf_upload("nhieu-doi-tuong.pdf", scanned_pdf(pages=3)))
    assert refused.value.code == "unreadable"
