"""Live room messages and the host's tools. The RoomConsumer calls these through
database_sync_to_async; each write happens in one transaction and its events
are sent after commit (docs/rooms.md)."""
import logging
import re
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from moderation import audit
from rooms import permissions
from peers.models import Member
from rooms.models import Room, RoomEntry, RoomMessage, RoomMessageState, RoomMute, RoomPresence, RoomRemoval
from rooms.schedule import RoomRefused
from realtime.events import room_group, room_hosts_group, room_member_group
from realtime.send import send_event_on_commit

logger = logging.getLogger(__name__)

BODY_MAX = 2000
# Visible messages per answer to `replay` or `history`; the client asks again until caught up (docs/rooms.md).
REPLAY_PAGE = 100
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
WRITE_FAILED = "Your message could not be saved just now. It is still in the box: try sending it again."
HELD_FOR_HOST = "Messages in this room wait for the host's approval."


def message_event(message, sender_channel=None):
    return {
        "type": "room.message",
        "message_id": message.pk,
        "author": message.author.pseudonym if message.author_id else "former member",
        "author_id": message.author_id,
        "body": message.body,
        "created_at": message.created_at.isoformat(),
        "seq": message.seq,
        "sender_channel": sender_channel,
    }


def take_seq(room_id):
    """The next `seq` of the room's visible messages.

    Call inside the transaction that makes the message visible, before it is
    inserted. The UPDATE locks the room's row until that transaction ends
    (SQLite locks the whole database), so seqs are dense, commit in order
    (whoever sees seq n committed also sees every seq below it), and ids,
    taken after the lock, grow with them.
    """
    Room.objects.filter(pk=room_id).update(message_seq=F("message_seq") + 1)
    return Room.objects.filter(pk=room_id).values_list("message_seq", flat=True).get()


def _notice(room, text):
    send_event_on_commit(room_group(room.pk), {"type": "room.notice", "text": text})


def _state_event(room):
    return {"type": "room.state", "slow_mode_seconds": room.slow_mode_seconds, "locked": room.locked,
            "ended": room.is_closed()}


def _muted_until(member, room, now):
    return (
        RoomMute.objects.filter(room=room, member=member, until__gt=now).order_by("-until").values_list("until", flat=True).first()
    )


def _rate_refusal(member, room, now):
    if permissions.can_host(member, room):
        return None
    mine = RoomMessage.objects.filter(room=room, author=member)
    burst, window = settings.ROOM_FLOOD_MESSAGES, settings.ROOM_FLOOD_SECONDS
    if mine.filter(created_at__gt=now - timedelta(seconds=window)).count() >= burst:
        until = now + timedelta(minutes=settings.ROOM_FLOOD_MUTE_MINUTES)
        with transaction.atomic():
            RoomMute.objects.create(room=room, member=member, until=until, automatic=True)
            send_event_on_commit(room_member_group(room.pk, member.pk), {"type": "room.muted", "until": until.isoformat()})
        return f"That was a lot of messages at once; you can write again in {settings.ROOM_FLOOD_MUTE_MINUTES} minutes."
    if room.slow_mode_seconds:
        last = mine.order_by("-created_at").values_list("created_at", flat=True).first()
        if last and (now - last).total_seconds() < room.slow_mode_seconds:
            return f"Slow mode is on: one message every {room.slow_mode_seconds} seconds."
    return None


def _send_refusal(member, room, now):
    if room.is_closed(now):
        return "This room has closed."
    if not member.is_active or member.is_suspended:
        return "You can't write in this room."
    if member.is_silenced:
        return "You can read, but not write, for now. You can appeal from your account page."
    if permissions.entry_refusal(member, room, now) or not (
        permissions.can_host(member, room) or RoomEntry.objects.filter(room=room, member=member).exists()
    ):
        return "You can't write in this room."
    until = _muted_until(member, room, now)
    if until:
        return f"You are muted in this room until {timezone.localtime(until):%H:%M %Z}."
    if not permissions.can_host(member, room) and not hosts_present(room):
        return "The host isn't here yet. The room opens for messages when they arrive."
    return None


def hosts_present(room):
    return RoomPresence.objects.live().filter(room=room, member_id__in=[room.host_id, room.cohost_id]).exists()


def check_send_message(member, room, body, sender_channel=None, client_id=""):
    """Screen and store a message; others see it after commit unless it is held.

    Returns (message, decision, own_events): `own_events` are the events the
    sending socket (`sender_channel`) gets straight away, without the channel
    layer, so its sender sees the message stored even while Redis is down.
    The layer's copies carry `sender_channel`, and that socket skips them.
    A send whose `client_id` this member already used in this room is a
    retry: nothing is stored again, the stored message is returned with
    decision None. A write the database refuses raises RoomRefused
    (WRITE_FAILED); a crisis in it still reaches crisis staff and help.
    """
    from forum.text import clean_text
    from moderation.api import screen_write

    if client_id and not CLIENT_ID.fullmatch(client_id):
        raise RoomRefused("'client_id' must be 1 to 64 letters, digits, '-' or '_'.")
    body = clean_text(body if isinstance(body, str) else "")
    if not 1 <= len(body) <= BODY_MAX:
        raise RoomRefused(f"A message is 1 to {BODY_MAX:,} characters.")
    retried = _already_stored(member, room, client_id)
    if retried:
        return retried, None, _own_events(member, room, retried, sender_channel)
    now = timezone.now()
    # Checked before the write's transaction: a flood's automatic mute must
    # be stored even though the message is refused.
    refusal = _send_refusal(member, room, now) or _rate_refusal(member, room, now)
    if refusal:
        _refuse_heard(member, refusal, body)
    decision = screen_write(body, author=member)
    if decision.blocked:
        raise RoomRefused(decision.block_message)
    try:
        with transaction.atomic():
            return do_store_message(member, room, body, decision, sender_channel, client_id)
    except DatabaseError as error:
        retried = _already_stored(member, room, client_id, quiet=True)  # a retry that raced its first try
        if retried:
            return retried, None, _own_events(member, room, retried, sender_channel)
        raise _write_failed(member, body, decision, error) from error


def _already_stored(member, room, client_id, quiet=False):
    if not client_id:
        return None
    try:
        return RoomMessage.objects.filter(room=room, author=member, client_id=client_id).select_related("author").first()
    except DatabaseError:
        if quiet:
            return None
        raise


def _write_failed(member, body, decision, error):
    """The refusal for a write the database refused. A crisis is heard anyway, outside the failed transaction."""
    from moderation.api import refused_but_heard

    logger.error("rooms: a message could not be stored (%s)", type(error).__name__)
    refusal = RoomRefused(WRITE_FAILED)
    if decision.show_help:
        refusal.show_help = decision.show_help  # the author sees help whatever the database does
        try:
            with transaction.atomic():
                refused_but_heard(member, body)
        except DatabaseError as again:
            logger.error("rooms: a crisis message could not be stored nor escalated (%s)", type(again).__name__)
    return refusal


def _refuse_heard(member, refusal, body):
    """Raise RoomRefused(refusal), with show_help if the text is a crisis (moderation.api.refused_but_heard)."""
    from moderation.api import refused_but_heard

    error = RoomRefused(refusal)
    error.show_help = refused_but_heard(member, body)
    raise error


def do_store_message(member, room, body, decision, sender_channel=None, client_id=""):
    """Call inside a transaction. Returns (message, decision, own_events) as check_send_message."""
    from moderation.api import record_screened_write

    premoderated = room.premoderated and not permissions.can_host(member, room)
    visible = decision.visible and not premoderated
    reason = decision.held_reason or (HELD_FOR_HOST if premoderated else "")
    message = RoomMessage.objects.create(
        room=room, author=member, body=body, client_id=client_id, seq=take_seq(room.pk) if visible else None,
        state=RoomMessageState.VISIBLE if visible else RoomMessageState.HELD, held_reason="" if visible else reason,
    )
    record_screened_write(member, message, decision)
    own_events = []
    for group, event in _stored_events(member, room, message, decision, sender_channel):
        send_event_on_commit(group, event)
        if group in (room_group(room.pk), room_member_group(room.pk, member.pk)):
            own_events.append(event)
    return message, decision, own_events


def _own_events(member, room, message, sender_channel):
    """What the sender is shown again for a retried send (a retry alerts nobody)."""
    return [event for group, event in _message_events(member, room, message, sender_channel)
            if group != room_hosts_group(room.pk)]


def _message_events(member, room, message, sender_channel):
    if message.state == RoomMessageState.VISIBLE:
        return [(room_group(room.pk), message_event(message, sender_channel))]
    if message.state == RoomMessageState.REMOVED:
        return []
    held = {"message_id": message.pk, "body": message.body, "reason": message.held_reason}
    return [(room_member_group(room.pk, member.pk), {"type": "room.own_held", **held, "sender_channel": sender_channel}),
            (room_hosts_group(room.pk), {"type": "room.held", "author": member.pseudonym, "author_id": member.pk, **held})]


def _stored_events(member, room, message, decision, sender_channel):
    """(group, event) for everyone who hears of a newly stored message."""
    events = _message_events(member, room, message, sender_channel)
    if decision.show_help:
        events.append((room_member_group(room.pk, member.pk), help_event(decision.show_help, sender_channel)))
        escalation = message.escalations.order_by("-pk").first()
        if escalation is not None:
            events.append((room_hosts_group(room.pk), alert_event(escalation, member.pseudonym)))
    return events


def alert_event(escalation, author, on_duty=None):
    from moderation.crisis_help import staff_on_duty

    on_duty = staff_on_duty() if on_duty is None else on_duty
    return {"type": "room.alert", "escalation_id": escalation.pk, "author": author, "risk": str(escalation.risk),
            "on_duty": on_duty}


def help_event(kind, sender_channel=None):
    """What a member in crisis is shown at once (moderation.crisis_help): words true now, and the hotlines."""
    from moderation.crisis_help import crisis_reply

    return {"type": "room.help", **crisis_reply(kind).as_event_fields(), "sender_channel": sender_channel}


def _visible(room):
    return RoomMessage.objects.filter(room=room, state=RoomMessageState.VISIBLE).select_related("author")


def replay(member, room, after):
    """One page of the visible messages with seq > `after`, oldest first: (messages, last_seq, more).

    The client then has every visible message up to `last_seq`: the room's
    head is read before the messages, and seqs commit in order, so nothing
    at or below it can still appear. With `more`, it asks again from there.
    """
    head = head_of(room.pk)
    rows = list(_visible(room).filter(seq__gt=after).order_by("seq")[:REPLAY_PAGE + 1])
    more = len(rows) > REPLAY_PAGE
    rows = rows[:REPLAY_PAGE]
    last_seq = rows[-1].seq if more else max([head] + [row.seq for row in rows])
    return rows, last_seq, more


def history(member, room, before):
    """The page of visible messages just before seq `before` (0: the newest), oldest first:
    (messages, head, earlier). With `before` 0 the client then has everything from the
    page's first seq up to `head`; `earlier` says older messages exist."""
    head = head_of(room.pk)
    rows = _visible(room).filter(seq__lt=before) if before else _visible(room)
    rows = list(rows.order_by("-seq")[:REPLAY_PAGE + 1])
    earlier = len(rows) > REPLAY_PAGE
    rows = rows[:REPLAY_PAGE][::-1]
    return rows, max([head] + [row.seq for row in rows]), earlier


def waiting_for(member, room):
    """What the member is shown beside the visible messages, ends every catch-up:
    held messages (all of them for hosts, their own for others), and for hosts
    the crisis alerts of the room not yet closed."""
    from moderation.crisis_help import staff_on_duty
    from moderation.models import Escalation, EscalationStatus

    is_host = permissions.can_host(member, room)
    held = RoomMessage.objects.filter(room=room, state=RoomMessageState.HELD).select_related("author").order_by("id")
    held = list(held if is_host else held.filter(author=member))
    alerts = []
    if is_host:
        rows = list(Escalation.objects.filter(room_message__room=room).exclude(status=EscalationStatus.CLOSED)
                    .select_related("member").order_by("pk"))
        on_duty = staff_on_duty() if rows else False
        alerts = [alert_event(row, row.member.pseudonym if row.member_id else "former member", on_duty) for row in rows]
    return held, alerts


# --- Host tools: each checks can_host, is audit-logged and tells the room neutrally.


def _require_host(member, room):
    if not permissions.can_host(member, room):
        raise RoomRefused("Only the room's hosts can do that.")


def _message_in(room, message_id):
    message = RoomMessage.objects.filter(room=room, pk=message_id).select_related("author").first()
    if message is None:
        raise RoomRefused("That message is not in this room.")
    return message


def _member_in(room, member_id):
    target = Member.objects.filter(pk=member_id).first()
    if target is None or permissions.can_host(target, room):
        raise RoomRefused("That person is not someone you can do this to here.")
    return target


def check_mute(host, room, member_id, minutes):
    _require_host(host, room)
    if minutes not in (5, 15, 60):
        raise RoomRefused("Mute for 5, 15 or 60 minutes.")
    target = _member_in(room, member_id)
    until = timezone.now() + timedelta(minutes=minutes)
    with transaction.atomic():
        RoomMute.objects.create(room=room, member=target, until=until, by=host)
        audit.record(host, f"room.mute.{minutes}m", target, f"in room {room.pk}")
        send_event_on_commit(room_member_group(room.pk, target.pk), {"type": "room.muted", "until": until.isoformat()})
        _notice(room, "The host muted someone for a while.")
    return until


def check_remove(host, room, member_id, bar=False):
    _require_host(host, room)
    target = _member_in(room, member_id)
    with transaction.atomic():
        RoomRemoval.objects.create(room=room, member=target, barred_from_host=bool(bar), by=host)
        audit.record(host, "room.remove_and_bar" if bar else "room.remove", target, f"in room {room.pk}")
        send_event_on_commit(room_member_group(room.pk, target.pk), {"type": "room.removed"})
        # Gone from the list at once, whether or not their sockets close cleanly.
        RoomPresence.objects.filter(room=room, member=target).delete()
        _broadcast_presence(room)
        _notice(room, "The host asked someone to leave the room.")
    return target


def _republish(message):
    """Show a held or removed message under a new id and seq, so it falls after everything a client
    has already seen and a replay from any earlier cursor still brings it. Flags, reports and
    escalations follow it."""
    from moderation.models import Escalation, Flag, Report

    seq = take_seq(message.room_id)
    fresh = RoomMessage.objects.create(room_id=message.room_id, author_id=message.author_id, body=message.body,
                                       state=RoomMessageState.VISIBLE, created_at=message.created_at, seq=seq)
    for model in (Flag, Report, Escalation):
        model.objects.filter(room_message=message).update(room_message=fresh)
    send_event_on_commit(room_group(message.room_id), {"type": "room.message_removed", "message_id": message.pk})
    message.delete()
    send_event_on_commit(room_group(fresh.room_id), message_event(fresh))
    return fresh


def _hold(message, reason):
    message.state, message.held_reason = RoomMessageState.HELD, reason
    message.save(update_fields=["state", "held_reason"])
    send_event_on_commit(room_group(message.room_id), {"type": "room.message_removed", "message_id": message.pk})
    author = message.author.pseudonym if message.author_id else "former member"
    send_event_on_commit(room_hosts_group(message.room_id), {
        "type": "room.held", "message_id": message.pk, "author": author, "author_id": message.author_id,
        "body": message.body, "reason": reason,
    })
    return message


def do_set_message_state(message, state):
    """Show, hold or remove a room message (a host's or moderator's decision), telling the room.

    Returns the message as it now is (a held message shown gets a new id),
    or None when it already was in that state.
    """
    if message.state == state:
        return None
    with transaction.atomic():
        if state == RoomMessageState.VISIBLE:
            return _republish(message)
        if state == RoomMessageState.HELD:
            return _hold(message, "Held after reports from members.")
        message.state, message.held_reason = state, ""
        message.save(update_fields=["state", "held_reason"])
        send_event_on_commit(room_group(message.room_id), {"type": "room.message_removed", "message_id": message.pk})
    return message


def check_delete_message(host, room, message_id):
    _require_host(host, room)
    message = _message_in(room, message_id)
    with transaction.atomic():
        if do_set_message_state(message, RoomMessageState.REMOVED):
            audit.record(host, "room.delete_message", message, f"in room {room.pk}")
            _notice(room, "A message was removed.")
    return message


def check_review_held(host, room, message_id, approve):
    _require_host(host, room)
    message = _message_in(room, message_id)
    if message.state != RoomMessageState.HELD:
        raise RoomRefused("That message is not waiting for approval.")
    with transaction.atomic():
        message = do_set_message_state(message, RoomMessageState.VISIBLE if approve else RoomMessageState.REMOVED)
        audit.record(host, "room.approve_message" if approve else "room.reject_message", message, f"in room {room.pk}")
    return message


def _update_room(host, room, action, reason="", **fields):
    with transaction.atomic():
        for name, value in fields.items():
            setattr(room, name, value)
        room.save(update_fields=list(fields))
        audit.record(host, action, room, reason)
        send_event_on_commit(room_group(room.pk), _state_event(room))


def check_slow_mode(host, room, seconds):
    _require_host(host, room)
    if not isinstance(seconds, int) or isinstance(seconds, bool) or not 0 <= seconds <= 300:
        raise RoomRefused("Slow mode is 0 to 300 seconds.")
    _update_room(host, room, "room.slow_mode", f"{seconds} s", slow_mode_seconds=seconds)
    _notice(room, f"Slow mode: one message every {seconds} seconds." if seconds else "Slow mode is off.")


def check_lock(host, room, locked):
    _require_host(host, room)
    _update_room(host, room, "room.lock" if locked else "room.unlock", locked=bool(locked))
    _notice(room, "The room is closed to new people." if locked else "The room is open to new people again.")


def check_end(host, room):
    _require_host(host, room)
    if room.ended_at is not None:
        return False
    _update_room(host, room, "room.end", ended_at=timezone.now())
    _notice(room, "The host ended the session. Thank you for being here.")
    return True


# --- Presence: one row per open socket.


def presence_members(room):
    rows = RoomPresence.objects.live().filter(room=room).select_related("member").order_by("connected_at")
    seen, members = set(), []
    for row in rows:
        if row.member_id not in seen:
            seen.add(row.member_id)
            members.append({"id": row.member_id, "pseudonym": row.member.pseudonym, "host": room.is_hosted_by(row.member)})
    return members


def _broadcast_presence(room):
    send_event_on_commit(room_group(room.pk), {"type": "room.presence", "members": presence_members(room)})


def check_arrive(member, room, channel_name):
    """Admit one socket: rules agreed, not refused, room open, within capacity. Returns the room state event."""
    with transaction.atomic():
        # The room row is locked while people are counted, so two arrivals at
        # once cannot both take the last place.
        room = type(room).objects.select_for_update().get(pk=room.pk)
        return _admit(member, room, channel_name)


def _admit(member, room, channel_name):
    from rooms.schedule import OPENS_EARLY

    refusal = permissions.entry_refusal(member, room)
    if refusal is None and not permissions.can_host(member, room) and timezone.now() < room.starts_at - OPENS_EARLY:
        refusal = f"This room opens at {timezone.localtime(room.starts_at - OPENS_EARLY):%H:%M %Z} on {room.starts_at:%d %B}."
    if refusal is None and not permissions.can_host(member, room):
        if not RoomEntry.objects.filter(room=room, member=member).exists():
            refusal = "Agree to the ground rules first."
        else:
            present = RoomPresence.objects.live().filter(room=room).exclude(member_id__in=[room.host_id, room.cohost_id])
            if not present.filter(member=member).exists() and present.values("member").distinct().count() >= room.capacity:
                refusal = "This room is full right now."
    if refusal:
        raise RoomRefused(refusal)
    # Rows left by a server process that died go now, not at the next purge.
    RoomPresence.objects.stale().filter(room=room).delete()
    RoomPresence.objects.create(room=room, member=member, channel_name=channel_name)
    _broadcast_presence(room)
    return _state_event(room)


def do_heartbeat(channel_name):
    """Mark one socket's presence row as alive; False if the row is gone (removed, or purged as stale)."""
    return bool(RoomPresence.objects.filter(channel_name=channel_name).update(seen_at=timezone.now()))


def muted_until(member, room):
    until = _muted_until(member, room, timezone.now())
    return until.isoformat() if until else None


def do_leave(room_id, channel_name):
    """One socket leaves its room (every exit of its consumer calls this, once)."""
    with transaction.atomic():
        deleted, _ = RoomPresence.objects.filter(channel_name=channel_name).delete()
        if deleted:
            _broadcast_presence(Room.objects.get(pk=room_id))


def head_of(room_id):
    """The seq of the room's newest visible message (0: none yet)."""
    return Room.objects.filter(pk=room_id).values_list("message_seq", flat=True).get()
