from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Thi đua — Quản trị"
admin.site.site_title = "Thi đua"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("tai-khoan/", include("django.contrib.auth.urls")),
    path("quan-tri/", admin.site.urls),
    path("", include("units.urls")),
]
