"""Websocket routes: one read-only notification socket per audience (docs/realtime.md)."""
from django.urls import path

from realtime import consumers

websocket_urlpatterns = [
    path("ws/moderation/", consumers.ModerationQueueConsumer.as_asgi()),
    path("ws/crisis/", consumers.CrisisConsumer.as_asgi()),
    path("ws/me/", consumers.MemberConsumer.as_asgi()),
]
