from django.urls import path

import units.converters  # noqa: F401  (registers <id:...>, the row ids of the routes below)
from units import account_views, job_views, two_factor_views, views

app_name = "units"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/<id:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<id:parent_pk>/them/", views.unit_create, name="unit_create"),
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/chon/", views.person_picker, name="person_picker"),
    path("ca-nhan/them/", views.person_create, name="person_create"),
    path("ca-nhan/<id:pk>/", views.person_detail, name="person_detail"),
    path("ca-nhan/<id:pk>/sua/", views.person_edit, name="person_edit"),
    path("xac-thuc-hai-buoc/", two_factor_views.two_factor_verify, name="two_factor_verify"),
    path("xac-thuc-hai-buoc/bat/", two_factor_views.two_factor_enrol, name="two_factor_enrol"),
    path("tai-khoan/bao-mat/", two_factor_views.account_security, name="account_security"),
    path("tai-khoan/bao-mat/ma-du-phong/", two_factor_views.recovery_codes_regenerate,
         name="recovery_codes_regenerate"),
    path("quan-ly-tai-khoan/", account_views.account_list, name="account_list"),
    path("quan-ly-tai-khoan/them/", account_views.account_create, name="account_create"),
    path("quan-ly-tai-khoan/<id:pk>/", account_views.account_detail, name="account_detail"),
    path("quan-ly-tai-khoan/<id:pk>/khoa/", account_views.account_deactivate, name="account_deactivate"),
    path("quan-ly-tai-khoan/<id:pk>/mo-lai/", account_views.account_reactivate, name="account_reactivate"),
    path("quan-ly-tai-khoan/<id:pk>/cap-vai-tro/", account_views.account_role_grant, name="account_role_grant"),
    path("quan-ly-tai-khoan/<id:pk>/dat-lai-mat-khau/", account_views.account_password_reset,
         name="account_password_reset"),
    path("quan-ly-tai-khoan/vai-tro/<id:pk>/ket-thuc/", account_views.membership_end, name="membership_end"),
    path("viec-nen/<id:pk>/", job_views.job_detail, name="job_detail"),
    path("viec-nen/<id:pk>/trang-thai/", job_views.job_status, name="job_status"),
    path("viec-nen/<id:pk>/tai-ve/", job_views.job_download, name="job_download"),
]
