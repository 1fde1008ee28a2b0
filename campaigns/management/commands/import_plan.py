"""python manage.py import_plan FILE --unit CODE|id:ID [--json] — a plan file (.txt, .docx, .pdf) as a draft plan."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.plan_import import (
    PlanImportError,
    find_issuing_unit,
    import_plan_file,
    parse_plan_file,
    plan_as_dict,
    unit_lookup_date,
)


class Command(BaseCommand):
    help = (
        "Nhập một kế hoạch từ tệp .txt, .docx hoặc .pdf (có lớp chữ) thành bản dự thảo của đơn vị có mã CODE "
        "(mã đơn vị hành chính chính thức; chọn đơn vị còn hiệu lực vào ngày ban hành kế hoạch), hoặc theo id "
        "(id:ID) cho đơn vị không có mã như cơ quan Trung ương, văn phòng, trường học; rồi báo cáo những gì đã nhận ra."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp kế hoạch (.txt UTF-8/UTF-16, .docx hoặc .pdf có lớp chữ).")
        parser.add_argument("--unit", required=True, metavar="CODE",
                            help="Mã đơn vị ban hành (Unit.code), hoặc id:ID, hoặc khóa nhập (import_key) của đơn vị.")
        parser.add_argument("--json", action="store_true", help="In các trường của kế hoạch dưới dạng JSON.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error.strerror or error}.") from None
        try:
            # The unit depends on the plan's date (codes repeat across eras), so read the file first.
            parsed = parse_plan_file(data)
            unit = find_issuing_unit(options["unit"], on=unit_lookup_date(parsed))
            plan, report = import_plan_file(data=data, filename=path.name, unit=unit)
        except PlanImportError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(plan_as_dict(plan, report), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Đã tạo kế hoạch dự thảo id {plan.pk} của {unit.name}: {plan.title_one_line}")
        for line in report.lines():
            self.stdout.write(line)
