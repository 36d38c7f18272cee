"""Trust levels: newcomers become members by time and good posts; moderators grant trusted."""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from moderation import audit, permissions
from moderation.models import Report
from peers.models import TrustLevel

REPORT_WEIGHT = {TrustLevel.NEWCOMER: 1, TrustLevel.MEMBER: 2, TrustLevel.TRUSTED: 3}
STAFF_REPORT_WEIGHT = 4


def report_weight(member):
    if member.role != "member":
        return STAFF_REPORT_WEIGHT
    return REPORT_WEIGHT[member.trust_level]


def maybe_promote(member):
    """Newcomer -> member once old enough, with enough visible posts and no upheld reports."""
    from forum.models import Post, PostState

    if member.trust_level != TrustLevel.NEWCOMER:
        return False
    rules = settings.TRUST_PROMOTION
    if timezone.now() - member.date_joined < timedelta(days=rules["days"]):
        return False
    visible = Post.objects.filter(author=member, state=PostState.VISIBLE, deleted_at__isnull=True).count()
    if visible < rules["approved_posts"] or Report.objects.filter(post__author=member, upheld=True).exists():
        return False
    member.trust_level = TrustLevel.MEMBER
    member.save(update_fields=["trust_level"])
    return True


def check_set_trust(moderator, member, level, reason):
    permissions.check_moderate(moderator)
    if level not in TrustLevel.values:
        raise ValueError("unknown trust level")
    if member.trust_level == level:
        return False
    with transaction.atomic():
        member.trust_level = level
        member.save(update_fields=["trust_level"])
        audit.record(moderator, f"trust.set.{TrustLevel(level).name.lower()}", member, reason)
    return True
