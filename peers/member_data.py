"""What the members app holds about a member beyond the account: mentoring and rooms.

Export and erasure receivers, like `forum/member_data.py`.
"""
from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from peers.export import iso, ref
from peers.models import Member, MentorApplication
from peers.signals import collect_member_data, member_deleting
from rooms.models import Room, RoomEntry, RoomMessage, RoomMessageState, RoomMute, RoomPresence, RoomRemoval

# Not a pseudonym anyone can join with (a space), so it names no one.
FORMER_MENTOR = "former mentor"
FORMER_MENTOR_ROOM_TITLE = "A room hosted by a former mentor"


def former_mentor():
    """The stand-in host of rooms whose mentor deleted their account; it cannot sign in."""
    member, _ = Member.objects.get_or_create(
        pseudonym=FORMER_MENTOR, defaults={"is_active": False, "password": make_password(None)}
    )
    return member


@receiver(collect_member_data)
def export_rooms(sender, member, **kwargs):
    rooms = Room.objects.filter(Q(host=member) | Q(cohost=member)).select_related("space").order_by("id")
    return "rooms", {
        "rooms_hosted": [
            {"ref": ref(room), "title": room.title, "space": room.space.name, "description": room.description,
             "extra_rules": room.extra_rules, "starts": iso(room.starts_at), "ends": iso(room.ends_at),
             "ended": iso(room.ended_at), "you_were": "host" if room.host_id == member.pk else "co-host"}
            for room in rooms
        ],
        "rooms_entered": [
            {"ref": ref(entry), "room": entry.room.title, "agreed_to_rules": iso(entry.agreed_at)}
            for entry in RoomEntry.objects.filter(member=member).select_related("room").order_by("id")
        ],
        "open_connections": [
            {"ref": ref(row), "room": row.room.title, "since": iso(row.connected_at)}
            for row in RoomPresence.objects.filter(member=member).select_related("room").order_by("id")
        ],
        "messages": [
            {"ref": ref(message), "room": message.room.title, "written": iso(message.created_at),
             "state": message.get_state_display(), "text": message.body}
            for message in RoomMessage.objects.filter(author=member).select_related("room").order_by("id")
        ],
        "muted_in_rooms": [
            {"ref": ref(mute), "room": mute.room.title, "until": iso(mute.until), "automatic": mute.automatic}
            for mute in RoomMute.objects.filter(member=member).select_related("room").order_by("id")
        ],
        "removed_from_rooms": [
            {"ref": ref(removal), "room": removal.room.title, "when": iso(removal.created_at),
             "kept_out_of_this_hosts_rooms": removal.barred_from_host}
            for removal in RoomRemoval.objects.filter(member=member).select_related("room").order_by("id")
        ],
        "as_host_you_muted": [
            {"ref": ref(mute), "room": mute.room.title, "until": iso(mute.until)}
            for mute in RoomMute.objects.filter(by=member).select_related("room").order_by("id")
        ],
        "as_host_you_removed": [
            {"ref": ref(removal), "room": removal.room.title, "when": iso(removal.created_at)}
            for removal in RoomRemoval.objects.filter(by=member).select_related("room").order_by("id")
        ],
    }


@receiver(collect_member_data)
def export_mentoring(sender, member, **kwargs):
    return "mentoring", {
        "your_applications": [
            {"ref": ref(application), "written": iso(application.created_at), "statement": application.statement,
             "status": application.get_status_display(), "decided": iso(application.decided_at),
             "decision_note": application.decision_note}
            for application in MentorApplication.objects.filter(member=member).order_by("id")
        ],
        "applications_you_decided": [
            {"ref": ref(application), "decided": iso(application.decided_at), "status": application.get_status_display()}
            for application in MentorApplication.objects.filter(decided_by=member).order_by("id")
        ],
    }


@receiver(member_deleting)
def hand_over_rooms(sender, member, erase_content, **kwargs):
    """Runs inside the deletion transaction: rooms still to come or under way end; every room the
    member hosted passes to the "former mentor" stand-in, so its history stays whole."""
    from rooms.chat import check_end

    hosted = Room.objects.filter(host=member)
    if erase_content:  # first, so that ending a room below does not copy its title into the audit log
        hosted.update(title=FORMER_MENTOR_ROOM_TITLE, description="", extra_rules="")
        RoomMessage.objects.filter(author=member).update(body="", state=RoomMessageState.REMOVED, held_reason="")
    for room in hosted.filter(ended_at__isnull=True, ends_at__gt=timezone.now()):
        check_end(member, room)
    hosted.update(host=former_mentor())
