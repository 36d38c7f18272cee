"""Event shapes, and the send-after-commit helper when the channel layer fails."""
import logging

import pytest
from channels.layers import get_channel_layer
from django.db import transaction

from peers.models import Member
from realtime.events import OPTIONAL, SCHEMAS, EventError, member_group, validate_event
from realtime.send import send_event_on_commit

# One valid example per event type; a new schema without one fails below.
EXAMPLES = {
    "queue.flag": {"type": "queue.flag", "flag_id": 7, "lane": 1, "status": "open", "claimed_by": "CalmCompass9"},
    "crisis.escalation": {"type": "crisis.escalation", "escalation_id": 3, "risk": "imminent", "status": "open", "overdue": True},
    "member.care": {"type": "member.care", "message_id": 12},
    "member.access": {"type": "member.access"},
    "room.message": {"type": "room.message", "message_id": 3, "author": "QuietHarbor42", "author_id": 7, "body": "hi", "created_at": "2026-11-28T21:00:00+00:00", "seq": 1, "sender_channel": None},
    "room.message_removed": {"type": "room.message_removed", "message_id": 3},
    "room.notice": {"type": "room.notice", "text": "A message was removed."},
    "room.presence": {"type": "room.presence", "members": [{"id": 7, "pseudonym": "QuietHarbor42", "host": False}]},
    "room.state": {"type": "room.state", "slow_mode_seconds": 30, "locked": False, "ended": False},
    "room.held": {"type": "room.held", "message_id": 4, "author": "QuietHarbor42", "author_id": 7, "body": "x", "reason": "waiting"},
    "room.alert": {"type": "room.alert", "escalation_id": 4, "author": "QuietHarbor42", "risk": "imminent",
                   "on_duty": False},
    "room.own_held": {"type": "room.own_held", "message_id": 4, "body": "x", "reason": "waiting", "sender_channel": "specific.abc!def"},
    "room.help": {"type": "room.help", "kind": "self_harm", "on_duty": False, "heading": "We're glad you told us.",
                  "text": "Please call or text one of these now:", "who_knows": "No one is on duty right now.",
                  "resources": [{"name": "988", "phone": "988", "text": "988"}], "sender_channel": None},
    "room.muted": {"type": "room.muted", "until": "2026-11-28T21:05:00+00:00"},
    "room.removed": {"type": "room.removed"},
}

# Values of the wrong type for each kind of field, bool-for-int included.
WRONG = {
    int: [True, False, "7", 7.0, None],
    str: [7, None, b"open", ["open"]],
    bool: [1, 0, "true", None],
    (str, OPTIONAL): [7, False, b"x"],
    (int, OPTIONAL): ["7", True, 7.0],
    list: ["a", None, {"a": 1}, 7],
}


def _cases(make):
    return [case for event_type, schema in SCHEMAS.items() for case in make(event_type, schema)]


def _missing(event_type, schema):
    for name in schema:
        event = dict(EXAMPLES[event_type])
        del event[name]
        yield pytest.param(event, id=f"{event_type}-without-{name}")


def _wrong_types(event_type, schema):
    for name, kind in schema.items():
        for value in WRONG[kind]:
            yield pytest.param({**EXAMPLES[event_type], name: value}, id=f"{event_type}-{name}={value!r}")


def test_every_schema_has_an_example():
    assert set(EXAMPLES) == set(SCHEMAS)


@pytest.mark.parametrize("event", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_validate_event_accepts_example(event):
    assert validate_event(event) is event


def test_validate_event_accepts_none_where_optional():
    assert validate_event({**EXAMPLES["queue.flag"], "claimed_by": None})


@pytest.mark.parametrize("event", _cases(_missing))
def test_validate_event_refuses_missing_field(event):
    with pytest.raises(EventError):
        validate_event(event)


@pytest.mark.parametrize("event_type", SCHEMAS)
def test_validate_event_refuses_extra_field(event_type):
    with pytest.raises(EventError):
        validate_event({**EXAMPLES[event_type], "pseudonym": "QuietHarbor42"})


@pytest.mark.parametrize("event", _cases(_wrong_types))
def test_validate_event_refuses_wrong_type(event):
    with pytest.raises(EventError):
        validate_event(event)


@pytest.mark.parametrize(
    "event",
    [None, [], "queue.flag", {}, {"flag_id": 7}, {"type": "queue.claim"}, {"type": None}],
    ids=["none", "list", "string", "empty", "no-type", "unknown-type", "null-type"],
)
def test_validate_event_refuses_non_event(event):
    with pytest.raises(EventError):
        validate_event(event)


@pytest.mark.django_db
def test_send_event_on_commit_refuses_invalid_event_at_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(EventError):
        send_event_on_commit(member_group(1), {"type": "member.care", "message_id": "12"})
    assert callbacks == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_send_event_on_commit_keeps_the_write_when_the_layer_fails(member, monkeypatch, caplog):
    attempts = []

    async def down(group, message):
        attempts.append(group)
        raise ConnectionError("redis is down")

    monkeypatch.setattr(get_channel_layer(), "group_send", down)
    with caplog.at_level(logging.WARNING, logger="realtime.send"):
        with transaction.atomic():
            Member.objects.filter(pk=member.pk).update(discreet_mode=True)
            send_event_on_commit(member_group(member.pk), EXAMPLES["member.care"])
    assert attempts == [member_group(member.pk)]
    member.refresh_from_db()
    assert member.discreet_mode
    assert f"could not send member.care to {member_group(member.pk)} (ConnectionError)" in caplog.text
