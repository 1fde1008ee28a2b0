from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from units import views as units_views
from units.login_limits import limit_login_attempts

admin.site.site_header = "Thi đua — Quản trị"
admin.site.site_title = "Thi đua"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("dang-nhap/", limit_login_attempts(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
         name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("mat-khau/", units_views.PasswordChangeView.as_view(), name="password_change"),
    path("mat-khau/da-doi/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # The admin's own login form hashes passwords too: the same flood limit, ahead of its URLs.
    path("quan-tri/login/", limit_login_attempts(admin.site.login)),
    path("quan-tri/", admin.site.urls),
    path("ke-hoach/", include("campaigns.urls")),
    path("khen-thuong/", include("awards.urls")),
    path("", include("awards.public_urls")),
    path("cong-khai/", include("awards.consultation_public_urls")),
    path("", include("units.urls")),
]

# A parameter the portal could not read is answered with its own sentence (units.params).
handler400 = "units.params.bad_request"
