"""The one way to send an event: after the transaction that caused it commits.

The database is the source of truth and realtime only a notification, so a
send that fails (Redis down) is logged and dropped: the write has already
succeeded, and clients catch up from the database when they reconnect.
"""
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from realtime.events import validate_event

logger = logging.getLogger(__name__)


def send_now(group, event):
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception as error:  # any layer failure: the write stands, clients replay
        logger.warning("realtime: could not send %s to %s (%s)", event["type"], group, type(error).__name__)


def send_event_on_commit(group, event):
    """Queue `event` for `group`; sent only if and when the current transaction commits."""
    validate_event(event)
    transaction.on_commit(lambda: send_now(group, event))
