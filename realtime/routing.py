"""Websocket routes: one read-only notification socket per audience (docs/realtime.md)."""
from django.urls import path

from realtime import consumers, rooms

websocket_urlpatterns = [
    path("ws/moderation/", consumers.ModerationQueueConsumer.as_asgi()),
    path("ws/crisis/", consumers.CrisisConsumer.as_asgi()),
    path("ws/me/", consumers.MemberConsumer.as_asgi()),
    path("ws/rooms/<int:room_id>/", rooms.RoomConsumer.as_asgi()),
]
