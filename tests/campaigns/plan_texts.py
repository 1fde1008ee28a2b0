"""A commune's yearly emulation plan, as such plans are written: the regular kind the seeds lack."""

YEARLY_PLAN = """ỦY BAN NHÂN DÂN
XÃ HẠ HÒA

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: /KH-UBND

Hạ Hòa, ngày 15 tháng 01 năm 2026

KẾ HOẠCH

{title}

Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;

Ủy ban nhân dân xã Hạ Hòa ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

{purpose}

2. Yêu cầu

Việc bình xét thi đua phải công khai, dân chủ, đúng tiêu chuẩn; thường xuyên kiểm tra, đôn đốc.

II. NỘI DUNG THI ĐUA

1. Thi đua hoàn thành xuất sắc các chỉ tiêu phát triển kinh tế - xã hội năm 2026.

III. THỜI GIAN THI ĐUA

{period}

IV. HÌNH THỨC KHEN THƯỞNG

1. Danh hiệu “Lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”

Xét tặng cho cá nhân đạt tiêu chuẩn khi tổng kết năm 2026.

V. TỔ CHỨC THỰC HIỆN

Văn phòng HĐND và UBND xã tham mưu tổ chức thực hiện Kế hoạch này./.

Nơi nhận:

- Các ban, ngành;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Hà Đức Thắng
"""


def yearly_plan(title="Tổ chức phong trào thi đua yêu nước năm 2026",
                purpose="Đẩy mạnh phong trào thi đua thường xuyên trong cán bộ, công chức, người lao động.",
                period="Từ ngày 01/01/2026 đến ngày 31/12/2026.") -> bytes:
    return YEARLY_PLAN.format(title=title, purpose=purpose, period=period).encode()
