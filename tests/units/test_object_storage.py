"""Stored files in an S3-compatible bucket (STORAGE_BACKEND=s3): same names never overwrite, private files have
no URL, and the permission-checked downloads stream the bucket's bytes (moto stands in for the bucket)."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse

from units.downloads import download_stored
from units.models import Job

from tests.units.job_factories import make_job

moto = pytest.importorskip("moto")
pytestmark = pytest.mark.django_db
BUCKET = "thidua-test"


@pytest.fixture
def bucket(monkeypatch):
    """An empty bucket in moto's in-process S3, and the portal's two storages pointing at it."""
    import boto3

    from units.object_storage import ObjectStorage, PrivateObjectStorage

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "test")
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        options = {"bucket_name": BUCKET, "region_name": "us-east-1"}
        yield (client, ObjectStorage(location="media", **options), PrivateObjectStorage(location="private", **options))


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_name_already_taken_gets_another_instead_of_replacing_the_file(bucket):
    client, _public, private = bucket
    first = private.save("jobs/result/2026/giay-khen-quyet-dinh-7.pdf", ContentFile(b"%PDF-first"))
    second = private.save("jobs/result/2026/giay-khen-quyet-dinh-7.pdf", ContentFile(b"%PDF-second"))
    assert first != second
    assert keys(client) == sorted(f"private/{name}" for name in (first, second))
    with private.open(first) as handle:
        assert handle.read() == b"%PDF-first"


def test_private_files_have_no_url_and_public_ones_only_a_signed_one(bucket):
    _client, public, private = bucket
    with pytest.raises(ValueError, match="no URL"):
        private.url("ho-so/2026/12/abc.pdf")
    assert "Signature=" in public.url("plans/issued/2026/ke-hoach.pdf")


def test_objects_are_not_made_public(bucket):
    client, _public, private = bucket
    name = private.save("ho-so/2026/12/to-trinh.pdf", ContentFile(b"%PDF-1.7"))
    grants = client.get_object_acl(Bucket=BUCKET, Key=f"private/{name}")["Grants"]
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants)


def test_a_stored_file_is_streamed_from_the_bucket_and_a_missing_one_answers_404(bucket, cast, monkeypatch):
    _client, _public, private = bucket
    monkeypatch.setattr(Job._meta.get_field("result"), "storage", private)
    content = b"%PDF-1.7\n" + bytes(range(256)) * 20_000  # 5 MB: past the memory buffer, spooled to disk
    job = make_job(cast.alice, state=Job.State.SUCCEEDED)
    job.result.save("giay-khen.pdf", ContentFile(content))

    response = download_stored(Job.objects.get(pk=job.pk).result, "Giấy khen.pdf", content_type="application/pdf")
    assert b"".join(response.streaming_content) == content
    assert response["Content-Length"] == str(len(content))
    assert response["Content-Disposition"].startswith("attachment;")
    response.file_to_stream.close()  # response.close() would fire request_finished and close the test database

    private.delete(job.result.name)
    with pytest.raises(Http404):
        download_stored(Job.objects.get(pk=job.pk).result, "Giấy khen.pdf")


def test_a_jobs_result_in_the_bucket_reaches_its_owner_only(bucket, cast, login, monkeypatch):
    _client, _public, private = bucket
    monkeypatch.setattr(Job._meta.get_field("result"), "storage", private)
    job = make_job(cast.alice, kind=Job.Kind.CERTIFICATE_PACK, state=Job.State.SUCCEEDED,
                   result_name="giay-khen-quyet-dinh-7.pdf")
    job.result.save("jobs/result/2026/giay-khen-quyet-dinh-7.pdf", ContentFile(b"%PDF-pack"))
    url = reverse("units:job_download", args=[job.pk])

    assert login(cast.olga).get(url).status_code == 404
    response = login(cast.alice).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-pack"
    assert "no-store" in response["Cache-Control"]


def test_a_file_the_bucket_will_not_delete_is_logged_not_raised(bucket, monkeypatch, caplog):
    from botocore.exceptions import EndpointConnectionError

    from units.storage import delete_stored_files

    _client, _public, private = bucket
    name = private.save("ho-so/2026/12/to-trinh.pdf", ContentFile(b"%PDF-1.7"))

    def unreachable(*args, **kwargs):
        raise EndpointConnectionError(endpoint_url="http://s3.invalid")

    monkeypatch.setattr(private.connection.meta.client, "delete_object", unreachable)
    monkeypatch.setattr("units.storage.storages", {"private": private})
    delete_stored_files([name], "private")
    assert "Could not delete stored file" in caplog.text
