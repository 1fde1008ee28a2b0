"""Dossier pages and the files that leave them (workbooks, attached PDFs) are never kept by a cache."""

import pytest
from django.urls import reverse

from awards.models import DocumentKind
from awards.services import attachments

from tests.awards.pdf_files import pdf_upload, tiny_pdf

pytestmark = pytest.mark.django_db


def test_a_dossier_page_is_never_stored(login, cast, submitted_dossier):
    response = login(cast.alice).get(reverse("awards:dossier_detail", args=[submitted_dossier.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_a_nominee_workbook_download_is_never_stored(login, cast, commune_list):
    response = login(cast.alice).get(reverse("awards:nominee_export", args=[commune_list.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "no-store, private"


def test_an_attached_pdf_is_never_stored(login, cast, commune_list):
    minutes = attachments.attach(commune_list, actor=cast.alice, kind=DocumentKind.MINUTES,
                                 upload=pdf_upload("Biên bản họp xét.pdf", tiny_pdf()))

    response = login(cast.carol).get(reverse("awards:nomination_attachment_download", args=[minutes.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
