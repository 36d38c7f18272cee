from django.urls import path

from moderation import views

app_name = "moderation"
urlpatterns = [
    path("help/", views.help_page, name="help"),
]
