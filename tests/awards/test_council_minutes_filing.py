"""Closing a council session commits the votes without printing; the minutes follow as a job that files them in
each packet, says when it failed, and can be run again without filing twice."""

import io

import pytest
from pypdf import PdfReader

from units.models import Job

from awards.documents import council_minutes
from awards.models import CouncilSession, DocumentKind, DossierAttachment, DossierEvent
from awards.rules import hash_chain as audit
from awards.rules.workflow import Action as A
from awards.services import councils, dossiers, minutes_filing

from tests.awards.council_factories import open_session, reviewed_packet, tally, world  # noqa: F401
from tests.awards.dossier_factories import lines_of, refresh
from tests.job_workers import tasks_at_once  # noqa: F401

pytestmark = pytest.mark.django_db


def text(data):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def minutes_of(packet):
    return list(DossierAttachment.objects.filter(dossier=packet, kind=DocumentKind.MINUTES))


def session_of(world, tree):
    first = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    second = reviewed_packet(world, tree.hien_luong, ["Lê Văn Cường"])
    session = open_session(world)
    tally(session, {line.pk: (11, 1, 0, 0) for line in lines_of(first) + lines_of(second)})
    return session, first, second


def broken(*args, **kwargs):
    raise OSError("Pango không dàn được trang")


def test_closing_commits_the_votes_without_printing_and_queues_the_minutes(world, tree, monkeypatch):
    session, first, second = session_of(world, tree)
    monkeypatch.setattr(council_minutes, "render_minutes_pdf", broken)  # printing here would fail the closing
    closed = councils.close_session(session, actor=world.sarah)
    assert closed.status == CouncilSession.Status.CLOSED and closed.minutes_filed_at is None
    for packet in (first, second):
        assert [line.council_result for line in lines_of(packet)] == ["passed"] * len(lines_of(packet))
        assert DossierEvent.objects.filter(dossier=packet).latest("seq").action == A.VOTE
        assert minutes_of(packet) == []
    [job] = Job.objects.of(closed)
    assert (job.kind, job.owner, job.state) == (Job.Kind.COUNCIL_MINUTES, world.sarah, Job.State.QUEUED)
    assert minutes_filing.minutes_state(closed)[0] == "waiting"
    assert all(problem is None for _d, problem in audit.verify_all())


def test_the_job_files_the_minutes_of_the_closed_session_in_each_packet(
        world, tree, tasks_at_once, django_capture_on_commit_callbacks):  # noqa: F811
    session, first, second = session_of(world, tree)
    with django_capture_on_commit_callbacks(execute=True):
        closed = councils.close_session(session, actor=world.sarah)
    closed = CouncilSession.objects.get(pk=closed.pk)
    [job] = Job.objects.of(closed)
    assert job.state == Job.State.SUCCEEDED and job.message == "Đã lưu biên bản vào 2 hồ sơ"
    expected = text(council_minutes.render_minutes_pdf(closed))
    assert "Nguyễn Văn An" in expected and "Lê Văn Cường" in expected and "Dự thảo" not in expected
    for packet in (first, second):
        [document] = minutes_of(packet)
        assert document.original_name == councils.minutes_filename(closed, "pdf")
        assert text(document.file.open("rb").read()) == expected
    assert closed.minutes_filed_at is not None and minutes_filing.minutes_state(closed)[0] == "filed"
    assert minutes_filing.file_minutes(closed) == []  # once filed, never twice
    assert [len(minutes_of(packet)) for packet in (first, second)] == [1, 1]
    assert all(problem is None for _d, problem in audit.verify_all())


def test_minutes_that_fail_to_print_lose_nothing_show_on_the_page_and_are_queued_again(
        world, tree, login, monkeypatch, tasks_at_once, django_capture_on_commit_callbacks):  # noqa: F811
    session, first, second = session_of(world, tree)
    working = council_minutes.render_minutes_pdf
    monkeypatch.setattr(council_minutes, "render_minutes_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        closed = councils.close_session(session, actor=world.sarah)
    [job] = Job.objects.of(closed)
    assert job.state == Job.State.FAILED and job.error == minutes_filing.FAILURE
    closed = CouncilSession.objects.get(pk=closed.pk)
    assert closed.status == CouncilSession.Status.CLOSED and closed.minutes_filed_at is None
    assert minutes_of(first) == [] and minutes_of(second) == []
    assert [line.council_result for line in lines_of(first)] == ["passed", "passed"]
    assert all(problem is None for _d, problem in audit.verify_all())

    page = login(world.sarah).get(closed.get_absolute_url()).content.decode()
    assert "Biên bản chưa được lưu vào hồ sơ: Không lập được biên bản" in page and "Lập lại biên bản" in page
    assert "Lập lại biên bản" not in login(world.dave).get(closed.get_absolute_url()).content.decode()
    retry = f"/khen-thuong/hoi-dong/phien-hop/{closed.pk}/lap-lai-bien-ban/"
    assert login(world.dave).post(retry).status_code == 403

    monkeypatch.setattr(council_minutes, "render_minutes_pdf", working)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.sarah).post(retry)
    assert response.status_code == 302
    assert [j.state for j in Job.objects.of(closed).order_by("pk")] == [Job.State.FAILED, Job.State.SUCCEEDED]
    assert len(minutes_of(first)) == 1 and len(minutes_of(second)) == 1
    assert CouncilSession.objects.get(pk=closed.pk).minutes_filed_at is not None
    assert all(problem is None for _d, problem in audit.verify_all())


def test_a_packet_forwarded_before_its_minutes_were_filed_gets_them_in_the_packet_above(world, tree):
    session, first, _second = session_of(world, tree)
    closed = councils.close_session(session, actor=world.sarah)
    bundle = dossiers.forward_dossiers([refresh(first)], actor=world.dave)
    assert minutes_of(bundle) == []
    filed = minutes_filing.file_minutes(closed)
    assert len(filed) == 3  # the two packets of the session and the one that carried the first one's lines up
    assert len(minutes_of(first)) == 1 and len(minutes_of(bundle)) == 1
    assert minutes_of(bundle)[0].sha256 == minutes_of(first)[0].sha256
    assert all(problem is None for _d, problem in audit.verify_all())


def test_the_sweep_queues_each_session_left_without_minutes_once(world, tree, monkeypatch):
    session, _first, _second = session_of(world, tree)
    closed = councils.close_session(session, actor=world.sarah)
    assert minutes_filing.queue_missing_minutes() == []  # its job is still waiting
    Job.objects.of(closed).update(state=Job.State.FAILED, error="Việc bị dừng giữa chừng")
    [job] = minutes_filing.queue_missing_minutes()
    assert (job.subject_id, job.owner, job.state) == (closed.pk, world.sarah, Job.State.QUEUED)
    assert minutes_filing.queue_missing_minutes() == []
