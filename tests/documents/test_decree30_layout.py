"""Every generated document printed under Decree 30/2020/NĐ-CP, checked on the PDF itself (tests/decree30.py):
A4, margins, Liberation Serif embedded, a 13–14 pt body, the header's blocks, the title centred, the
recipients beside the signature. A certificate is a paper, not an administrative document: size and fonts."""

import io

import pytest
from openpyxl import load_workbook

from campaigns.documents.pdf import render_plan_pdf

from awards.documents import render_bundle_proposal_pdf, render_proposal_pdf, render_report_pdf
from awards.documents.certificate import render_certificates_pdf
from awards.documents.consultation_report import render_consultation_report_pdf
from awards.documents.council_minutes import render_minutes_pdf
from awards.documents.decision import render_decision_pdf
from awards.documents.standard_list import write_standard_list
from awards.rules import working_days
from awards.services import certificates, consultations, decisions

from tests import decree30
from tests.awards.certificate_factories import make_record, recipients
from tests.awards.consultation_factories import OPENS, hero, open_for
from tests.awards.council_factories import make_council, open_session, reviewed_packet
from tests.awards.decision_factories import draft
from tests.awards.dossier_factories import R, official, people
from tests.awards.test_decision_documents import settle
from tests.awards.test_dossier_documents import line_of
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db

PROVINCE = "ỦY BAN NHÂN DÂN"


def plan_pdf(request):
    tree = request.getfixturevalue("tree")
    return render_plan_pdf(make_plan(tree.phu_tho, status="issued", number=5))


def proposal_pdf(request):
    return render_proposal_pdf(request.getfixturevalue("plan_list"))


def bundle_pdf(request):
    """The Tờ trình a level sends upward for a dossier it received."""
    return render_bundle_proposal_pdf(request.getfixturevalue("reviewed_dossier"))


def report_pdf(request):
    return render_report_pdf(line_of(request.getfixturevalue("plan_list"), "Trần Thị Bình"))


def decision_pdf(request):
    cast, tree = request.getfixturevalue("cast"), request.getfixturevalue("tree")
    request.getfixturevalue("central")
    cast.phuong = request.getfixturevalue("province_clerk")
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    settle(cast, tree, [(an, "BK_TINH"), (tree.van_phong, "BK_TINH"), (binh, "CSTD_BT")])
    decision = draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho), number=5,
                     sign_prefix="KT.", sign_on_behalf="Chủ tịch", signer_title="Phó Chủ tịch",
                     signer_name="Trần Duy Đông", recipients="- Như Điều 3;\n- Lưu: VT, NV.")
    return render_decision_pdf(decision)


def minutes_pdf(request):
    cast, tree = request.getfixturevalue("cast"), request.getfixturevalue("tree")
    request.getfixturevalue("central")
    cast.tree, cast.phuong = tree, request.getfixturevalue("province_clerk")
    cast.sarah = official("sarah", tree.phu_tho, R.SECRETARY)
    cast.council = make_council(tree.phu_tho)
    reviewed_packet(cast, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    return render_minutes_pdf(open_session(cast))


def consultation_pdf(request):
    cast, tree = request.getfixturevalue("cast"), request.getfixturevalue("tree")
    request.getfixturevalue("central")
    working_days.forget()  # the holidays cached by an earlier test
    request.getfixturevalue("on_day")(OPENS)
    cast.phuong = request.getfixturevalue("province_clerk")
    from tests.awards.consultation_factories import reviewed_packet as consult_packet
    consult_packet(cast, cast.alice, tree.ha_hoa, cast.phuong, [(hero(tree.ha_hoa), "HC_LAO_DONG")])
    consultation = open_for(cast.phuong, tree.phu_tho)
    return render_consultation_report_pdf(consultation, consultations.public_candidates(consultation), [])


def certificate_pdf(request):
    cast, tree = request.getfixturevalue("cast"), request.getfixturevalue("tree")
    papers = certificates.issue_certificates([make_record(p) for p in recipients(tree.ha_hoa, 2)], actor=cast.alice)
    return render_certificates_pdf(papers)


# (builder, issuer, kind, signature, number, what sits bottom-left)
DOCUMENTS = {
    "plan": (plan_pdf, PROVINCE, "KẾ HOẠCH", "CHỦ TỊCH", "Số:", "Nơi nhận:"),
    "proposal": (proposal_pdf, PROVINCE, "TỜ TRÌNH", "CHỦ TỊCH", "Số:", "Nơi nhận:"),
    "bundle proposal": (bundle_pdf, PROVINCE, "TỜ TRÌNH", "CHỦ TỊCH", "Số:", "Nơi nhận:"),
    # Mẫu of Decree 98: no number; the head's confirmation bottom-left, the reporter bottom-right.
    "report": (report_pdf, PROVINCE, "BÁO CÁO THÀNH TÍCH", "NGƯỜI BÁO CÁO", None, "XÁC NHẬN CỦA"),
    "decision": (decision_pdf, PROVINCE, "QUYẾT ĐỊNH", "KT. CHỦ TỊCH", "Số:", "Nơi nhận:"),
    "minutes": (minutes_pdf, "HỘI ĐỒNG", "BIÊN BẢN", "CHỦ TỊCH", "Số:", "THƯ KÝ"),
    "consultation": (consultation_pdf, PROVINCE, "BÁO CÁO", "CHỦ TỊCH", "Số:", "Nơi nhận:"),
}


# A check a document does not keep yet: {(document, rule): the measured reason}.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}
BUILT: dict[str, bytes] = {}  # each document built once for all its rules (the bytes outlive the database)


def built(request, name):
    if name not in BUILT:
        BUILT[name] = DOCUMENTS[name][0](request)
    return BUILT[name]


def cases():
    for name in DOCUMENTS:
        for rule in decree30.RULES:
            reason = KNOWN_FAILURES.get((name, rule))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            yield pytest.param(name, rule, marks=marks, id=f"{name}-{rule}")


@pytest.mark.parametrize(("name", "rule"), list(cases()))
def test_the_document_keeps_the_decree_30_layout(request, name, rule):
    _build, issuer, kind, signature, number, left = DOCUMENTS[name]
    found = decree30.check(built(request, name), issuer=issuer, kind=kind, signature=signature, number=number,
                           recipients=left)
    assert [str(v) for v in found if v.rule.split("-")[0] == rule.split("-")[0]] == []


def test_a_certificate_is_an_a4_landscape_paper_with_its_fonts_embedded(request):
    data = certificate_pdf(request)
    pages = decree30.read_pages(data)
    assert all(page.width > page.height for page in pages)
    assert [str(v) for v in decree30.check_paper(data)] == []


def test_the_list_workbook_prints_on_a4_landscape_within_the_decree_margins(plan_list):
    """"Danh sách đề nghị khen thưởng" is a workbook: its page setup is what the printer follows."""
    out = io.BytesIO()
    write_standard_list(plan_list, out)
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Danh sách"]
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape")  # 9: A4
    margins = sheet.page_margins
    measured = {side: round(getattr(margins, side) * 25.4, 1) for side in decree30.MARGINS}
    assert {side: low - 0.5 <= measured[side] <= high for side, (low, high) in decree30.MARGINS.items()} == \
        dict.fromkeys(decree30.MARGINS, True), measured
