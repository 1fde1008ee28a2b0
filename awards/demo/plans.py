"""A demo campaign on the real tree: the province's issued plan and a commune's draft implementing it.

Keyed on the plan's title and issuing unit, so running it again changes nothing.
"""

import datetime

from django.db import transaction

from units.models import User

from campaigns import services
from campaigns.models import AwardTier, Plan, PlanSection

PROVINCE_TITLE = "Phát động phong trào thi đua “Chung sức xây dựng chính quyền hai cấp vận hành thông suốt” năm 2026"

SECTIONS = [
    (1, "I.", "MỤC ĐÍCH, YÊU CẦU", "purpose", ""),
    (2, "1.", "Mục đích", "purpose",
     "Tạo khí thế thi đua sôi nổi trong cán bộ, công chức, viên chức và Nhân dân, góp phần để chính quyền "
     "cấp tỉnh và cấp xã vận hành thông suốt, phục vụ người dân, doanh nghiệp ngày càng tốt hơn."),
    (2, "2.", "Yêu cầu", "purpose",
     "- Phong trào thi đua được triển khai sâu rộng, thiết thực, gắn với nhiệm vụ chính trị của từng cơ quan, "
     "đơn vị, địa phương;\n- Việc bình xét, khen thưởng bảo đảm **công khai, dân chủ, đúng quy định**."),
    (1, "II.", "NỘI DUNG THI ĐUA", "content", ""),
    (2, "1.", "", "content",
     "Thi đua giải quyết thủ tục hành chính đúng hạn, không để hồ sơ trễ hạn tại Trung tâm phục vụ hành chính "
     "công cấp xã."),
    (2, "2.", "", "content",
     "Thi đua chuyển đổi số trong hoạt động của chính quyền cấp xã; số hóa hồ sơ, kết quả giải quyết thủ tục."),
    (1, "III.", "THỜI GIAN THI ĐUA", "period", "Từ ngày ban hành Kế hoạch đến hết ngày 31/12/2026."),
    (1, "IV.", "HÌNH THỨC KHEN THƯỞNG", "awards", ""),
    (2, "1.", "Bằng khen của Chủ tịch UBND tỉnh", "awards",
     "Tặng tập thể, cá nhân tiêu biểu xuất sắc, số lượng *không quá 02 tập thể và 03 cá nhân* mỗi xã, phường."),
    (2, "2.", "Giấy khen của Chủ tịch UBND cấp xã", "awards",
     "Do Chủ tịch UBND xã, phường khen thưởng theo thẩm quyền."),
    (1, "V.", "TỔ CHỨC THỰC HIỆN", "assignments",
     "Sở Nội vụ hướng dẫn, theo dõi, tổng hợp kết quả; UBND các xã, phường xây dựng kế hoạch triển khai và "
     "gửi hồ sơ đề nghị khen thưởng về Sở Nội vụ trước ngày 15/12/2026."),
]


@transaction.atomic
def load_demo_plans(province, commune) -> list[Plan]:
    """The province's plan (issued by its chair) and the commune's draft implementing it."""
    existing = Plan.objects.filter(issuing_unit=province, title=PROVINCE_TITLE).first()
    if existing is not None:
        return [existing, *existing.implementing_plans.all()]
    clerk, approver = User.objects.get(username="phutho.thamdinh"), User.objects.get(username="phutho.lanhdao")
    plan = Plan.objects.create(
        issuing_unit=province, title=PROVINCE_TITLE, issuer_name=f"ỦY BAN NHÂN DÂN\n{province.name.upper()}",
        place=province.short_name, issue_year=2026, symbol="KH-UBND", period_from_issue=True,
        period_end=datetime.date(2026, 12, 31), dossier_deadline=datetime.date(2026, 12, 15),
        dossier_place="Sở Nội vụ tỉnh Phú Thọ", created_by=clerk,
        preamble=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n\n"
                  "Ủy ban nhân dân tỉnh ban hành Kế hoạch phát động phong trào thi đua, cụ thể như sau:"),
        closing="Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Sở Nội vụ để tổng hợp, báo cáo./.",
        recipients="- Ban Thi đua - Khen thưởng Trung ương;\n- TT. Tỉnh ủy, TT. HĐND tỉnh;\n"
                   "- UBND các xã, phường;\n- Lưu: VT, NV.",
        sign_prefix="KT.", sign_on_behalf="CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH", signer_name="Trần Quang Minh",
    )
    sections = PlanSection.objects.bulk_create(
        PlanSection(plan=plan, position=(i + 1) * 10, level=level, number=number, heading=heading, kind=kind,
                    body=body)
        for i, (level, number, heading, kind, body) in enumerate(SECTIONS)
    )
    AwardTier.objects.create(plan=plan, position=1, award_name="Bằng khen của Chủ tịch UBND tỉnh",
                             authority="Chủ tịch UBND tỉnh", quota=5,
                             quota_note="không quá 02 tập thể và 03 cá nhân mỗi xã, phường", section=sections[8])
    AwardTier.objects.create(plan=plan, position=2, award_name="Giấy khen của Chủ tịch UBND cấp xã",
                             authority="Chủ tịch UBND cấp xã", section=sections[9])
    plan = services.issue_plan(plan, actor=approver, number=services.suggest_number(province, 2026),
                               issue_date=datetime.date(2026, 3, 2))
    child = services.create_implementing_plan(plan, actor=User.objects.get(username="hahoa.canbo"), unit=commune)
    return [plan, child]
