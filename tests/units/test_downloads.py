"""One helper sends every file: the name a user gets, Vietnamese or not, and whether it opens in the browser;
another sends a row's stored file, or 404 when it is gone."""

import io
import unicodedata
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse

from units.downloads import ascii_filename, download, download_stored

NAME = "Tờ trình đề nghị.pdf"


def exact_name(header):
    """The name a browser that reads RFC 5987 saves the file under."""
    charset, _language, value = header.split("filename*=", 1)[1].split("'", 2)
    return unquote(value, encoding=charset)


def test_a_vietnamese_name_goes_out_exactly_with_an_ascii_fallback_beside_it():
    response = download(b"%PDF-1.7", NAME, content_type="application/pdf")

    header = response["Content-Disposition"]
    assert header == ("attachment; filename=\"To trinh de nghi.pdf\"; "
                      "filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf")
    assert header.isascii()
    assert exact_name(header) == NAME


def test_an_open_file_is_streamed_under_the_same_header():
    response = download(io.BytesIO(b"%PDF-1.7"), NAME, content_type="application/pdf")

    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"] == download(b"", NAME)["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.7"


def test_a_name_pasted_in_decomposed_form_goes_out_composed():
    response = download(b"", unicodedata.normalize("NFD", NAME))
    assert exact_name(response["Content-Disposition"]) == NAME


def test_an_ascii_name_keeps_the_plain_header_django_writes():
    response = download(b"x", "quyet-dinh-12.pdf")

    assert isinstance(response, HttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="quyet-dinh-12.pdf"'
    assert response["Content-Type"] == "application/pdf"  # guessed from the name


def test_an_inline_file_stays_inline_whatever_its_name():
    assert download(b"", "giay-khen-A-1.pdf", inline=True)["Content-Disposition"] == (
        'inline; filename="giay-khen-A-1.pdf"')
    assert download(io.BytesIO(b""), NAME, inline=True)["Content-Disposition"].startswith(
        'inline; filename="To trinh de nghi.pdf"; filename*=')


def test_the_fallback_drops_marks_and_replaces_what_a_quoted_name_cannot_hold():
    assert ascii_filename("Báo cáo “Đợt 1”/2026.pdf") == "Bao cao _Dot 1__2026.pdf"


def private_file(name):
    """A FileField's value naming ``name`` in private storage, as a row would hold it."""
    field = models.FileField(storage=lambda: storages["private"])
    return FieldFile(None, field, name)


def test_a_stored_file_is_streamed_as_a_download_and_never_sniffed():
    name = storages["private"].save("ho-so/2026/03/abc.pdf", ContentFile(b"%PDF-1.7 to trinh"))

    response = download_stored(private_file(name), NAME, content_type="application/pdf")

    assert isinstance(response, FileResponse) and response["Content-Type"] == "application/pdf"
    header = response["Content-Disposition"]
    assert header.startswith("attachment; ") and exact_name(header) == NAME
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == b"%PDF-1.7 to trinh"


def test_a_file_gone_from_storage_answers_404():
    with pytest.raises(Http404):
        download_stored(private_file("ho-so/2026/03/khong-con.pdf"), NAME)


def test_a_row_without_a_file_answers_404():
    with pytest.raises(Http404):
        download_stored(private_file(""), NAME)
