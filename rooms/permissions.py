"""Who may see, enter and host peer rooms. Views and consumers both ask here."""
from django.http import Http404
from django.utils import timezone

from forum.permissions import can_read_space, is_moderating, space_filter
from peers.models import Role
from rooms.models import Room, RoomEntry, RoomRemoval


def visible_rooms(member):
    """Rooms in spaces the member may read."""
    return Room.objects.filter(space_filter(member, "space__")).distinct()


def get_room_for_member(member, room_id):
    room = Room.objects.select_related("space", "host", "cohost").filter(pk=room_id).first()
    if room is None or not member.is_authenticated or not can_read_space(member, room.space):
        raise Http404
    return room


def can_stay_in_room(member, room):
    """May an open socket go on hearing and writing in the room? Asked on every frame and heartbeat.

    Connecting checked this once; a ban, a suspension, leaving the room's
    space, or being removed from the room since then must cut the socket off.
    """
    return (member.is_active and not member.is_suspended and can_read_space(member, room.space)
            and (can_host(member, room) or not RoomRemoval.objects.filter(room=room, member=member).exists()))


def can_schedule_rooms(member):
    return member.is_authenticated and member.is_active and not member.is_silenced and member.role == Role.MENTOR


def can_host(member, room):
    """The host and co-host run the room; moderators may step in."""
    return member.is_authenticated and (room.is_hosted_by(member) or is_moderating(member))


def entry_refusal(member, room, now=None):
    """Why the member may not enter the room now, or None."""
    now = now or timezone.now()
    if room.is_closed(now):
        return "This room has closed."
    if can_host(member, room):
        return None
    if RoomRemoval.objects.filter(room=room, member=member).exists() or RoomRemoval.objects.filter(
        room__host=room.host_id, member=member, barred_from_host=True
    ).exists():
        return "You can't join this room."
    if room.locked and not RoomEntry.objects.filter(room=room, member=member).exists():
        return "This room is closed to new people right now."
    return None


def get_room_message_for_member(member, message_id):
    """A visible message in a room the member may see, or 404."""
    from rooms.models import RoomMessage

    message = RoomMessage.objects.select_related("room__space", "author").filter(pk=message_id, state="visible").first()
    if message is None or not member.is_authenticated or not can_read_space(member, message.room.space):
        raise Http404
    return message
