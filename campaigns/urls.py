from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("them/", views.plan_create, name="plan_create"),
    path("nhap-tu-tep/", views.plan_import, name="plan_import"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/trien-khai/", views.plan_implement, name="plan_implement"),
    path("<int:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
    path("<int:pk>/chuyen/<str:action>/", views.plan_action, name="plan_action"),
    path("<int:pk>/phien-ban/", views.plan_revisions, name="plan_revisions"),
    path("<int:pk>/dang-ky/", views.plan_registrations, name="plan_registrations"),
    path("<int:pk>/dang-ky.xlsx", views.plan_registrations_xlsx, name="plan_registrations_xlsx"),
    path("dang-ky/<int:pk>/rut/", views.registration_withdraw, name="registration_withdraw"),
    path("<int:pk>/ke-hoach.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/ke-hoach.docx", views.plan_docx, name="plan_docx"),
    path("ban-in/<int:pk>/", views.render_job, name="render_job"),
]
