from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from forum.models import Space
from moderation.models import AuditEntry, Escalation, Flag, Lane, Report
from moderation.reports import check_report
from rooms import chat, schedule
from rooms.models import RoomMessage, RoomPresence
from tests.rooms.conftest import soon


@pytest.fixture
def room(mentor, commons):
    return schedule.check_schedule_room(mentor, space=commons, title="Circle", **soon(minutes=-5))


@pytest.fixture
def host_here(room):
    """The host's socket is open: members may write only while a host is in the room."""
    return RoomPresence.objects.create(room=room, member=room.host, channel_name="host.socket")


@pytest.fixture
def message(member, room, host_here):
    schedule.check_agree_to_rules(member, room)
    return chat.check_send_message(member, room, "Something I want to share")[0]


@pytest.mark.django_db
def test_room_message_report_flags_it_and_worried_escalates(make_member, message):
    check_report(make_member("Watcher1"), message, "worried", "They seemed so low")
    flag = Flag.objects.get(room_message=message)
    assert flag.lane == Lane.CRISIS_CONCERN
    assert Escalation.objects.get(member=message.author).room_message == message


@pytest.mark.django_db
def test_report_page_for_a_room_message(client, make_member, message):
    client.force_login(make_member("Watcher2"))
    response = client.post(reverse("moderation:report_room_message", args=[message.pk]), {"reason": "harassment"})
    assert response.status_code == 302 and Report.objects.get().room_message == message


@pytest.mark.django_db
def test_room_message_report_is_404_outside_the_audience(client, outsider, mentor, mens_member):
    from forum.models import SpaceMembership

    mens = Space.objects.get(slug="mens-space")
    SpaceMembership.objects.create(space=mens, member=mentor)
    start = timezone.now() - timedelta(minutes=5)
    room = schedule.check_schedule_room(mentor, space=mens, title="Men's circle", starts_at=start, ends_at=start + timedelta(hours=1))
    schedule.check_agree_to_rules(mens_member, room)
    RoomPresence.objects.create(room=room, member=mentor, channel_name="host.socket")
    message, *_ = chat.check_send_message(mens_member, room, "hello brothers")
    client.force_login(outsider)
    assert client.post(reverse("moderation:report_room_message", args=[message.pk]), {"reason": "spam"}).status_code == 404


@pytest.mark.django_db
def test_weighted_reports_hide_a_room_message(make_member, message, settings):
    settings.MODERATION_REPORT_HIDE_WEIGHT = 2
    check_report(make_member("Watcher3"), message, "spam")
    message.refresh_from_db()
    assert message.state == "held"


@pytest.mark.django_db
def test_purge_expired_keeps_messages_tied_to_open_reports_or_escalations(make_member, room, message, member, settings):
    settings.ROOM_RETENTION_DAYS = 7
    kept, *_ = chat.check_send_message(room.host, room, "reported later")
    check_report(member, kept, "harassment")
    RoomPresence.objects.create(room=room, member=member, channel_name="stale.1")
    room.ended_at = timezone.now() - timedelta(days=8)
    room.save()
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert list(RoomMessage.objects.values_list("body", flat=True)) == ["reported later"]
    assert not RoomPresence.objects.exists()
    assert "Deleted 1 expired room messages and 2 stale presence rows." in out.getvalue()
    entry = AuditEntry.objects.get(action="rooms.purge_expired")
    assert entry.actor_label == "system" and entry.reason.startswith("1 room messages past 7 days, 2 presence rows")


@pytest.mark.django_db
def test_purge_expired_leaves_recent_rooms_alone(room, message, settings):
    settings.ROOM_RETENTION_DAYS = 7
    room.ended_at = timezone.now() - timedelta(days=2)
    room.save()
    call_command("purge_expired", stdout=StringIO())
    assert RoomMessage.objects.filter(pk=message.pk).exists()
