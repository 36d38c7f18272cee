"""Every event sent over the channel layer, written down once.

An event is a flat dict with a `type` (Channels calls the consumer method
named after it, dots becoming underscores) and the fields below, each of a
given type. `validate_event` is called on every send, and a test checks
every event the code sends against these shapes. Events only say that
something changed; clients read the database (a page fragment or a replay)
for the state itself.
"""

# Groups
MODERATION_QUEUE = "moderation-queue"
CRISIS_STAFF = "crisis-staff"


def member_group(member_id):
    return f"member-{member_id}"


def member_access_group(member_id):
    """Every socket one member holds, of any kind: told to re-check when their access may have changed."""
    return f"member-{member_id}-access"


def room_group(room_id):
    return f"room-{room_id}"


def room_hosts_group(room_id):
    return f"room-{room_id}-hosts"


def room_member_group(room_id, member_id):
    """Every socket one member has open in one room (mute and removal reach them all)."""
    return f"room-{room_id}-member-{member_id}"


OPTIONAL = type(None)

SCHEMAS = {
    # A flag appeared, was claimed, released or resolved.
    "queue.flag": {"flag_id": int, "lane": int, "status": str, "claimed_by": (str, OPTIONAL)},
    # An escalation opened, changed, or became overdue.
    "crisis.escalation": {"escalation_id": int, "risk": str, "status": str, "overdue": bool},
    # Crisis staff sent this member a care message.
    "member.care": {"message_id": int},
    # Something about who this member is or may see changed (realtime/access.py): each socket re-checks.
    "member.access": {},
    # Live rooms (docs/rooms.md). To the whole room:
    # `sender_channel`: the socket that wrote it and already has it (rooms.chat.check_send_message), or None.
    # `seq`: the message's place among the room's visible messages (docs/rooms.md, "Delivery").
    "room.message": {"message_id": int, "author": str, "author_id": (int, OPTIONAL), "body": str, "created_at": str,
                     "seq": int, "sender_channel": (str, OPTIONAL)},
    "room.message_removed": {"message_id": int},
    "room.notice": {"text": str},
    "room.presence": {"members": list},
    "room.state": {"slow_mode_seconds": int, "locked": bool, "ended": bool},
    # To the room's hosts:
    "room.held": {"message_id": int, "author": str, "author_id": (int, OPTIONAL), "body": str, "reason": str},
    "room.alert": {"escalation_id": int, "author": str, "risk": str, "on_duty": bool},
    # To one member's sockets in the room:
    "room.own_held": {"message_id": int, "body": str, "reason": str, "sender_channel": (str, OPTIONAL)},
    # moderation.crisis_help.CrisisReply: `who_knows` says whether crisis staff are on duty and told.
    "room.help": {"kind": str, "on_duty": bool, "heading": str, "text": str, "who_knows": str, "resources": list,
                  "sender_channel": (str, OPTIONAL)},
    "room.muted": {"until": str},
    "room.removed": {},
}


class EventError(ValueError):
    pass


def validate_event(event):
    """Raise EventError unless `event` matches its schema exactly."""
    if not isinstance(event, dict) or event.get("type") not in SCHEMAS:
        raise EventError(f"unknown event: {event!r}")
    schema = SCHEMAS[event["type"]]
    fields = set(event) - {"type"}
    if fields != set(schema):
        raise EventError(f"{event['type']}: fields {sorted(fields)} != {sorted(schema)}")
    for name, kind in schema.items():
        value = event[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            raise EventError(f"{event['type']}.{name}: a bool is not an int")
        if not isinstance(value, kind):
            raise EventError(f"{event['type']}.{name}: {type(value).__name__} is not {kind}")
    return event
