"""Public consultation pages anyone may open without an account, before state-level awards go up."""

from django.urls import path

from awards.views import consultations as consultation_views

app_name = "public"
urlpatterns = [
    path("lay-y-kien/", consultation_views.consultation_public_list, name="consultation_public_list"),
    path("lay-y-kien/<int:pk>/", consultation_views.consultation_public_detail, name="consultation_public_detail"),
    path("lay-y-kien/<int:pk>/da-gui/", consultation_views.consultation_public_thanks,
         name="consultation_public_thanks"),
]
