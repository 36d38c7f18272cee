from django.urls import path

from bench.baseline import bare_page
from config.urls import urlpatterns as lantern_urlpatterns

urlpatterns = [path("bench/bare/<int:size>/", bare_page), *lantern_urlpatterns]
