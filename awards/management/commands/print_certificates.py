from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from units.models import User

from awards.documents.certificate import render_certificates_pdf
from awards.forms.certificates import DecisionPrintForm
from awards.rules.certificates import decision_records
from awards.services.certificates import issue_certificates


class Command(BaseCommand):
    help = ("In giấy khen của cả một quyết định vào một tệp PDF (mỗi giấy một trang), cấp số cho người chưa có "
            "giấy. Dùng cho quyết định rất đông người, khi in trên trang web quá lâu.")

    def add_arguments(self, parser):
        parser.add_argument("output", help="Tệp PDF sẽ ghi.")
        parser.add_argument("--decision", required=True, help="Số quyết định, ví dụ 125/QĐ-UBND.")
        parser.add_argument("--body", required=True, help="Cơ quan quyết định, như ghi trong lịch sử khen thưởng.")
        parser.add_argument("--as", dest="username", required=True,
                            help="Tài khoản cán bộ TĐKT hoặc lãnh đạo cấp giấy (ghi là người cấp).")

    def handle(self, *args, output, decision, body, username, **options):
        # An account, not the first superuser: the papers name who issued them.
        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        # The page's form: the same normalised text (NFC, no control characters) finds the same records.
        form = DecisionPrintForm({"decision_number": decision, "issuing_body": body})
        if not form.is_valid():
            raise CommandError(" ".join(message for errors in form.errors.values() for message in errors))
        records = list(decision_records(actor, **form.cleaned_data))
        try:
            papers = issue_certificates(records, actor=actor)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        if not papers:
            raise CommandError("Không có khen thưởng nào còn hiệu lực của quyết định này trong phạm vi tài khoản.")
        Path(output).write_bytes(render_certificates_pdf(papers))
        self.stdout.write(f"Đã in {len(papers)} giấy khen vào {output}.")
