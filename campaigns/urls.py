from django.urls import path

import units.converters  # noqa: F401  (registers <id:...>, the row ids of the routes below)

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("them/", views.plan_create, name="plan_create"),
    path("nhap-tu-tep/", views.plan_import, name="plan_import"),
    path("<id:pk>/", views.plan_detail, name="plan_detail"),
    path("<id:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("<id:pk>/trien-khai/", views.plan_implement, name="plan_implement"),
    path("<id:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
    path("<id:pk>/chuyen/<str:action>/", views.plan_action, name="plan_action"),
    path("<id:pk>/phien-ban/", views.plan_revisions, name="plan_revisions"),
    path("<id:pk>/dang-ky/", views.plan_registrations, name="plan_registrations"),
    path("<id:pk>/dang-ky.xlsx", views.plan_registrations_xlsx, name="plan_registrations_xlsx"),
    path("dang-ky/<id:pk>/rut/", views.registration_withdraw, name="registration_withdraw"),
    path("<id:pk>/ke-hoach.pdf", views.plan_pdf, name="plan_pdf"),
    path("<id:pk>/ke-hoach.docx", views.plan_docx, name="plan_docx"),
    path("ban-in/<id:pk>/", views.render_job, name="render_job"),
]
