"""The "download my data" export: everything Lantern holds about a member."""
from django.utils import timezone

from peers.signals import collect_member_data


def _iso(moment):
    return moment.isoformat() if moment else None


def export_member_data(member):
    data = {
        "exported_at": _iso(timezone.now()),
        "about": (
            "Everything Lantern holds about your account. Lantern never stores an email, "
            "phone number, real name, IP address or browser details, so there are none here."
        ),
        "account": {
            "pseudonym": member.pseudonym,
            "role": member.get_role_display(),
            "trust_level": member.get_trust_level_display(),
            "joined": _iso(member.date_joined),
            "last_signed_in": _iso(member.last_login),
            "discreet_mode": member.discreet_mode,
            "recovery_codes_left": member.recovery_codes.count(),
        },
        "sessions": [
            {"expires": _iso(expire_date)}
            for expire_date in member.sessions.order_by("expire_date").values_list("expire_date", flat=True)
        ],
    }
    for _receiver, (section, value) in collect_member_data.send(sender=type(member), member=member):
        data[section] = value
    return data
