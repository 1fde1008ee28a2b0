from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("nhap-lich-su/", views.history_import, name="history_import"),
    path("nhap-lich-su/mau.xlsx", views.history_template, name="history_template"),
]
