from django.core.management.base import BaseCommand

from awards.services.routing import ensure_central_levels


class Command(BaseCommand):
    help = ("Tạo cấp Trung ương phía trên các tỉnh (Ban Thi đua - Khen thưởng Trung ương, Chủ tịch nước) và tuyến "
            "chuyển hồ sơ mặc định lên đó; chạy lại không thay đổi gì.")

    def handle(self, *args, **options):
        central, state = ensure_central_levels()
        self.stdout.write(f"Tuyến chuyển hồ sơ: tỉnh, bộ, ngành → {central.name} → {state.name}.")
