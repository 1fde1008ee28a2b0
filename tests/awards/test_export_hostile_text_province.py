"""The province's documents survive one commune's spoiled record: a decision and its papers, the council's
minutes, the Tờ trình of a bundle sent upwards and the report of a public consultation all print it as
readable text (``tests.hostile_text``), through the pages that serve them.
"""

import pytest
from django.urls import reverse

from units.models import Job, Posting
from units.text import fold

from awards.models import Certificate, CouncilMember, Decision, DossierAttachment
from awards.services import consultations, decisions, dossiers

from tests.awards.certificate_factories import make_record
from tests.awards.consultation_factories import AFTER, OPENS, fresh_calendar_and_cache, on_day, open_for
from tests.awards.council_factories import open_session, world  # noqa: F401
from tests.awards.decision_factories import draft
from tests.awards.dossier_factories import approve_all, make_list, refresh, submit
from tests.awards.test_council_views import sheet
from tests.conftest import make_person
from tests.hostile_text import (
    NAME,
    PLAIN_TEXT,
    POSITION,
    SUMMARY,
    UNIT_NAME,
    Hostile,
    assert_docx_readable,
    assert_pdf_readable,
)
from tests.job_workers import tasks_at_once  # noqa: F401

pytestmark = pytest.mark.django_db
__all__ = ["fresh_calendar_and_cache", "on_day"]  # fixtures used by name

MEMBER = Hostile("@Bùi\x07 Văn Quang\u202e", "@Bùi Văn Quang")
COMMENT = Hostile("Ông\x07 Hùng <script>alert(1)</script>\u202e có đóng góp.\x1b",
                  "Ông Hùng <script>alert(1)</script> có đóng góp.")
DECISION_TITLE = Hostile("=HYPERLINK(\"http://evil.example\")\x07 Về việc tặng Bằng khen\u202e",
                         "=HYPERLINK(\"http://evil.example\") Về việc tặng Bằng khen")


def store(obj, **fields):
    """Write ``fields`` straight into the row, as an old row or a script may hold them, and reload."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)
    obj.refresh_from_db()
    return obj


def spoil_person(person):
    Posting.objects.filter(person=person).update(position=POSITION.stored)
    return store(person, full_name=NAME.stored, search_key=fold(NAME.stored), position=POSITION.stored)


def spoiled_person(unit):
    return spoil_person(make_person("Nguyễn Văn Hùng", unit, cccd="025080001234"))


def spoiled_packet(cast, tree, code):
    """Xã Hạ Hòa proposes Hùng for ``code``; received and approved at the province; then the commune's
    name, Hùng's record and the summary are spoiled, as a script might leave them. (Rows a service
    checks again as it writes — a packet's title — would refuse such text at the door.)"""
    person = make_person("Nguyễn Văn Hùng", tree.ha_hoa, cccd="025080001234")
    nomination_list = make_list(tree.ha_hoa, cast.alice, [(person, code)])
    [packet] = submit(nomination_list, cast.alice)
    dossiers.receive_dossier(packet, actor=cast.phuong)
    approve_all(refresh(packet), cast.carol)
    store(tree.ha_hoa, name=UNIT_NAME.stored)
    spoil_person(person)
    nomination_list.lines.update(summary=SUMMARY.stored)
    return refresh(packet)


def get(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def decision(cast, tree, central, province_clerk):
    """A draft decision of Tỉnh Phú Thọ over the spoiled commune's line, its own texts spoiled too."""
    cast.phuong = province_clerk
    packet = spoiled_packet(cast, tree, "BK_TINH")
    dossiers.settle_dossier(packet, actor=cast.dave)
    drafted = draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho))
    return store(drafted, title=DECISION_TITLE.stored, recipients=f"- {PLAIN_TEXT.stored};\n- Lưu: VT.",
                 bonus_article=PLAIN_TEXT.stored, signer_name="Trần Duy Đông\x07\u202e")


def test_the_draft_decision_prints_in_word_and_pdf(login, cast, decision):
    client = login(cast.phuong)
    printed = (NAME, POSITION, DECISION_TITLE, PLAIN_TEXT, Hostile("", "Trần Duy Đông"))
    assert_docx_readable(get(client, reverse("awards:decision_docx", args=[decision.pk])), *printed)
    assert_pdf_readable(get(client, reverse("awards:decision_pdf", args=[decision.pk])), *printed)


def test_the_decision_issues_and_its_frozen_file_and_papers_print(login, cast, decision):
    client = login(cast.dave)
    response = client.post(reverse("awards:decision_issue", args=[decision.pk]))
    assert response.status_code == 302 and refresh_decision(decision).status == Decision.Status.ISSUED
    assert_pdf_readable(get(client, reverse("awards:decision_pdf", args=[decision.pk])), NAME, DECISION_TITLE)
    papers = client.post(reverse("awards:decision_certificates", args=[decision.pk]))
    assert papers.status_code == 200 and papers["Content-Type"] == "application/pdf"
    assert_pdf_readable(papers.content, NAME, POSITION)


def refresh_decision(decision):
    return Decision.objects.get(pk=decision.pk)


def test_a_pack_of_papers_printed_as_a_job_prints_a_spoiled_name(login, cast, decision, settings,
                                                                 tasks_at_once,  # noqa: F811
                                                                 django_capture_on_commit_callbacks):
    decisions.issue_decision(decision, actor=cast.dave)
    settings.CERTIFICATE_INLINE_MAX = 0
    client = login(cast.phuong)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:decision_certificates", args=[decision.pk]))
    job = Job.objects.get()
    assert response.status_code == 302 and job.state == Job.State.SUCCEEDED
    assert_pdf_readable(get(client, reverse("units:job_download", args=[job.pk])), NAME, POSITION)


def test_a_paper_prints_a_spoiled_record(login, cast, tree):
    record = make_record(spoiled_person(tree.ha_hoa))
    store(record, issuing_body="Chủ tịch\x07 UBND tỉnh\u202e", decision_number="=125/QĐ-UBND\x1b")
    response = login(cast.alice).post(reverse("awards:certificate_issue", args=[record.pk]))
    paper = Certificate.objects.get(record=record)
    assert response["Location"] == reverse("awards:certificate_pdf", args=[paper.pk])
    data = get(login(cast.alice), reverse("awards:certificate_pdf", args=[paper.pk]))
    assert_pdf_readable(data, NAME, POSITION, Hostile("", "CHỦ TỊCH UBND TỈNH"), Hostile("", "=125/QĐ-UBND"))


def test_the_papers_of_a_decision_typed_by_number_print_a_spoiled_name(login, cast, tree):
    make_record(spoiled_person(tree.ha_hoa), number="300/QĐ-UBND")
    response = login(cast.alice).post(reverse("awards:decision_certificates_pdf"),
                                      {"decision_number": "300/QĐ-UBND",
                                       "issuing_body": "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ"})
    assert response.status_code == 200
    assert_pdf_readable(response.content, NAME, POSITION)


# The council

@pytest.fixture
def session(world, tree):  # noqa: F811 - the council's world, by name
    world.packet = spoiled_packet(world, tree, "BK_TTG")
    chair = CouncilMember.objects.filter(council=world.council).order_by("pk").first()
    store(chair, full_name=MEMBER.stored, position=PLAIN_TEXT.stored)
    return store(open_session(world), place=PLAIN_TEXT.stored)


def close(login, world, session):
    """The secretary closes the session from its page, every candidate voted for; the minutes are filed."""
    response = login(world.sarah).post(reverse("awards:council_session_save", args=[session.pk]),
                                       sheet(session, close=True))
    assert response.status_code == 302 and response.url == reverse("awards:council_session_close", args=[session.pk])
    session.refresh_from_db()
    response = login(world.sarah).post(response.url, {"version": session.version})
    assert response.status_code == 302
    session.refresh_from_db()
    assert not session.is_open


def test_the_council_closes_and_its_minutes_print_in_pdf_and_word(login, world, session):
    close(login, world, session)
    printed = (NAME, MEMBER, PLAIN_TEXT)
    client = login(world.dave)
    assert_pdf_readable(get(client, reverse("awards:council_minutes_pdf", args=[session.pk])), *printed)
    assert_docx_readable(get(client, reverse("awards:council_minutes_docx", args=[session.pk])), *printed)


def test_the_bundle_sent_upwards_prints_its_tờ_trình(login, world, session):
    close(login, world, session)
    bundle = dossiers.forward_dossiers([refresh(world.packet)], actor=world.dave)
    data = get(login(world.dave), reverse("awards:dossier_proposal_pdf", args=[bundle.pk]))
    assert_pdf_readable(data, NAME, SUMMARY)


# The public consultation: comments come from anyone

def test_a_consultation_closes_on_spoiled_comments_and_files_a_readable_report(login, cast, tree, central,
                                                                            province_clerk, on_day):
    on_day(OPENS)
    cast.phuong = province_clerk
    packet = spoiled_packet(cast, tree, "HC_LAO_DONG")
    consultation = open_for(cast.phuong, tree.phu_tho)
    store(consultation, where_published=PLAIN_TEXT.stored)
    comment = consultations.submit_comment(consultation, name="Nguyễn Thị Hoa", text="Ý kiến.")
    consultations.answer_comment(comment, actor=cast.phuong, answer="Đã tiếp thu.")
    store(comment, name=MEMBER.stored, text=COMMENT.stored, answer=PLAIN_TEXT.stored)
    on_day(AFTER)
    client = login(cast.phuong)
    response = client.post(reverse("awards:consultation_close", args=[consultation.pk]))
    assert response.status_code == 302
    report = DossierAttachment.objects.get(dossier=packet, original_name__startswith="bao-cao-ket-qua-cong-khai")
    data = get(client, reverse("awards:dossier_attachment_download", args=[report.pk]))
    assert_pdf_readable(data, NAME, MEMBER, COMMENT, PLAIN_TEXT)
