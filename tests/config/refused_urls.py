"""The project's URLs plus one view that raises a refusal nobody catches (test_refused.py)."""
from django.urls import path

from config.refusals import Refused
from config.urls import urlpatterns as project_urlpatterns


def refusing_view(request):
    raise Refused("Only moderators can do this.")


urlpatterns = [*project_urlpatterns, path("test-refused/", refusing_view)]
