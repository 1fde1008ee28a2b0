"""Public pages anyone may open without an account, under /cong-khai/: the consultations before state-level
awards go up, and the register of issued decisions."""

from django.urls import path

import units.converters  # noqa: F401  (registers <id:...>, the row ids of the routes below)

from awards.views import consultations as consultation_views, public_decisions

app_name = "public"
urlpatterns = [
    path("lay-y-kien/", consultation_views.consultation_public_list, name="consultation_public_list"),
    path("lay-y-kien/<id:pk>/", consultation_views.consultation_public_detail, name="consultation_public_detail"),
    path("lay-y-kien/<id:pk>/da-gui/", consultation_views.consultation_public_thanks,
         name="consultation_public_thanks"),
    path("quyet-dinh/", public_decisions.decision_public_list, name="decision_public_list"),
    path("quyet-dinh/<slug:public_id>/", public_decisions.decision_public_detail, name="decision_public_detail"),
]
