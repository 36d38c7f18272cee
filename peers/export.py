"""The "download my data" export: every row about or by a member (docs/architecture.md).

Each app adds its sections through `collect_member_data` (its
`member_data.py`). Every exported row carries a `ref` ("app.model:id"), so
`tests/peers/test_export.py` can check that each row with a foreign key to
the member is in the file; a new model that points at members fails that
test until its app exports it.
"""
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from peers.signals import collect_member_data

ABOUT = (
    "Everything Lantern holds about your account, and everything you wrote. Lantern never stores an email, "
    "phone number, real name, IP address or browser details, so there are none here. Sessions and recovery "
    "codes are listed without their secrets."
)


def iso(moment):
    return moment.isoformat() if moment else None


def ref(row):
    return f"{row._meta.label_lower}:{row.pk}"


def export_member_data(member):
    data = {
        "exported_at": iso(timezone.now()),
        "about": ABOUT,
        "account": {
            "pseudonym": member.pseudonym,
            "role": member.get_role_display(),
            "trust_level": member.get_trust_level_display(),
            "joined": iso(member.date_joined),
            "last_signed_in": iso(member.last_login),
            "discreet_mode": member.discreet_mode,
            "silenced_until": iso(member.silenced_until),
            "suspended_until": iso(member.suspended_until),
        },
        "recovery_codes": [
            {"ref": f"peers.recoverycode:{code.pk}", "made": iso(code.created_at)}
            for code in member.recovery_codes.order_by("id")
        ],
        # A session's id is its key, a secret: numbered instead.
        "sessions": [
            {"ref": f"peers.membersession:#{n}", "expires": iso(expires)}
            for n, expires in enumerate(member.sessions.order_by("expire_date").values_list("expire_date", flat=True), 1)
        ],
        "admin_actions": [
            {"ref": ref(entry), "when": iso(entry.action_time), "on": entry.object_repr, "what": entry.get_change_message()}
            for entry in LogEntry.objects.filter(user=member).order_by("id")
        ],
    }
    for _receiver, (section, value) in collect_member_data.send(sender=type(member), member=member):
        data[section] = value
    data["summary"] = summary(data)
    return data


def summary(data):
    """One line per non-empty list in the export, e.g. "boards / posts: 12"."""
    lines = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, path + [key])
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{' / '.join(path).replace('_', ' ')}: {len(value)}")

    walk({key: value for key, value in data.items() if key != "summary"}, [])
    return lines
