"""Live peer rooms: scheduled by a peer mentor, inside a space, for its audience."""
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

DEFAULT_GROUND_RULES = """Everyone here has been through something hard. Be kind, and believe each other.
Share your own experience; do not give advice nobody asked for.
What is said here stays here. No names, numbers, addresses, apps or invitations to talk elsewhere.
You can listen without speaking. You can leave at any time.
If you are in danger or thinking of ending your life, say so: you will see where to get help at once, and our crisis team is told."""


class Room(models.Model):
    space = models.ForeignKey("forum.Space", on_delete=models.PROTECT, related_name="rooms")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hosted_rooms")
    cohost = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="cohosted_rooms"
    )
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    extra_rules = models.TextField(blank=True, help_text="The host's additions to the default ground rules.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField(default=12, validators=[MinValueValidator(2), MaxValueValidator(50)])
    premoderated = models.BooleanField(default=False, help_text="Every message waits for the host's approval.")
    slow_mode_seconds = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(300)])
    locked = models.BooleanField(default=False, help_text="No new people may enter.")
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When the host ended the session.")
    created_at = models.DateTimeField(default=timezone.now)
    # The `seq` of the room's newest visible message (rooms.chat.take_seq; docs/rooms.md, "Delivery").
    message_seq = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "peers_room"  # kept from when rooms lived in peers/: no data moved
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["ends_at"], name="room_ends_at")]

    def __str__(self):
        return self.title

    @property
    def ground_rules(self):
        return DEFAULT_GROUND_RULES + ("\n" + self.extra_rules if self.extra_rules else "")

    def is_closed(self, now=None):
        now = now or timezone.now()
        return self.ended_at is not None or now >= self.ends_at

    def is_hosted_by(self, member):
        return member.pk in (self.host_id, self.cohost_id)


class RoomEntry(models.Model):
    """A member agreed to the room's ground rules (once per room)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="entries")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="room_entries")
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "peers_roomentry"  # kept from when rooms lived in peers/: no data moved
        constraints = [models.UniqueConstraint(fields=["room", "member"], name="room_entry_once")]


class PresenceQuerySet(models.QuerySet):
    def live(self):
        """Rows whose socket has beaten recently. A killed server process leaves rows behind; they stop counting."""
        return self.filter(seen_at__gte=timezone.now() - presence_stale_after())

    def stale(self):
        return self.filter(seen_at__lt=timezone.now() - presence_stale_after())


def presence_stale_after():
    return timedelta(seconds=3 * settings.ROOM_PRESENCE_HEARTBEAT_SECONDS)


class RoomPresence(models.Model):
    """One open socket in a room. Who is here now = distinct members with a live row."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="presences")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    connected_at = models.DateTimeField(default=timezone.now)
    # The socket's consumer refreshes this every ROOM_PRESENCE_HEARTBEAT_SECONDS.
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PresenceQuerySet.as_manager()

    class Meta:
        db_table = "peers_roompresence"  # kept from when rooms lived in peers/: no data moved


class RoomMessageState(models.TextChoices):
    VISIBLE = "visible", "Visible"
    HELD = "held", "Held for the host or moderators"
    REMOVED = "removed", "Removed"


class RoomMessage(models.Model):
    """A chat message. `seq` numbers a room's visible messages 1, 2, 3... with no gap, in the order
    they commit: it is the order everyone sees and the cursor for replay (docs/rooms.md, "Delivery")."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="room_messages")
    body = models.TextField()
    state = models.CharField(max_length=8, choices=RoomMessageState.choices, default=RoomMessageState.VISIBLE)
    held_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the message becomes visible; a held message has none until a host approves it.
    seq = models.PositiveIntegerField(null=True, blank=True)
    # The sender's own id for this send: a retried send is stored once.
    client_id = models.CharField(max_length=64, blank=True)

    class Meta:
        db_table = "peers_roommessage"  # kept from when rooms lived in peers/: no data moved
        indexes = [models.Index(fields=["room", "id"], name="room_message_replay")]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="room_message_seq_once"),
            models.UniqueConstraint(fields=["room", "author", "client_id"], condition=~models.Q(client_id=""),
                                    name="room_message_client_id_once"),
        ]


class RoomMute(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="mutes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    automatic = models.BooleanField(default=False, help_text="Set by flood protection, not by a host.")

    class Meta:
        db_table = "peers_roommute"  # kept from when rooms lived in peers/: no data moved



class RoomRemoval(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="removals")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    barred_from_host = models.BooleanField(default=False, help_text="Also kept out of this host's future rooms.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "peers_roomremoval"  # kept from when rooms lived in peers/: no data moved


