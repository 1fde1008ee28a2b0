"""Demo data: a province decision already issued, with its papers printed, so the whole journey can be seen.

A commune proposes two of its people for the province's Bằng khen through the services the
officials would use: the list with its generated documents, submission, intake and review at the
province, the council's secret ballot, the decision issued and the papers numbered. Keyed on the
list's title: a second run does nothing.
"""

import datetime

from django.utils import timezone

from units.models import Person, User

from awards.demo.consultations import attach_generated_documents
from awards.models import AwardType, Certificate, DossierLine, NominationList
from awards.rules import gates
from awards.services import councils, decisions, dossiers, nominations
from awards.services.certificates import issue_certificates
from awards.services.proposal_references import record_proposal_reference

DEMO_LIST_TITLE = "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026 (dữ liệu mẫu)"
SUMMARIES = [
    "Dẫn đầu phong trào chuyển đổi số của xã; 03 năm liền hoàn thành xuất sắc nhiệm vụ.",
    "Tổ chức tốt công tác cứu trợ sau bão số 3; được Nhân dân ghi nhận.",
]
SIGNER = "Hồ Đại Dũng"  # an invented vice-chair, signing for the chair (KT. CHỦ TỊCH)
# What the secretary writes of the meeting, so the demo minutes show every part a real one has.
BRIEFING = ("Đồng chí Chủ tịch Hội đồng quán triệt mục đích, yêu cầu của phiên họp; Thường trực Hội đồng báo "
            "cáo kết quả thẩm định hồ sơ đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh do UBND xã Hạ Hòa trình.")
DISCUSSION = ("Các thành viên thống nhất với kết quả thẩm định; đề nghị xã tiếp tục nhân rộng các mô hình đã "
              "được ghi nhận.")
ANALYSES = [
    "Thành tích tiêu biểu, có sản phẩm chuyển đổi số được áp dụng toàn xã; đủ tiêu chuẩn theo quy định.",
    "Có thành tích đột xuất trong phòng, chống thiên tai; đủ tiêu chuẩn theo quy định.",
]


def load_demo_decision(province, commune) -> list[Certificate]:
    """The demo decision's papers (made once); empty when the demo accounts or people are not there."""
    done = NominationList.objects.filter(unit=commune, title=DEMO_LIST_TITLE).first()
    if done is not None:
        return list(Certificate.objects.filter(record__dossier_line__nomination_line__nomination_list=done,
                                               replaced_at__isnull=True).order_by("pk"))
    names = ["hahoa.canbo", "hahoa.chutich", "phutho.canbo", "phutho.thamdinh", "phutho.thuky", "phutho.lanhdao"]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    people = list(Person.objects.filter(unit__path__startswith=commune.path).order_by("-search_key", "pk")[:2])
    if len(users) < len(names) or len(people) < 2 or gates.council_of(province) is None:
        return []
    clerk, today = users["hahoa.canbo"], timezone.localdate()
    nomination_list = nominations.create_list(actor=clerk, unit=commune, year=today.year, title=DEMO_LIST_TITLE)
    award = AwardType.objects.get(code="BK_TINH")
    for person, summary in zip(people, SUMMARIES):
        line = nominations.add_line(nomination_list, actor=clerk, person=person, award=award, summary=summary)
        if line.needs_override:
            nominations.override_eligibility(line, actor=users["hahoa.chutich"],
                                             reason="Dữ liệu mẫu: chưa nhập lịch sử khen thưởng.")
    attach_generated_documents(nomination_list, clerk)
    nominations.submit_list(nomination_list, actor=clerk)
    packet = nomination_list.dossiers.exclude(receiver=commune).get()
    record_proposal_reference(packet, actor=clerk, number="15/TTr-UBND", date=today)
    dossiers.receive_dossier(packet, actor=users["phutho.canbo"])
    lines = list(DossierLine.objects.filter(dossier=packet).values_list("pk", flat=True))
    dossiers.approve_dossier(packet, actor=users["phutho.thamdinh"], verdicts={pk: ("approve", "") for pk in lines})

    secretary = users["phutho.thuky"]
    session = councils.open_session(actor=secretary, unit=province, held_on=today, line_ids=lines,
                                    place="Phòng họp số 1, trụ sở UBND tỉnh", started_at=datetime.time(8, 0))
    members = councils.roster(session.council, today)
    everyone = len(members)
    ballots = list(session.ballots.order_by("pk"))
    councils.save_session(session, actor=secretary, chair_id=members[0].pk, attendee_ids=[m.pk for m in members],
                          tallies={ballot.pk: (everyone, 0, 0, 0, None) for ballot in ballots},
                          minutes={"ended_at": datetime.time(10, 30), "briefing": BRIEFING, "discussion": DISCUSSION},
                          analyses={ballot.pk: text for ballot, text in zip(ballots, ANALYSES)})
    councils.close_session(session, actor=secretary)

    approver = users["phutho.lanhdao"]
    dossiers.settle_dossier(packet, actor=approver)
    ready = list(decisions.ready_lines(province).filter(dossier=packet))
    fields = {**decisions.draft_defaults(province, ready, on=today), "signer_name": SIGNER}
    draft = decisions.create_decision(province, actor=users["phutho.canbo"], fields=fields,
                                      line_ids=[line.pk for line in ready])
    issued = decisions.issue_decision(draft, actor=approver)
    return issue_certificates(list(issued.records.order_by("pk")), actor=users["phutho.canbo"])
