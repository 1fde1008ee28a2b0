from django.core.management.base import BaseCommand, CommandError

from units.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Khôi phục cổng từ một tệp sao lưu: kiểm tra mọi mã băm trước, rồi thay cơ sở dữ liệu và các tệp "
            "đã lưu, sau cùng đối chiếu số bản ghi với manifest.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar do backup_portal tạo.")
        parser.add_argument("--yes", action="store_true", help="Không hỏi lại (dữ liệu hiện có sẽ bị thay thế).")

    def handle(self, *args, archive, yes=False, **options):
        if not yes and input("Dữ liệu hiện có sẽ bị thay bằng bản sao lưu. Gõ 'co' để tiếp tục: ").strip() != "co":
            raise CommandError("Đã huỷ, không thay đổi gì.")
        try:
            restored = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã khôi phục {restored.rows} bản ghi ({restored.tables} bảng) và {restored.files} tệp "
                          "từ bản sao lưu; số bản ghi khớp manifest.")
