import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from units import dates
from units.models import Unit, User
from units.two_factor import required_by_role

from awards.demo.people import DEMO_PASSWORD, demo_plan_units, load_demo
from awards.demo.plans import load_demo_plans


class Command(BaseCommand):
    help = ("Tạo tài khoản và dữ liệu mẫu trên cây đơn vị thật (chạy lại không thay đổi gì). Chỉ dành cho máy "
            "thử (DEBUG bật); trên máy chủ thật (DEBUG tắt) phải thêm --force và mật khẩu là một chuỗi ngẫu nhiên.")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Vẫn tạo dữ liệu mẫu khi DEBUG tắt (máy chủ trình diễn); mật khẩu sinh ngẫu nhiên.")

    def handle(self, *args, **options):
        # The demo's password is printed in the README and in this command's output: on a server
        # (DEBUG off) it would open a superuser account to anyone who has read them.
        if not settings.DEBUG and not options["force"]:
            raise CommandError("DEBUG đang tắt: đây là máy chủ thật, không tạo dữ liệu mẫu và tài khoản quản trị "
                               "mẫu. Nếu đây là máy chủ trình diễn, chạy lại với --force (mật khẩu sẽ được sinh "
                               "ngẫu nhiên và chỉ in ra một lần).")
        password = DEMO_PASSWORD if settings.DEBUG else secrets.token_urlsafe(16)
        if not Unit.objects.filter(import_key__isnull=False).exists():
            raise CommandError("Chưa có cây đơn vị: hãy chạy 'python manage.py load_units' trước.")
        # The level above the provinces (awards' routing table), so a demo dossier can go all the way up.
        from awards.demo.councils import load_demo_council
        from awards.services.routing import ensure_central_levels

        central, _state = ensure_central_levels()
        logins = load_demo(central=central, password=password)
        plans = load_demo_plans(*demo_plan_units())
        council = load_demo_council(demo_plan_units()[0])
        if password == DEMO_PASSWORD:
            self.stdout.write(f"Tài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD}):")
        else:
            self.stdout.write(f"Tài khoản dùng thử (mật khẩu chung, sinh ngẫu nhiên, chỉ in lần này: {password} — "
                              "hãy ghi lại; tài khoản đã có với mật khẩu khác được giữ nguyên):")
        for login in logins:
            self.stdout.write(f"  {login.username:<16} {login.role} — {login.unit}")
        # Their second step is set up by each tester on their own phone, as a real official does: no shared
        # secret is printed or published.
        two_step = [u.username for u in User.objects.filter(username__in=[login.username for login in logins])
                    if required_by_role(u)]
        self.stdout.write(f"Bật xác thực hai bước ở lần đăng nhập đầu (cần ứng dụng xác thực trên điện thoại): "
                          f"{', '.join(sorted(two_step))}.")
        self.stdout.write(f"Kế hoạch mẫu: {len(plans)} (một kế hoạch tỉnh đã ban hành, một kế hoạch xã đang dự thảo).")
        self.stdout.write(f"{council.name}: {council.members.count()} thành viên; thư ký ghi phiên họp: phutho.thuky.")
        # A decision of the province already issued, its papers numbered (awards.decision_demo); made before the
        # consultation so its council session holds only its own candidates.
        from awards.demo.decisions import load_demo_decision

        papers = load_demo_decision(*demo_plan_units())
        if papers:
            self.stdout.write(f"Quyết định mẫu số {papers[0].record.decision_number}: {len(papers)} Bằng khen; "
                              f"tra cứu công khai: {papers[0].get_public_path()}")
        # The campaign cycle: a report deadline answered by the commune, an emulation block (awards.demo.insight).
        from awards.demo.insight import load_demo_block, load_demo_report

        milestone = load_demo_report(plans[0], demo_plan_units()[1])
        self.stdout.write(f"Báo cáo kết quả thực hiện kế hoạch mẫu: hạn {dates.in_figures(milestone.date)}, "
                          "Xã Hạ Hòa đã gửi (trang “Báo cáo thực hiện” của kế hoạch tỉnh).")
        block = load_demo_block(*demo_plan_units())
        self.stdout.write(f"{block.name}: {block.members.count()} đơn vị; đơn vị trưởng khối đã gửi bảng tự chấm.")
        # An open public consultation at the province (awards.consultation_demo).
        from awards.demo.consultations import load_demo_consultation

        consultation = load_demo_consultation(*demo_plan_units())
        if consultation is not None:
            self.stdout.write(f"Đợt lấy ý kiến mẫu: “{consultation.title}”, nhận ý kiến đến hết ngày "
                              f"{consultation.closes_on:%d/%m/%Y} (trang công khai /cong-khai/lay-y-kien/).")
