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


OPTIONAL = type(None)

SCHEMAS = {
    # A flag appeared, was claimed, released or resolved.
    "queue.flag": {"flag_id": int, "lane": int, "status": str, "claimed_by": (str, OPTIONAL)},
    # An escalation opened, changed, or became overdue.
    "crisis.escalation": {"escalation_id": int, "risk": str, "status": str, "overdue": bool},
    # Crisis staff sent this member a care message.
    "member.care": {"message_id": int},
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
        if isinstance(value, bool) and kind is int:
            raise EventError(f"{event['type']}.{name}: a bool is not an int")
        if not isinstance(value, kind):
            raise EventError(f"{event['type']}.{name}: {type(value).__name__} is not {kind}")
    return event
