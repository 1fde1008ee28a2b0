"""An over-size body is refused while it streams in: none of it reaches the disk, and the form says why in MB."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.urls import reverse

from campaigns.forms import ImportForm as PlanImportForm

from awards.models import DocumentKind, NominationAttachment, NomineeImport
from awards.rules.uploads import inspect_pdf
from awards.services import nominations
from awards.signatures import CERTIFICATE_MAX_BYTES
from awards.views import history, nominee_workbooks

from tests.awards.pdf_files import tiny_pdf
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture
def draft(cast, tree):
    plan = make_plan(tree.phu_tho, status="issued", issue_day=4)
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Đề nghị 2026")


@pytest.fixture
def kept_bytes(monkeypatch, settings, tmp_path):
    """Every byte Django's keeping handlers (memory, temporary file) are handed, and the temporary folder."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    (tmp_path / "upload-tmp").mkdir()
    kept = {"bytes": 0, "temp_dir": tmp_path / "upload-tmp", "files": []}
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.receive_data_chunk

        def spy(self, raw_data, start, original=original):
            kept["bytes"] += len(raw_data)
            return original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", spy)
    return kept


def big_pdf(size):
    return SimpleUploadedFile("bao-cao-quet.pdf", tiny_pdf() + b"\0" * (size - len(tiny_pdf())),
                              content_type="application/pdf")


def post(client, url, data):
    """The request as the view received it, and the page the user is sent back to."""
    response = client.post(url, data)
    assert response.status_code == 302
    return response.wsgi_request, client.get(response.url)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_an_over_size_dossier_document_is_refused_before_any_of_it_is_kept(login, cast, draft, settings, kept_bytes):
    settings.UPLOAD_MAX_BYTES = 3 * MB
    request, response = post(login(cast.alice), reverse("awards:nomination_attachment_upload", args=[draft.pk]),
                             {"kind": DocumentKind.PROPOSAL, "file": big_pdf(5 * MB)})
    assert response.status_code == 200
    assert response.wsgi_request.path == reverse("awards:nomination_list_detail", args=[draft.pk])
    refused = request.FILES["file"]
    assert refused.refused and refused.size >= 5 * MB
    assert kept_bytes["bytes"] == 0 and not any(kept_bytes["temp_dir"].iterdir())
    assert not NominationAttachment.objects.exists()
    (text,) = messages_of(response)
    assert "Chưa tải lên được tài liệu" in text and "nặng 5 MB, vượt mức tối đa 3 MB" in text


def test_the_real_limit_refuses_a_body_bigger_than_the_largest_file_a_form_takes(login, cast, draft, kept_bytes):
    request, response = post(login(cast.alice), reverse("awards:nomination_attachment_upload", args=[draft.pk]),
                             {"kind": DocumentKind.PROPOSAL, "file": big_pdf(42 * MB)})
    assert request.FILES["file"].refused
    assert kept_bytes["bytes"] == 0 and not any(kept_bytes["temp_dir"].iterdir())
    assert "nặng 42 MB, vượt mức tối đa 41 MB" in messages_of(response)[0]


def test_an_over_size_nominee_workbook_is_refused_before_any_of_it_is_kept(login, cast, draft, settings, kept_bytes):
    settings.UPLOAD_MAX_BYTES = 3 * MB
    workbook = SimpleUploadedFile("danh-sach.xlsx", b"PK\x03\x04" + b"\0" * (4 * MB))
    request, response = post(login(cast.alice), reverse("awards:nominee_import", args=[draft.pk]), {"file": workbook})
    assert response.status_code == 200
    assert request.FILES["file"].refused
    assert kept_bytes["bytes"] == 0 and not any(kept_bytes["temp_dir"].iterdir())
    assert not NomineeImport.objects.exists()
    (text,) = messages_of(response)
    assert "nặng 4 MB, vượt mức tối đa 3 MB" in text


def test_a_body_within_the_limit_is_kept_and_checked_as_before(login, cast, draft, kept_bytes):
    _request, response = post(login(cast.alice), reverse("awards:nomination_attachment_upload", args=[draft.pk]),
                              {"kind": DocumentKind.PROPOSAL, "file": SimpleUploadedFile(
                                  "to-trinh.pdf", tiny_pdf(), content_type="application/pdf")})
    assert kept_bytes["bytes"] == len(tiny_pdf())
    assert NominationAttachment.objects.get().page_count == 1
    assert "Đã tải lên" in messages_of(response)[0]


def test_the_body_limit_covers_the_largest_file_every_upload_takes(settings):
    # A body limit below a form's own limit would refuse files that form accepts.
    for limit in (settings.ATTACHMENT_MAX_BYTES, nominee_workbooks.MAX_BYTES, history.MAX_BYTES,
                  PlanImportForm.MAX_BYTES, CERTIFICATE_MAX_BYTES):
        assert settings.UPLOAD_MAX_BYTES > limit


def test_the_pdf_check_refuses_a_refused_file_naming_its_size_and_the_limit(settings):
    from units.uploads import RefusedUpload

    refused = RefusedUpload(field_name="file", name="bao-cao.pdf", content_type="application/pdf", size=300 * MB,
                            charset=None, content_type_extra=None, limit=settings.UPLOAD_MAX_BYTES)
    with pytest.raises(ValidationError, match="nặng 300 MB, vượt mức tối đa 41 MB"):
        inspect_pdf(refused)


def test_with_csrf_checked_the_refusal_is_the_forms_message_not_a_403(cast, draft, settings, kept_bytes):
    from django.test import Client

    settings.UPLOAD_MAX_BYTES = 3 * MB
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice, backend="django.contrib.auth.backends.ModelBackend")
    client.get(reverse("awards:nomination_list_detail", args=[draft.pk]))
    token = client.cookies["csrftoken"].value
    # The browser sends the token first, as the form's hidden field comes before the file.
    request, response = post(client, reverse("awards:nomination_attachment_upload", args=[draft.pk]),
                             {"csrfmiddlewaretoken": token, "kind": DocumentKind.PROPOSAL, "file": big_pdf(5 * MB)})
    assert request.FILES["file"].refused and kept_bytes["bytes"] == 0
    assert "nặng 5 MB, vượt mức tối đa 3 MB" in messages_of(response)[0]
