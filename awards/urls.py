from django.urls import path

from . import (
    attachment_views, consultation_views, deadline_views, dossier_document_views, dossier_views, nomination_views,
    nominee_workbook_views,
    views,
)
from . import signature_views

app_name = "awards"
urlpatterns = [
    path("nhap-lich-su/", views.history_import, name="history_import"),
    path("nhap-lich-su/mau.xlsx", views.history_template, name="history_template"),
    path("de-nghi/", nomination_views.nomination_lists, name="nomination_lists"),
    path("de-nghi/<int:pk>/", nomination_views.nomination_list_detail, name="nomination_list_detail"),
    path("de-nghi/<int:pk>/gui/", nomination_views.nomination_list_submit, name="nomination_list_submit"),
    path("de-nghi/<int:pk>/mau.xlsx", nominee_workbook_views.nominee_template, name="nominee_template"),
    path("de-nghi/<int:pk>/xuat.xlsx", nominee_workbook_views.nominee_export, name="nominee_export"),
    path("de-nghi/<int:pk>/nhap/", nominee_workbook_views.nominee_import, name="nominee_import"),
    path("de-nghi/<int:pk>/danh-sach.xlsx", nominee_workbook_views.standard_list_export,
         name="standard_list_export"),
    path("de-nghi/lan-nhap/<int:pk>/trang-thai/", nominee_workbook_views.nominee_import_status,
         name="nominee_import_status"),
    path("de-nghi/lan-nhap/<int:pk>/tep-danh-dau-loi.xlsx", nominee_workbook_views.nominee_import_annotated,
         name="nominee_import_annotated"),
    path("de-nghi/dong/<int:pk>/xac-nhan/", nomination_views.nomination_line_override,
         name="nomination_line_override"),
    path("de-nghi/<int:pk>/tai-lieu/", attachment_views.nomination_attachment_upload,
         name="nomination_attachment_upload"),
    path("de-nghi/dong/<int:pk>/tai-lieu/", attachment_views.nomination_line_attachment_upload,
         name="nomination_line_attachment_upload"),
    path("de-nghi/tai-lieu/<int:pk>/", attachment_views.nomination_attachment_download,
         name="nomination_attachment_download"),
    path("de-nghi/tai-lieu/<int:pk>/xoa/", attachment_views.nomination_attachment_delete,
         name="nomination_attachment_delete"),
    path("de-nghi/<int:pk>/to-trinh.pdf", dossier_document_views.proposal_pdf, name="proposal_pdf"),
    path("de-nghi/<int:pk>/to-trinh.docx", dossier_document_views.proposal_docx, name="proposal_docx"),
    path("de-nghi/dong/<int:pk>/bao-cao.pdf", dossier_document_views.report_pdf, name="report_pdf"),
    path("de-nghi/dong/<int:pk>/bao-cao.docx", dossier_document_views.report_docx, name="report_docx"),
    path("ke-hoach/<int:plan_pk>/gia-han/", deadline_views.deadline_extensions, name="deadline_extensions"),
    path("de-nghi/dong/<int:pk>/sua/", nomination_views.nomination_line_edit, name="nomination_line_edit"),
    path("de-nghi/dong/<int:pk>/xoa/", nomination_views.nomination_line_remove, name="nomination_line_remove"),
    path("ho-so/", dossier_views.dossier_inbox, name="dossier_inbox"),
    path("ho-so/tat-ca/", dossier_views.dossier_list, name="dossier_list"),
    path("ho-so/thong-bao/da-doc/", dossier_views.notifications_read, name="notifications_read"),
    path("ho-so/<int:pk>/", dossier_views.dossier_detail, name="dossier_detail"),
    path("ho-so/<int:pk>/tiep-nhan/", dossier_views.dossier_receive, name="dossier_receive"),
    path("ho-so/<int:pk>/tu-choi/", dossier_views.dossier_refuse, name="dossier_refuse"),
    path("ho-so/<int:pk>/tham-dinh/", dossier_views.dossier_review, name="dossier_review"),
    path("ho-so/<int:pk>/tra-lai/", dossier_views.dossier_return, name="dossier_return"),
    path("ho-so/<int:pk>/gui-lai/", dossier_views.dossier_resubmit, name="dossier_resubmit"),
    path("ho-so/<int:pk>/chuyen-len/", dossier_views.dossier_forward, name="dossier_forward"),
    path("ho-so/<int:pk>/trinh-quyet-dinh/", dossier_views.dossier_settle, name="dossier_settle"),
    path("ho-so/<int:pk>/to-trinh.pdf", dossier_views.dossier_proposal_pdf, name="dossier_proposal_pdf"),
    path("ho-so/<int:pk>/tai-lieu/", dossier_views.dossier_document_upload, name="dossier_document_upload"),
    path("ho-so/dong/<int:pk>/sua/", dossier_views.dossier_line_edit, name="dossier_line_edit"),
    path("ho-so/dong/<int:pk>/tai-lieu/", dossier_views.dossier_line_upload, name="dossier_line_upload"),
    path("ho-so/tai-lieu/<int:pk>/", dossier_views.dossier_attachment_download, name="dossier_attachment_download"),
    path("chu-ky-so/kiem-tra/", signature_views.signature_check, name="signature_check"),
    path("chu-ky-so/chung-thu/", signature_views.signature_certificates, name="signature_certificates"),
    path("chu-ky-so/chung-thu/them/", signature_views.signature_certificate_upload,
         name="signature_certificate_upload"),
    path("chu-ky-so/chung-thu/<int:pk>/", signature_views.signature_certificate_detail,
         name="signature_certificate_detail"),
    path("chu-ky-so/chung-thu/<int:pk>/ngung-dung/", signature_views.signature_certificate_deactivate,
         name="signature_certificate_deactivate"),
    path("chu-ky-so/ke-hoach/<int:plan_pk>/", signature_views.signature_plan_sign, name="signature_plan_sign"),
    path("chu-ky-so/ban-ky/<int:pk>.pdf", signature_views.signature_plan_copy_download,
         name="signature_plan_copy_download"),
]

# Decisions (Quyết định khen thưởng), revocations and the review flags they raise.
from . import decision_views  # noqa: E402

urlpatterns += [
    path("quyet-dinh/", decision_views.decision_list, name="decision_list"),
    path("quyet-dinh/moi/<int:unit_pk>/", decision_views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", decision_views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/sua/", decision_views.decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/ban-hanh/", decision_views.decision_issue, name="decision_issue"),
    path("quyet-dinh/<int:pk>/quyet-dinh.pdf", decision_views.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>/quyet-dinh.docx", decision_views.decision_docx, name="decision_docx"),
    path("quyet-dinh/<int:pk>/ky-so/", decision_views.decision_sign, name="decision_sign"),
    path("quyet-dinh/<int:pk>/ky-so/tai-len/", decision_views.decision_signed_upload, name="decision_signed_upload"),
    path("quyet-dinh/<int:pk>/ban-ky-so.pdf", decision_views.decision_signed_pdf, name="decision_signed_pdf"),
    path("quyet-dinh/<int:pk>/giay-khen.pdf", decision_views.decision_certificates, name="decision_certificates"),
    path("quyet-dinh/in-giay-khen/<int:pk>/", decision_views.certificate_print, name="certificate_print"),
    path("khen-thuong-da-nhan/<int:pk>/huy-bo/", decision_views.award_revoke, name="award_revoke"),
    path("ra-soat/", decision_views.review_flag_list, name="review_flag_list"),
    path("ra-soat/<int:pk>/xong/", decision_views.review_flag_resolve, name="review_flag_resolve"),
]
from . import certificate_views  # noqa: E402

urlpatterns += [
    path("giay-khen/", certificate_views.certificate_list, name="certificate_list"),
    path("giay-khen/theo-quyet-dinh.pdf", certificate_views.decision_certificates_pdf,
         name="decision_certificates_pdf"),
    path("giay-khen/<int:pk>.pdf", certificate_views.certificate_pdf, name="certificate_pdf"),
    path("giay-khen/<int:pk>/cap-lai/", certificate_views.certificate_reissue, name="certificate_reissue"),
    path("lich-su/<int:pk>/giay-khen/", certificate_views.record_certificates, name="record_certificates"),
    path("lich-su/<int:pk>/giay-khen/cap/", certificate_views.certificate_issue, name="certificate_issue"),
    path("lay-y-kien/", consultation_views.consultation_list, name="consultation_list"),
    path("lay-y-kien/don-vi/<int:unit_pk>/lap/", consultation_views.consultation_open, name="consultation_open"),
    path("lay-y-kien/<int:pk>/", consultation_views.consultation_detail, name="consultation_detail"),
    path("lay-y-kien/<int:pk>/ket-thuc/", consultation_views.consultation_close, name="consultation_close"),
    path("lay-y-kien/y-kien/<int:pk>/tra-loi/", consultation_views.consultation_answer, name="consultation_answer"),
]

# Emulation councils: sessions, their sheet and minutes.
from . import council_views  # noqa: E402

urlpatterns += [
    path("hoi-dong/", council_views.council_index, name="council_index"),
    path("hoi-dong/phien-hop/moi/", council_views.council_session_new, name="council_session_new"),
    path("hoi-dong/phien-hop/<int:pk>/", council_views.council_session_detail, name="council_session_detail"),
    path("hoi-dong/phien-hop/<int:pk>/luu/", council_views.council_session_save, name="council_session_save"),
    path("hoi-dong/phien-hop/<int:pk>/bien-ban.pdf", council_views.council_minutes_pdf, name="council_minutes_pdf"),
    path("hoi-dong/phien-hop/<int:pk>/bien-ban.docx", council_views.council_minutes_docx, name="council_minutes_docx"),
]
