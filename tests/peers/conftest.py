"""What the room tests share: a time window for a room, and the Commons to hold it."""
from datetime import timedelta

import pytest
from django.utils import timezone

from forum.models import Space


def soon(minutes=30, length=60):
    """starts_at and ends_at of a room opening `minutes` from now (negative: already open), `length` minutes long."""
    start = timezone.now() + timedelta(minutes=minutes)
    return {"starts_at": start, "ends_at": start + timedelta(minutes=length)}


@pytest.fixture
def commons(db):
    return Space.objects.get(slug="commons")
