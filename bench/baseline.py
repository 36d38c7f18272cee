"""Bare baselines that benchmarks compare Lantern against, served by the same Daphne processes.

`bare_page` is a Django view that returns a fixed block of HTML of a given
size: the cost of Django, its middleware and Daphne with no database work.
`BroadcastConsumer` is a Channels consumer that only relays: each text frame
it receives goes to everyone in its group, through the same channel layer
(Redis), with no authentication, storage or screening.
"""
from channels.generic.websocket import AsyncWebsocketConsumer
from django.http import HttpResponse

_FILLER = "<p>Lantern baseline paragraph, the same bytes every time.</p>\n"


def bare_page(request, size):
    size = max(0, min(size, 2_000_000))
    body = (_FILLER * (size // len(_FILLER) + 1))[:size]
    return HttpResponse(body, content_type="text/html; charset=utf-8")


class BroadcastConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.group = f"bench-broadcast-{self.scope['url_route']['kwargs']['group']}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        if text_data is not None:
            await self.channel_layer.group_send(self.group, {"type": "relay", "text": text_data})

    async def relay(self, event):
        await self.send(text_data=event["text"])
