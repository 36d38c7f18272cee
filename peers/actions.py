"""Every write to members, recovery codes and sessions goes through here."""
import secrets
from dataclasses import dataclass

from django.db import transaction

from peers import recovery
from peers.models import Member, MemberSession, RecoveryCode
from peers.signals import member_deleting


@dataclass(frozen=True)
class Joined:
    member: Member
    recovery_codes: list


def do_join_member(pseudonym, passphrase):
    """Create a member; the caller has validated pseudonym and passphrase."""
    with transaction.atomic():
        member = Member.objects.create_user(pseudonym=pseudonym, password=passphrase)
        codes = do_issue_recovery_codes(member)
    return Joined(member, codes)


def do_issue_recovery_codes(member):
    """Replace all of a member's recovery codes; returns the new plain codes, never stored."""
    codes = [recovery.new_code() for _ in range(recovery.CODE_COUNT)]
    rows = []
    for code in codes:
        salt = secrets.token_hex(16)
        rows.append(RecoveryCode(member=member, salt=salt, digest=recovery.digest(salt, code)))
    with transaction.atomic():
        RecoveryCode.objects.filter(member=member).delete()
        RecoveryCode.objects.bulk_create(rows)
    return codes


def do_change_passphrase(member, passphrase, *, keep_session_key=None):
    """Set a new passphrase and end every session but `keep_session_key`."""
    with transaction.atomic():
        member.set_password(passphrase)
        member.save(update_fields=["password"])
        do_end_sessions(member, keep_session_key=keep_session_key)


def do_recover_member(pseudonym, code, passphrase):
    """Spend one recovery code for a new passphrase; every session ends.

    Returns the member, or None when the pseudonym or the code is wrong
    (the caller must not say which).
    """
    member = Member.objects.find(pseudonym)
    if member is None or not member.is_active:
        return None
    with transaction.atomic():
        candidates = RecoveryCode.objects.select_for_update().filter(member=member)
        spent = next((row for row in candidates if recovery.matches(row.salt, row.digest, code)), None)
        if spent is None:
            return None
        spent.delete()
        do_change_passphrase(member, passphrase)
    return member


def do_end_sessions(member, *, keep_session_key=None):
    """End the member's sessions on every device (but one, if named); returns how many ended."""
    sessions = MemberSession.objects.filter(member=member)
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    ended, _ = sessions.delete()
    return ended


def do_set_discreet_mode(member, enabled):
    if member.discreet_mode == enabled:
        return False
    member.discreet_mode = enabled
    member.save(update_fields=["discreet_mode"])
    return True


def do_delete_member(member, *, erase_content):
    """Delete the member and everything tied to them (sessions, codes).

    With `erase_content` their writing goes too; without it, it stays,
    shown under "former member".
    """
    with transaction.atomic():
        member_deleting.send(sender=Member, member=member, erase_content=erase_content)
        member.delete()


def do_set_role(member, role, *, trust_level=None):
    """Give a member a role (and optionally a trust level); returns whether anything changed."""
    changed = []
    if member.role != role:
        member.role = role
        changed.append("role")
    if trust_level is not None and member.trust_level != trust_level:
        member.trust_level = trust_level
        changed.append("trust_level")
    if changed:
        member.save(update_fields=changed)
    return bool(changed)
