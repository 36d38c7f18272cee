"""Websocket routes. Consumers are added by the rooms and moderation features."""
websocket_urlpatterns = []
