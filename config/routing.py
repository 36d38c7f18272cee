"""Websocket routes, as config/urls.py is for pages: a notification socket per audience
(docs/realtime.md) and the room socket (docs/rooms.md)."""
from django.urls import path

from realtime import consumers
from rooms.consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/moderation/", consumers.ModerationQueueConsumer.as_asgi()),
    path("ws/crisis/", consumers.CrisisConsumer.as_asgi()),
    path("ws/me/", consumers.MemberConsumer.as_asgi()),
    path("ws/rooms/<int:room_id>/", RoomConsumer.as_asgi()),
]
