"""Pages anyone may open without an account: the check page behind a certificate's QR code."""

from django.urls import path

from awards.views import certificates as certificate_views

urlpatterns = [
    path("xac-minh/<str:token>/", certificate_views.certificate_check, name="certificate_check"),
]
