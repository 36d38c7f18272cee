from django.urls import path

from rooms import views

app_name = "rooms"
urlpatterns = [
    path("rooms/", views.room_list, name="list"),
    path("rooms/new/", views.room_new, name="new"),
    path("rooms/<int:room_id>/", views.room_page, name="room"),
    path("rooms/<int:room_id>/agree/", views.room_agree, name="agree"),
]
