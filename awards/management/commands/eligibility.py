import json

from django.core.management.base import BaseCommand, CommandError

from awards.eligibility import check
from awards.models import AwardType
from units.models import Person


class Command(BaseCommand):
    help = "Cho biết một cá nhân có đủ điều kiện đề nghị một hình thức khen thưởng trong năm hay không, và vì sao."

    def add_arguments(self, parser):
        parser.add_argument("--cccd", required=True, help="số CCCD của cá nhân")
        parser.add_argument("--award", required=True, help="mã hình thức, danh hiệu (ví dụ CSTDCS)")
        parser.add_argument("--class", dest="award_class", default="", help="hạng (ví dụ Ba)")
        parser.add_argument("--year", type=int, required=True, help="năm xét")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, cccd, award, award_class, year, **options):
        person = Person.objects.filter(cccd=cccd.strip()).first()
        if person is None:
            raise CommandError(f"Không có cá nhân có số CCCD {cccd}.")
        award_type = AwardType.objects.filter(code=award.strip().upper()).first()
        if award_type is None:
            raise CommandError(f"Không có mã hình thức, danh hiệu “{award}” trong danh mục.")
        verdict = check(person, award_type, year, award_class=award_class)
        if options["json"]:
            self.stdout.write(_json(verdict.as_dict() | {"person": person.full_name, "cccd": person.cccd}))
            return
        data = verdict.as_dict()
        self.stdout.write(f"{person.full_name} — {award_type.name}{' hạng ' + award_class if award_class else ''}, "
                          f"năm {year}: {'ĐỦ điều kiện' if verdict.eligible else 'CHƯA đủ điều kiện'}")
        if verdict.standard is None:
            self.stdout.write("  Chưa có tiêu chuẩn của hình thức này trong hệ thống.")
        for condition in data["conditions"]:
            mark = "✔" if condition["met"] else "✘"
            self.stdout.write(f"  {mark} {condition['description']}")
            for record in condition["records"]:
                self.stdout.write(f"      · {record}")
            if condition["missing_years"]:
                self.stdout.write(f"      thiếu năm: {', '.join(map(str, condition['missing_years']))}")
        if not verdict.eligible and verdict.earliest_year:
            self.stdout.write(f"  Năm sớm nhất có thể đủ điều kiện: {verdict.earliest_year}")


def _json(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
