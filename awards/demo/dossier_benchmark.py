"""Timing a dossier's journey at the province on synthetic data (``manage.py benchmark --dossiers``).

Two lists of N people each leave a commune of the real tree: one for the Prime Minister's Bằng
khen, which the province forwards to the centre, one for the province's own Bằng khen, which the
council votes on and the province decides. Each step is one service call, timed: intake, review,
the council's closing (with its minutes), forward, the decision's issue (records, events, frozen
PDF), the decision PDF alone, the papers of every award in one PDF, and signing the decision (PAdES)
and checking the signed copy. The caller rolls it all back.
"""

import datetime
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from units.models import Membership, Person, Unit, User
from units.text import fold

from awards import signatures
from awards.documents.certificate import render_certificates_pdf
from awards.documents.decision import render_decision_pdf
from awards.models import AwardType, Council, CouncilMember, DossierLine, NominationLine, NominationList
from awards.rules import gates
from awards.rules.workflow import Action as A
from awards.services import councils, decision_signatures, decisions, dossiers
from awards.services.certificates import issue_certificates
from awards.services.routing import ensure_central_levels

R = Membership.Role
SUMMARY = "Hoàn thành xuất sắc nhiệm vụ năm 2026, có sáng kiến được Hội đồng sáng kiến cấp tỉnh công nhận."


class _Clock:
    def __init__(self, write):
        self.write, self.results = write, {}

    def __call__(self, name, call):
        start = time.perf_counter()
        result = call()
        self.results[name] = time.perf_counter() - start
        self.write(f"  {name:<42} {self.results[name] * 1000:8.0f} ms")
        return result


def _official(username, unit, role):
    user = User.objects.create_user(username=username, full_name=f"Cán bộ đo {role}")
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


def _list(commune, clerk, award, count, start):
    people = Person.objects.bulk_create([
        Person(full_name=f"Cán bộ Đo Số {i:04d}", search_key=fold(f"Cán bộ Đo Số {i:04d}"), gender="male",
               unit=commune) for i in range(start, start + count)])
    nomination_list = NominationList.objects.create(unit=commune, year=2026, created_by=clerk,
                                                    title=f"Đề nghị {award.name} ({count} cá nhân)")
    NominationLine.objects.bulk_create([NominationLine(nomination_list=nomination_list, year=2026, person=person,
                                                       award=award, summary=SUMMARY) for person in people])
    return nomination_list, list(nomination_list.lines.select_related("award", "person", "collective"))


def _approve(packet, reviewer):
    verdicts = {pk: (A.APPROVE, "") for pk in DossierLine.objects.filter(dossier=packet).values_list("pk", flat=True)}
    return dossiers.approve_dossier(packet, actor=reviewer, verdicts=verdicts)


def measure_dossier(count, write):
    """Time each step for ``count`` lines; returns {step: seconds}."""
    province = Unit.objects.filter(kind=Unit.Kind.PROVINCE, valid_to__isnull=True).order_by("code").first()
    commune = (Unit.objects.filter(parent=province, kind__in=[Unit.Kind.COMMUNE, Unit.Kind.WARD],
                                   valid_to__isnull=True).order_by("code").first() if province else None)
    if commune is None:
        raise ValueError("Chưa có cây đơn vị: hãy chạy 'python manage.py load_units' trước.")
    ensure_central_levels()
    clerk = _official("do-toc-do-xa", commune, R.CLERK)
    intake = _official("do-toc-do-tiep-nhan", province, R.CLERK)
    reviewer = _official("do-toc-do-tham-dinh", province, R.REVIEWER)
    approver = _official("do-toc-do-lanh-dao", province, R.APPROVER)
    secretary = _official("do-toc-do-thu-ky", province, R.SECRETARY)
    today = timezone.localdate()
    if gates.council_of(province, today) is None:
        council = Council.objects.create(unit=province, name=f"Hội đồng Thi đua - Khen thưởng {province.name}")
        CouncilMember.objects.bulk_create([
            CouncilMember(council=council, full_name=f"Thành viên Số {i:02d}", position="Giám đốc Sở",
                          role=CouncilMember.Role.CHAIR if i == 0 else CouncilMember.Role.MEMBER) for i in range(11)])

    up_list, up_lines = _list(commune, clerk, AwardType.objects.get(code="BK_TTG"), count, 0)
    here_list, here_lines = _list(commune, clerk, AwardType.objects.get(code="BK_TINH"), count, count)
    write(f"{count} đề nghị Bằng khen Thủ tướng và {count} đề nghị Bằng khen tỉnh, {commune.name} → {province.name}:")
    clock = _Clock(write)
    [up] = clock("gửi hồ sơ (Bằng khen Thủ tướng)",
                 lambda: dossiers.open_dossiers(up_list, actor=clerk, lines=up_lines))
    [here] = dossiers.open_dossiers(here_list, actor=clerk, lines=here_lines)
    clock("tiếp nhận", lambda: dossiers.receive_dossier(up, actor=intake))
    dossiers.receive_dossier(here, actor=intake)
    clock("thẩm định (ghi kết quả từng đề nghị)", lambda: _approve(up, reviewer))
    _approve(here, reviewer)

    session = clock("mở phiên họp Hội đồng", lambda: councils.open_session(
        actor=secretary, unit=province, held_on=today, place="Hội trường UBND tỉnh"))
    members = councils.roster(session.council, today)
    tallies = {ballot.pk: (len(members), 0, 0, 0, None) for ballot in session.ballots.all()}
    clock("ghi phiếu của mọi đề nghị", lambda: councils.save_session(
        session, actor=secretary, chair_id=members[0].pk, attendee_ids=[m.pk for m in members], tallies=tallies))
    clock("kết thúc phiên họp (áp dụng kết quả, biên bản)", lambda: councils.close_session(session, actor=secretary))

    clock("chuyển lên Trung ương", lambda: dossiers.forward_dossiers([up], actor=approver))
    clock("trình quyết định tại tỉnh", lambda: dossiers.settle_dossier(here, actor=approver))
    ready = list(decisions.ready_lines(province))
    fields = decisions.draft_defaults(province, ready, on=today)
    fields["signer_name"] = "Người Ký Đo"
    draft = clock("lập dự thảo quyết định", lambda: decisions.create_decision(
        province, actor=approver, fields=fields, line_ids=[line.pk for line in ready]))
    issued = clock("ban hành quyết định (ghi khen thưởng, PDF)",
                   lambda: decisions.issue_decision(draft, actor=approver))
    pdf = clock("kết xuất PDF quyết định", lambda: render_decision_pdf(issued))
    records = list(issued.records.select_related("award", "person__unit", "collective"))
    papers = clock("cấp số giấy khen", lambda: issue_certificates(records, actor=approver))
    papers_pdf = clock("kết xuất PDF mọi giấy khen", lambda: render_certificates_pdf(papers))
    write(f"  quyết định {len(pdf) / 1024:.0f} KB; {len(papers)} giấy khen {len(papers_pdf) / 1024:.0f} KB")
    certificate = signatures.register_certificate(
        actor=approver, unit=province, label="Chứng thư đo tốc độ",
        upload=SimpleUploadedFile("do-toc-do.p12", _throwaway_pkcs12(province.name)), passphrase=PASSPHRASE)
    signed = clock("ký số quyết định (PAdES)", lambda: decision_signatures.sign_decision(
        issued, actor=approver, certificate_id=certificate.pk, passphrase=PASSPHRASE, reason="Đo tốc độ"))
    state = clock("kiểm tra chữ ký của bản ký số", lambda: decision_signatures.signed_copy_state(signed))
    write(f"  chữ ký {'hợp lệ' if state.ok else 'KHÔNG HỢP LỆ'}")
    return clock.results


PASSPHRASE = "mat-khau-do-toc-do"


def _throwaway_pkcs12(organisation: str) -> bytes:
    """A self-signed signing certificate that lives only inside the rolled-back measurement."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                      x509.NameAttribute(NameOID.COMMON_NAME, "Người Ký Đo")])
    now = timezone.now()
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30)).sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"do-toc-do", key, cert, None,
                                                 serialization.BestAvailableEncryption(PASSPHRASE.encode()))

