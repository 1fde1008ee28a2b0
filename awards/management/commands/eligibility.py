import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from units.models import Person, Unit

from awards.models import AwardType
from awards.rules.eligibility import check


class Command(BaseCommand):
    help = ("Cho biết một cá nhân (theo số CCCD) hoặc một tập thể (theo mã đơn vị) có đủ điều kiện đề nghị một "
            "hình thức khen thưởng trong năm hay không, và vì sao.")

    def add_arguments(self, parser):
        subject = parser.add_mutually_exclusive_group(required=True)
        subject.add_argument("--cccd", help="số CCCD của cá nhân")
        subject.add_argument("--unit", help="mã đơn vị của tập thể (ví dụ 08053)")
        parser.add_argument("--award", required=True, help="mã hình thức, danh hiệu (ví dụ CSTDCS)")
        parser.add_argument("--class", dest="award_class", default="", help="hạng (ví dụ Ba)")
        parser.add_argument("--year", type=int, required=True, help="năm xét")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, cccd, unit, award, award_class, year, **options):
        subject, ident = _person(cccd) if cccd else _unit(unit, year)
        award_type = AwardType.objects.filter(code=award.strip().upper()).first()
        if award_type is None:
            raise CommandError(f"Không có mã hình thức, danh hiệu “{award}” trong danh mục.")
        verdict = check(subject, award_type, year, award_class=award_class)
        data = verdict.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data | ident, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{data['subject']} — {award_type.name}{' hạng ' + award_class if award_class else ''}, "
                          f"năm {year}: {'ĐỦ điều kiện' if verdict.eligible else 'CHƯA đủ điều kiện'}")
        if verdict.standard is None:
            self.stdout.write("  Chưa có tiêu chuẩn của hình thức này cho đối tượng này trong hệ thống.")
        for condition in data["conditions"]:
            mark = "✔" if condition["met"] else "✘"
            note = " (quy định chưa chắc chắn, cần kiểm tra)" if condition["certainty"] == "U" else ""
            self.stdout.write(f"  {mark} {condition['description']}{note}")
            if condition["detail"]:
                self.stdout.write(f"      {condition['detail']}")
            for record in condition["records"]:
                self.stdout.write(f"      · {record}")
            for record in condition["ignored"]:
                self.stdout.write(f"      ○ không tính: {record}")
            if condition["missing_years"]:
                self.stdout.write(f"      thiếu năm: {', '.join(map(str, condition['missing_years']))}")
        if verdict.rating_missing_year:
            self.stdout.write(f"  {verdict.rating_missing_text}: nhập xếp loại năm này rồi xét lại.")
        elif not verdict.eligible and verdict.earliest_year:
            self.stdout.write(f"  Năm sớm nhất có thể đủ điều kiện: {verdict.earliest_year}")


def _person(cccd):
    person = Person.objects.filter(cccd=cccd.strip()).first()
    if person is None:
        raise CommandError(f"Không có cá nhân có số CCCD {cccd}.")
    return person, {"person": person.full_name, "cccd": person.cccd}


def _unit(code, year):
    # Codes are reused across the 2025 reform (the old and the new province share "25"): take
    # the unit in force at the end of the year judged.
    units = list(Unit.objects.filter(code=code.strip()).in_force(datetime.date(year, 12, 31)).order_by("path"))
    if not units:
        raise CommandError(f"Không có đơn vị mã {code} còn hiệu lực trong năm {year}.")
    if len(units) > 1:
        names = "; ".join(f"{u.name} (id {u.pk})" for u in units)
        raise CommandError(f"Mã {code} ứng với nhiều đơn vị trong năm {year}: {names}.")
    return units[0], {"unit": units[0].name, "unit_code": units[0].code}
