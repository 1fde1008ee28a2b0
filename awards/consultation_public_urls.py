"""Public consultation pages anyone may open without an account, before state-level awards go up."""

from django.urls import path

import units.converters  # noqa: F401  (registers <id:...>, the row ids of the routes below)

from awards.views import consultations as consultation_views

app_name = "public"
urlpatterns = [
    path("lay-y-kien/", consultation_views.consultation_public_list, name="consultation_public_list"),
    path("lay-y-kien/<id:pk>/", consultation_views.consultation_public_detail, name="consultation_public_detail"),
    path("lay-y-kien/<id:pk>/da-gui/", consultation_views.consultation_public_thanks,
         name="consultation_public_thanks"),
]
