from django.urls import path

from . import attachment_views, deadline_views, dossier_document_views, nomination_views, nominee_workbook_views, views

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
]
