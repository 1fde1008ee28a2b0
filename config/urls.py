from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from units import password_reset_views, views as units_views
from units.login_limits import limit_login_attempts, limit_password_reset_requests

admin.site.site_header = "Thi đua — Quản trị"
admin.site.site_title = "Thi đua"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("dang-nhap/", limit_login_attempts(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
         name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("mat-khau/", units_views.PasswordChangeView.as_view(), name="password_change"),
    path("mat-khau/da-doi/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # "Quên mật khẩu": Django's reset views, asked by user name (units.password_reset).
    path("mat-khau/quen/", limit_password_reset_requests(password_reset_views.ForgottenPasswordView.as_view()),
         name="password_reset"),
    path("mat-khau/quen/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("mat-khau/dat-lai/<uidb64>/<token>/", password_reset_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("mat-khau/dat-lai/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
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
