"""What the room tests share: a time window for a room, the Commons to hold it, a fresh channel layer."""
from datetime import timedelta

import pytest
from channels.layers import channel_layers
from django.utils import timezone

from forum.models import Space


def soon(minutes=30, length=60):
    """starts_at and ends_at of a room opening `minutes` from now (negative: already open), `length` minutes long."""
    start = timezone.now() + timedelta(minutes=minutes)
    return {"starts_at": start, "ends_at": start + timedelta(minutes=length)}


@pytest.fixture
def commons(db):
    return Space.objects.get(slug="commons")


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """A new channel layer per test: each async test runs in its own event loop, and
    channels_redis binds its locks and connections to the loop that first used them."""
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}
