"""The award catalogue and the authority table, loaded as data.

Everything here comes from the portal's legal domain notes (§0 versions, §1.1 titles, §1.2 forms, §4 the
2025 reform). It is loaded as rows, not constants, because the law changes (D98 was replaced after
18 months, an amending law is in draft) and administrators must be able to correct a row in the
admin without a release. The certainty marks of domain.md travel with the rows: V (seen in a
source), K (well known, not re-checked), U (must be checked before anyone relies on it).

The data below is frozen on purpose: a migration must produce the same rows whenever it runs, so
it does not import anything from the application.
"""

import datetime

from django.db import migrations

D = datetime.date

# ---------------------------------------------------------------------------------------------
# Regulation versions (domain.md §0). A version is a law together with its detailing decree,
# because the decree decides the forms, councils and (since D152) part of the delegation.
# ---------------------------------------------------------------------------------------------

REGULATIONS = [
    {
        "code": "L03_D91",
        "name": "Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2009, 2013) "
                "và Nghị định số 91/2017/NĐ-CP",
        # D91 took effect on 1/10/2017; the years before it (Nghị định 42/2010/NĐ-CP) are not loaded.
        "valid_from": D(2017, 10, 1),
        "valid_to": D(2023, 12, 31),
        "note": "Luật cũ và nghị định hướng dẫn cũ, kèm Thông tư 12/2019/TT-BNV (mẫu 01–09). Hết hiệu lực "
                "từ ngày 01/01/2024 khi Luật Thi đua, khen thưởng năm 2022 có hiệu lực. Các hình thức đã "
                "khen thưởng theo luật cũ vẫn giữ nguyên giá trị (Điều 95 Luật TĐKT 2022). Chỉ nạp các "
                "thẩm quyền cần để tra cứu kế hoạch, hồ sơ năm 2022–2023.",
    },
    {
        "code": "L22_D98",
        "name": "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định số 98/2023/NĐ-CP",
        "valid_from": D(2024, 1, 1),
        "valid_to": D(2025, 6, 30),
        "note": "Luật mới có hiệu lực từ 01/01/2024; Nghị định 98/2023/NĐ-CP quy định chi tiết (mẫu hồ sơ, "
                "hội đồng, tiền thưởng), cùng Thông tư 01/2024/TT-BNV. Còn chính quyền ba cấp: tỉnh, "
                "huyện, xã. Nghị định 98/2023/NĐ-CP bị thay thế từ 01/07/2025.",
    },
    {
        "code": "L22_D152",
        "name": "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định số 152/2025/NĐ-CP",
        "valid_from": D(2025, 7, 1),
        "valid_to": None,
        "note": "Nghị định 152/2025/NĐ-CP (ngày 14/6/2025) phân cấp, phân quyền trong thi đua, khen thưởng "
                "và thay thế Nghị định 98/2023/NĐ-CP. Từ 01/07/2025 chính quyền địa phương hai cấp, không "
                "còn cấp huyện. Cần theo dõi: Thông tư thay thế Thông tư 01/2024/TT-BNV và dự thảo Luật "
                "sửa đổi Luật TĐKT (dự kiến có hiệu lực năm 2026) — khi được ban hành, thêm phiên bản mới "
                "và đặt ngày hết hiệu lực cho phiên bản này.",
    },
]

# ---------------------------------------------------------------------------------------------
# Award types (domain.md §1.1 and §1.2), in display order: titles for individuals, titles for
# collectives and households, then orders, medals, state honours, prizes, certificates, and the
# commemorative medal. The position is the index × 10, leaving gaps for rows added by hand.
#
# Subjects: I = individual, C = collective, H = household.
# Campaign and ad-hoc awards are not separate types: a Giấy khen given at a campaign review is
# still a GIAY_KHEN; whether it counts toward a chain is decided by the kind of the grant, so every
# type here keeps counts_toward_chains=True (domain.md names no type whose results never count).
# ---------------------------------------------------------------------------------------------

TITLE, ORDER, MEDAL, HONOUR, PRIZE, CERTIFICATE, COMMEMORATIVE = (
    "title", "order", "medal", "honour", "prize", "certificate", "commemorative")
REGULAR, LONG_SERVICE, SENIORITY, FOREIGN = "regular", "long_service", "seniority", "foreign"
YEARLY = "Hằng năm"
YEARLY_AND_THEMATIC = "Hằng năm; khi sơ kết, tổng kết phong trào thi đua theo chuyên đề"
PER_D86 = "Theo Nghị định 86/2023/NĐ-CP"
THREE_CLASSES = "Nhất, Nhì, Ba"
L22 = "Luật TĐKT 2022"
# domain.md gives the article numbers only for the titles, Art. 44 (Huân chương Lao động), Art. 54
# (medals), Art. 73–75 (certificates) and Art. 96 (youth-volunteer medal); the rest cite the chapter.
FORMS_BASIS = f"{L22}, Điều 9 và Chương III"
D86_BASIS = f"{L22}; Nghị định 86/2023/NĐ-CP"

LDTT_STANDARD = (
    "Hoàn thành tốt nhiệm vụ trở lên; chấp hành tốt chủ trương, chính sách, pháp luật; có tinh thần tự lực, "
    "tự cường, đoàn kết, tương trợ; tích cực tham gia phong trào thi đua. Bộ, ngành, tỉnh có thể quy định "
    "thêm (ví dụ: không bị xử phạt vi phạm hành chính trong năm).")
TTLDTT_STANDARD = (
    "Hoàn thành tốt nhiệm vụ, kế hoạch được giao; thi đua thường xuyên, thiết thực; tỷ lệ thành viên hoàn "
    "thành tốt nhiệm vụ, đạt danh hiệu Lao động tiên tiến đạt mức quy định (tỷ lệ cụ thể cần kiểm tra; luật "
    "cũ: trên 50%); không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên; nội bộ đoàn kết.")
TTLDXS_STANDARD = (
    "Hoàn thành xuất sắc nhiệm vụ; phong trào thi đua thường xuyên, thiết thực, hiệu quả; 100% thành viên "
    "hoàn thành nhiệm vụ, trong đó từ 70% trở lên đạt danh hiệu Lao động tiên tiến (Chiến sĩ tiên tiến) và "
    "có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở; nội bộ đoàn kết, chấp hành tốt pháp luật. Ngành có "
    "thể giới hạn số lượng.")
D86_STANDARD = "Theo tiêu chuẩn khung của Nghị định 86/2023/NĐ-CP và quy định chi tiết của tỉnh."

AWARDS = [
    # --- Emulation titles for individuals (§1.1) ---
    ("LDTT", "Lao động tiên tiến", TITLE, REGULAR, "I", "", YEARLY, LDTT_STANDARD, f"{L22}, Điều 24", "V"),
    ("CSTT", "Chiến sĩ tiên tiến", TITLE, REGULAR, "I", "", YEARLY,
     ("Như danh hiệu Lao động tiên tiến, dành cho lực lượng vũ trang nhân dân; chi tiết theo quy định của Bộ "
      "Quốc phòng, Bộ Công an."), f"{L22}, Điều 24", "V"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", TITLE, REGULAR, "I", "", YEARLY,
     ("Đạt danh hiệu Lao động tiên tiến hoặc Chiến sĩ tiên tiến trong năm và có một trong các thành tích: hoàn "
      "thành xuất sắc nhiệm vụ; sáng kiến được cơ sở công nhận; đề tài khoa học, đề án được nghiệm thu, áp "
      "dụng; mưu trí, sáng tạo trong chiến đấu, phục vụ chiến đấu được đơn vị công nhận."),
     f"{L22}, Điều 23", "V"),
    # V for the 2003 law; carried into L22 Art. 22 — K (domain.md §1.1).
    ("CSTD_BT", "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", TITLE, REGULAR, "I", "",
     "Hằng năm, khi đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở",
     ("Được chọn trong số cá nhân có 3 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở, có sáng kiến, đề "
      "tài, đề án được người đứng đầu bộ, ban, ngành, tỉnh công nhận hiệu quả và khả năng nhân rộng trong "
      "phạm vi bộ, ban, ngành, tỉnh."), f"{L22}, Điều 22", "K"),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", TITLE, REGULAR, "I", "",
     "Xét vào năm liền kề sau lần thứ hai liên tục đạt Chiến sĩ thi đua bộ, ban, ngành, tỉnh",
     ("Tiêu biểu xuất sắc trong số cá nhân có 2 lần liên tục đạt danh hiệu Chiến sĩ thi đua bộ, ban, ngành, "
      "tỉnh; có sáng kiến, đề tài, đề án hiệu quả, có khả năng nhân rộng trong phạm vi toàn quốc."),
     f"{L22}, Điều 21", "V"),
    # --- Emulation titles for collectives and households (§1.1) ---
    # The exact share of members for TTLĐTT is U; the title itself is K.
    ("TTLDTT", "Tập thể lao động tiên tiến", TITLE, REGULAR, "C", "", YEARLY, TTLDTT_STANDARD,
     f"{L22}, Điều 28", "K"),
    ("DVTT", "Đơn vị tiên tiến", TITLE, REGULAR, "C", "", YEARLY,
     "Như danh hiệu Tập thể lao động tiên tiến, dành cho đơn vị thuộc lực lượng vũ trang nhân dân.",
     f"{L22}, Điều 28", "K"),
    ("TTLDXS", "Tập thể lao động xuất sắc", TITLE, REGULAR, "C", "", YEARLY, TTLDXS_STANDARD,
     f"{L22}, Điều 27", "V"),
    ("DVQT", "Đơn vị quyết thắng", TITLE, REGULAR, "C", "", YEARLY,
     "Như danh hiệu Tập thể lao động xuất sắc, dành cho đơn vị thuộc lực lượng vũ trang nhân dân.",
     f"{L22}, Điều 27", "V"),
    ("CO_BT", "Cờ thi đua của bộ, ban, ngành, tỉnh", TITLE, REGULAR, "C", "", YEARLY_AND_THEMATIC,
     ("Dẫn đầu cụm, khối thi đua do bộ, ban, ngành, tỉnh tổ chức, hoàn thành vượt mức chỉ tiêu, nội bộ trong "
      "sạch, vững mạnh; hoặc dẫn đầu phong trào thi đua theo chuyên đề khi sơ kết, tổng kết."),
     f"{L22}, Điều 26", "K"),
    ("CO_CP", "Cờ thi đua của Chính phủ", TITLE, REGULAR, "C", "", YEARLY_AND_THEMATIC,
     ("Tiêu biểu xuất sắc trong số tập thể dẫn đầu cụm, khối thi đua của bộ, ngành, tỉnh, vượt chỉ tiêu năm; "
      "hoặc dẫn đầu cụm, khối thi đua do Hội đồng Thi đua – Khen thưởng Trung ương tổ chức; hoặc dẫn đầu "
      "phong trào thi đua do Thủ tướng Chính phủ phát động có thời gian từ 5 năm trở lên, khi sơ kết, tổng kết."),
     f"{L22}, Điều 25", "V"),
    # The A26 draft would rename it "xã, phường, đặc khu tiêu biểu"; only a draft, so the law's name stays.
    ("XA_TB", "Xã, phường, thị trấn tiêu biểu", TITLE, REGULAR, "C", "", PER_D86, D86_STANDARD, D86_BASIS, "V"),
    ("THON_VH", "Thôn, tổ dân phố văn hóa", TITLE, REGULAR, "C", "", PER_D86, D86_STANDARD, D86_BASIS, "V"),
    ("GD_VH", "Gia đình văn hóa", TITLE, REGULAR, "H", "", PER_D86, D86_STANDARD, D86_BASIS, "V"),
    # --- Orders (§1.2; the list is K). domain.md does not give subjects for orders: individuals
    # and collectives as commonly known; Đại đoàn kết dân tộc and Dũng cảm go to individuals. ---
    ("HC_SAO_VANG", "Huân chương Sao vàng", ORDER, REGULAR, "IC", "", "", "", FORMS_BASIS, "K"),
    ("HC_HO_CHI_MINH", "Huân chương Hồ Chí Minh", ORDER, REGULAR, "IC", "", "", "", FORMS_BASIS, "K"),
    ("HC_DOC_LAP", "Huân chương Độc lập", ORDER, REGULAR, "IC", THREE_CLASSES, "", "", FORMS_BASIS, "K"),
    ("HC_QUAN_CONG", "Huân chương Quân công", ORDER, REGULAR, "IC", THREE_CLASSES, "", "", FORMS_BASIS, "K"),
    ("HC_LAO_DONG", "Huân chương Lao động", ORDER, REGULAR, "IC", THREE_CLASSES, "",
     ("Hạng Ba (một trong các trường hợp): đã có Bằng khen của Thủ tướng Chính phủ, sau đó 5 năm liên tục "
      "hoàn thành tốt nhiệm vụ trở lên, trong thời gian đó có 1 năm hoàn thành xuất sắc nhiệm vụ và 3 lần "
      "Chiến sĩ thi đua cơ sở. Hạng Nhì, hạng Nhất: theo Điều 44 (cần kiểm tra)."), f"{L22}, Điều 44", "K"),
    ("HC_BAO_VE_TQ", "Huân chương Bảo vệ Tổ quốc", ORDER, REGULAR, "IC", THREE_CLASSES, "", "", FORMS_BASIS,
     "K"),
    ("HC_CHIEN_CONG", "Huân chương Chiến công", ORDER, REGULAR, "IC", THREE_CLASSES, "", "", FORMS_BASIS, "K"),
    ("HC_DAI_DOAN_KET", "Huân chương Đại đoàn kết dân tộc", ORDER, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    ("HC_DUNG_CAM", "Huân chương Dũng cảm", ORDER, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    # The friendship order and medal are for foreigners: the đối ngoại kind of L22 Art. 8.
    ("HC_HUU_NGHI", "Huân chương Hữu nghị", ORDER, FOREIGN, "IC", "", "", "", FORMS_BASIS, "K"),
    # --- Medals (§1.2, Art. 54 — V). The armed-forces medals reward years of service: niên hạn. ---
    ("HCH_QUAN_KY", "Huy chương Quân kỳ quyết thắng", MEDAL, SENIORITY, "I", "", "",
     "Quân nhân có thời gian phục vụ liên tục trong Quân đội nhân dân từ 25 năm trở lên.",
     f"{L22}, Điều 54", "V"),
    ("HCH_VI_AN_NINH", "Huy chương Vì an ninh Tổ quốc", MEDAL, SENIORITY, "I", "", "",
     "Cán bộ, chiến sĩ Công an nhân dân theo thời gian phục vụ.", f"{L22}, Điều 54", "V"),
    ("HCH_CHIEN_SI_VE_VANG", "Huy chương Chiến sĩ vẻ vang", MEDAL, SENIORITY, "I", THREE_CLASSES, "", "",
     f"{L22}, Điều 54", "V"),
    ("HCH_HUU_NGHI", "Huy chương Hữu nghị", MEDAL, FOREIGN, "I", "", "", "", f"{L22}, Điều 54", "V"),
    ("HCH_TNXP", "Huy chương Thanh niên xung phong vẻ vang", MEDAL, REGULAR, "I", "", "",
     "Người tham gia thanh niên xung phong trong các thời kỳ kháng chiến.", f"{L22}, Điều 96", "V"),
    # --- State honorary titles (§1.2 — K). Heroes may be collectives; the others are personal. ---
    ("BM_VNAH", "Bà mẹ Việt Nam anh hùng", HONOUR, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    ("AH_LLVTND", "Anh hùng Lực lượng vũ trang nhân dân", HONOUR, REGULAR, "IC", "", "", "", FORMS_BASIS, "K"),
    ("AH_LD", "Anh hùng Lao động", HONOUR, REGULAR, "IC", "", "", "", FORMS_BASIS, "K"),
    ("NGND", "Nhà giáo nhân dân", HONOUR, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    ("NGUT", "Nhà giáo ưu tú", HONOUR, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    ("TTND", "Thầy thuốc nhân dân", HONOUR, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    ("TTUT", "Thầy thuốc ưu tú", HONOUR, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    ("NSND", "Nghệ sĩ nhân dân", HONOUR, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    ("NSUT", "Nghệ sĩ ưu tú", HONOUR, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    ("NNND", "Nghệ nhân nhân dân", HONOUR, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    ("NNUT", "Nghệ nhân ưu tú", HONOUR, REGULAR, "I", "", "", "", FORMS_BASIS, "K"),
    # --- Prizes (§1.2 — K): awarded to authors, alone or as a group. ---
    ("GT_HCM", "Giải thưởng Hồ Chí Minh", PRIZE, REGULAR, "IC", "", "", "", FORMS_BASIS, "K"),
    ("GT_NN", "Giải thưởng Nhà nước", PRIZE, REGULAR, "IC", "", "", "", FORMS_BASIS, "K"),
    # --- Certificates (§1.2): individuals, collectives and households alike. ---
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", CERTIFICATE, REGULAR, "ICH", "", "",
     ("Cá nhân: tiêu biểu xuất sắc trong phong trào thi đua; hoặc đã có Bằng khen cấp bộ, ban, ngành, tỉnh, "
      "5 năm liên tục hoàn thành tốt nhiệm vụ trở lên và trong thời gian đó có 3 lần Chiến sĩ thi đua cơ sở; "
      "hoặc lập nhiều thành tích, thành tích đột xuất có phạm vi ảnh hưởng trong bộ, ngành, tỉnh, hoặc đạt "
      "giải thưởng quốc gia, quốc tế."), f"{L22}, Điều 73", "V"),
    ("BK_BO", "Bằng khen cấp bộ, ban, ngành", CERTIFICATE, REGULAR, "ICH", "", "",
     ("Tiêu biểu trong phong trào thi đua, lập thành tích đột xuất, hoặc nhiều năm liên tục hoàn thành tốt, "
      "xuất sắc nhiệm vụ và có sáng kiến; số năm cụ thể theo Luật và quy định của bộ, ban, ngành (cần kiểm "
      "tra)."), f"{L22}, Điều 74", "K"),
    ("BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh", CERTIFICATE, REGULAR, "ICH", "", "",
     ("Tiêu biểu trong phong trào thi đua, lập thành tích đột xuất, hoặc nhiều năm liên tục hoàn thành tốt, "
      "xuất sắc nhiệm vụ và có sáng kiến; số năm cụ thể theo Luật và Quy chế thi đua, khen thưởng của tỉnh "
      "(cần kiểm tra)."), f"{L22}, Điều 74", "K"),
    ("GIAY_KHEN", "Giấy khen", CERTIFICATE, REGULAR, "ICH", "", "",
     ("Tiêu biểu trong phong trào thi đua, lập thành tích đột xuất hoặc hoàn thành tốt nhiệm vụ; người đứng "
      "đầu cơ quan, đơn vị quy định chi tiết (cần kiểm tra)."), f"{L22}, Điều 75", "V"),
    # --- Commemorative medal (§1.2 — K): recognises years of contribution to a sector. ---
    ("KNC", "Kỷ niệm chương", COMMEMORATIVE, LONG_SERVICE, "I", "", "",
     "Do bộ, ban, ngành, tổ chức Trung ương quy định để ghi nhận quá trình đóng góp cho ngành, lĩnh vực.",
     FORMS_BASIS, "K"),
]

# ---------------------------------------------------------------------------------------------
# Authorities (domain.md §1.1 and §1.2 "decided by", §4). One row per regulation version, level
# and award, with the dates of its version unless the row ends earlier.
# ---------------------------------------------------------------------------------------------

STATE, GOVERNMENT, MINISTRY, PROVINCE, DEPARTMENT, DISTRICT, COMMUNE, UNIT_HEAD, ENTERPRISE = (
    "state", "government", "ministry", "province", "department", "district", "commune", "unit_head",
    "enterprise")

OFFICE = {
    STATE: "Chủ tịch nước",
    GOVERNMENT: "Thủ tướng Chính phủ",
    MINISTRY: "Bộ trưởng, thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, người đứng đầu cơ quan, "
              "tổ chức Trung ương",
    PROVINCE: "Chủ tịch UBND tỉnh",
    DEPARTMENT: "Giám đốc Sở, thủ trưởng cơ quan thuộc UBND tỉnh",
    DISTRICT: "Chủ tịch UBND cấp huyện",
    COMMUNE: "Chủ tịch UBND cấp xã",
    UNIT_HEAD: "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân thuộc bộ, ban, ngành, tỉnh",
    ENTERPRISE: "Giám đốc doanh nghiệp, hợp tác xã",
}
# Giấy khen may also be given by the chair of an enterprise's board (domain.md §1.2).
ENTERPRISE_GIAY_KHEN = "Chủ tịch Hội đồng quản trị, Hội đồng thành viên, Giám đốc doanh nghiệp, hợp tác xã"
# The Government as a collective body awards its own flag (Art. 78.1).
GOVERNMENT_BODY = "Chính phủ"

ART_77, ART_78_1, ART_78_2 = f"{L22}, Điều 77", f"{L22}, Điều 78 khoản 1", f"{L22}, Điều 78 khoản 2"
# domain.md cites Art. 78–80 for the whole column: 78 is the Government, 80 the heads below a
# province, so ministers and province chairs are Art. 79.
ART_79 = f"{L22}, Điều 79"
ART_80 = {UNIT_HEAD: f"{L22}, Điều 80 khoản 1", DEPARTMENT: f"{L22}, Điều 80 khoản 1",
          DISTRICT: f"{L22}, Điều 80 khoản 2", COMMUNE: f"{L22}, Điều 80 khoản 3",
          ENTERPRISE: f"{L22}, Điều 80 khoản 4"}
L03_BASIS = "Luật TĐKT 2003 (sửa đổi, bổ sung) và Nghị định 91/2017/NĐ-CP"

BOTH = ("L22_D98", "L22_D152")
UNTIL_REFORM = ("L22_D98",)
AFTER_REFORM = ("L22_D152",)

# The one U fact of §4: the district chair's powers under Art. 80.2 pass in practice to the
# commune chair after 1/7/2025. Each is its own row so that an administrator can confirm, narrow or
# delete it once the province's rules are known; none of this lives in code.
REFORM_NOTE = (
    "Từ 01/7/2025 không còn cấp huyện. Thẩm quyền của Chủ tịch UBND cấp huyện (Điều 80 khoản 2 Luật TĐKT 2022) "
    "trên thực tế do Chủ tịch UBND cấp xã thực hiện đối với cán bộ và địa bàn của xã; cơ quan cấp huyện cũ do "
    "Sở, UBND tỉnh khen thưởng. CHƯA CHẮC CHẮN — cần đối chiếu Nghị định 152/2025/NĐ-CP và Quy chế công tác "
    "thi đua, khen thưởng của tỉnh trước khi áp dụng.")
REFORM_OFFICE = "Chủ tịch UBND cấp xã (thay thẩm quyền của Chủ tịch UBND cấp huyện)"
REFORM_BASIS = f"{L22}, Điều 80 khoản 2; Nghị định 152/2025/NĐ-CP (cần kiểm tra)"
DISTRICT_NOTE = "Cấp huyện chấm dứt hoạt động từ 01/7/2025 (Luật Tổ chức chính quyền địa phương 72/2025/QH15)."


def row(versions, award, level, certainty, basis, office=None, note=""):
    return {"versions": versions, "award": award, "level": level, "office": office or OFFICE[level],
            "certainty": certainty, "legal_basis": basis, "note": note}


def grassroots(award, certainty, levels, *, commune=False):
    """Rows for the heads of Art. 80: unit heads, Sở directors, enterprises, district, commune."""
    rows = []
    for level in levels:
        if level == DISTRICT:
            rows.append(row(UNTIL_REFORM, award, DISTRICT, certainty, ART_80[DISTRICT], note=DISTRICT_NOTE))
        else:
            office = ENTERPRISE_GIAY_KHEN if (award, level) == ("GIAY_KHEN", ENTERPRISE) else None
            rows.append(row(BOTH, award, level, certainty, ART_80[level], office))
    if commune:
        rows.append(row(AFTER_REFORM, award, COMMUNE, "U", REFORM_BASIS, REFORM_OFFICE, REFORM_NOTE))
    return rows


ALL_HEADS = [UNIT_HEAD, DEPARTMENT, ENTERPRISE, DISTRICT, COMMUNE]
HEADS_BUT_COMMUNE = [UNIT_HEAD, DEPARTMENT, ENTERPRISE, DISTRICT]

STATE_AWARDS = [code for code, _n, group, *_ in AWARDS if group in (ORDER, MEDAL, HONOUR, PRIZE)]
STATE_CERTAINTY = {ORDER: "K", MEDAL: "V", HONOUR: "K", PRIZE: "K"}  # the status of each §1.2 row
GROUP_OF = {code: group for code, _n, group, *_ in AWARDS}

L22_AUTHORITIES = [
    # §1.1 — LĐTT: every head of Art. 80, the commune chair included (80.3).
    *grassroots("LDTT", "V", ALL_HEADS, commune=True),
    # §1.1 — CSTĐCS: the same heads except the commune chair (V); minister and province chair (K).
    *grassroots("CSTDCS", "V", HEADS_BUT_COMMUNE, commune=True),
    row(BOTH, "CSTDCS", MINISTRY, "K", ART_79),
    row(BOTH, "CSTDCS", PROVINCE, "K", ART_79),
    row(BOTH, "CSTD_BT", MINISTRY, "K", ART_79),
    row(BOTH, "CSTD_BT", PROVINCE, "K", ART_79),
    row(BOTH, "CSTD_TQ", GOVERNMENT, "V", ART_78_2),
    # §1.1 — TTLĐTT: heads of 80.1, district chair, enterprises; minister and province chair. The
    # title row is K, so are its authorities.
    *grassroots("TTLDTT", "K", HEADS_BUT_COMMUNE, commune=True),
    row(BOTH, "TTLDTT", MINISTRY, "K", ART_79),
    row(BOTH, "TTLDTT", PROVINCE, "K", ART_79),
    row(BOTH, "TTLDXS", MINISTRY, "K", ART_79),
    row(BOTH, "TTLDXS", PROVINCE, "K", ART_79),
    row(BOTH, "CO_BT", MINISTRY, "K", ART_79),
    row(BOTH, "CO_BT", PROVINCE, "K", ART_79),
    # D152 moved some Government tasks to the Prime Minister; domain.md does not say whether the flag
    # is one of them, hence the note rather than a second row.
    row(BOTH, "CO_CP", GOVERNMENT, "V", ART_78_1, GOVERNMENT_BODY,
        "Từ 01/7/2025 cần kiểm tra Nghị định 152/2025/NĐ-CP có phân cấp việc tặng Cờ thi đua của Chính phủ "
        "cho Thủ tướng Chính phủ hay không."),
    row(BOTH, "XA_TB", PROVINCE, "V", ART_79),
    *grassroots("THON_VH", "V", [DISTRICT], commune=True),
    row(BOTH, "GD_VH", COMMUNE, "V", ART_80[COMMUNE]),
    # §1.2 — orders, medals, honours and prizes: the President (Art. 77).
    *[row(BOTH, code, STATE, STATE_CERTAINTY[GROUP_OF[code]], ART_77) for code in STATE_AWARDS],
    # §1.2 — commemorative medals: ministries (K); whether provinces may issue their own is U.
    row(BOTH, "KNC", MINISTRY, "K", ART_79),
    row(BOTH, "KNC", PROVINCE, "U", ART_79, note=(
        "Chưa chắc chắn cấp tỉnh có được ban hành, tặng Kỷ niệm chương hay không (Luật TĐKT 2022 đã bỏ Huy "
        "hiệu của tỉnh) — cần kiểm tra trước khi sử dụng.")),
    row(BOTH, "BK_TTG", GOVERNMENT, "V", ART_78_2),
    row(BOTH, "BK_BO", MINISTRY, "K", ART_79),
    row(BOTH, "BK_TINH", PROVINCE, "K", ART_79),
    *grassroots("GIAY_KHEN", "V", ALL_HEADS, commune=True),
]

# The 2003 law, only as far as 2022–2023 plans and dossiers need it; all K, because domain.md does
# not re-check the old text. domain.md does not say that the commune chair granted LĐTT under the
# old law (L22 Art. 80.3 gives it now), so no such row is guessed here.
L03_AUTHORITIES = [
    row(("L03_D91",), award, level, "K", L03_BASIS)
    for award, levels in [
        ("GIAY_KHEN", [UNIT_HEAD, DEPARTMENT, DISTRICT, COMMUNE]),
        ("LDTT", [UNIT_HEAD, DEPARTMENT, DISTRICT]),
        ("CSTDCS", [UNIT_HEAD, DEPARTMENT, DISTRICT, PROVINCE]),
        ("CSTD_BT", [MINISTRY, PROVINCE]),
        ("CSTD_TQ", [GOVERNMENT]),
        ("BK_BO", [MINISTRY]),
        ("BK_TINH", [PROVINCE]),
        ("BK_TTG", [GOVERNMENT]),
    ]
    for level in levels
]

AUTHORITIES = L03_AUTHORITIES + L22_AUTHORITIES


def load(apps, schema_editor):
    RegulationVersion = apps.get_model("awards", "RegulationVersion")
    AwardType = apps.get_model("awards", "AwardType")
    Authority = apps.get_model("awards", "Authority")
    db = schema_editor.connection.alias

    versions = {}
    for values in REGULATIONS:
        code, values = values["code"], {k: v for k, v in values.items() if k != "code"}
        versions[code], _ = RegulationVersion.objects.using(db).update_or_create(code=code, defaults=values)

    awards = {}
    for index, (code, name, group, kind, subjects, classes, cycle, standard, basis, certainty) in enumerate(AWARDS):
        awards[code], _ = AwardType.objects.using(db).update_or_create(code=code, defaults={
            "name": name, "group": group, "kind": kind, "for_individuals": "I" in subjects,
            "for_collectives": "C" in subjects, "for_households": "H" in subjects, "classes": classes,
            "counts_toward_chains": True, "cycle": cycle, "standard": standard, "legal_basis": basis,
            "certainty": certainty, "position": (index + 1) * 10})

    Authority.objects.using(db).bulk_create([
        Authority(regulation=versions[code], award=awards[spec["award"]], level=spec["level"], office=spec["office"],
                  valid_from=versions[code].valid_from, valid_to=versions[code].valid_to,
                  legal_basis=spec["legal_basis"], certainty=spec["certainty"], note=spec["note"])
        for spec in AUTHORITIES for code in spec["versions"]
    ])


def unload(apps, schema_editor):
    RegulationVersion = apps.get_model("awards", "RegulationVersion")
    AwardType = apps.get_model("awards", "AwardType")
    Authority = apps.get_model("awards", "Authority")
    db = schema_editor.connection.alias
    regulation_codes = [r["code"] for r in REGULATIONS]
    # Authorities first: a regulation version is protected while any authority points at it, and
    # rows an administrator added under these versions cannot outlive them.
    Authority.objects.using(db).filter(regulation__code__in=regulation_codes).delete()
    AwardType.objects.using(db).filter(code__in=[a[0] for a in AWARDS]).delete()
    RegulationVersion.objects.using(db).filter(code__in=regulation_codes).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
