"""The portal's URLs and one more that fails, for the tests of the 500 page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from config.urls import urlpatterns as portal


@login_not_required
def broken(request):
    raise RuntimeError("a fault the visitor must never see")


urlpatterns = [path("loi-thu/", broken), *portal]
