"""Push a re-check to a member's sockets whenever their access may have changed (docs/realtime.md).

A ban, suspension, role change, leaving a space, an ended session or a
space's audience changing is written by different actions (and by the
admin); rather than each one remembering, these receivers send
`member.access` after the change commits: to the member's sockets, or for a
space, to every open room in it. No rule lives here: each socket asks its own
permission module again (`still_allowed`) and closes if the answer is no.
"""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from realtime.events import member_access_group, room_group
from realtime.send import send_event_on_commit


def notify_access_changed(member_id):
    if member_id is not None:
        send_event_on_commit(member_access_group(member_id), {"type": "member.access"})


@receiver(post_save, sender="peers.Member")
def member_saved(sender, instance, created, **kwargs):
    if not created:
        notify_access_changed(instance.pk)


@receiver(post_delete, sender="forum.SpaceMembership")
def space_left(sender, instance, **kwargs):
    notify_access_changed(instance.member_id)


@receiver(post_delete, sender="peers.MemberSession")
def session_ended(sender, instance, **kwargs):
    notify_access_changed(instance.member_id)


@receiver(post_save, sender="forum.Space")
def space_saved(sender, instance, created, **kwargs):
    """A space's audience may have narrowed: everyone in its rooms re-checks."""
    from django.utils import timezone

    from rooms.models import Room

    if created:
        return
    for room_id in Room.objects.filter(space=instance, ended_at__isnull=True, ends_at__gt=timezone.now()).values_list("pk", flat=True):
        send_event_on_commit(room_group(room_id), {"type": "member.access"})
