from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from config import views

admin.site.site_header = "Lantern administration"
admin.site.site_title = "Lantern admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("exit/", views.quick_exit, name="quick_exit"),
    path("health/", views.health, name="health"),
    path("", include("peers.urls")),
    path("", include("rooms.urls")),
    path("", include("moderation.urls")),
    path("", include("forum.urls")),
    # One door in, with its rate limits: the admin's own login page redirects there.
    path("admin/login/", RedirectView.as_view(pattern_name="peers:login", query_string=True)),
    path("admin/", admin.site.urls),
]

handler400 = "config.errors.bad_request"
handler403 = "config.errors.forbidden"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
