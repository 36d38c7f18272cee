"""How fast members may write on the boards, counted from the database.

Newcomers get a longer pause between posts and daily caps, which blunts
spam and recruiters' mass messages without slowing established members.
"""
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from forum.models import Post, Thread
from peers.models import TrustLevel


def _limits(member):
    newcomer = member.trust_level == TrustLevel.NEWCOMER
    return settings.FORUM_LIMITS["newcomer" if newcomer else "member"]


def rate_refusal(member, *, new_thread):
    """Why the member must wait before writing, or None when they may write now."""
    limits = _limits(member)
    now = timezone.now()
    last = Post.objects.filter(author=member).order_by("-created_at").values_list("created_at", flat=True).first()
    if last and (now - last).total_seconds() < limits["seconds_between_posts"]:
        wait = int(limits["seconds_between_posts"] - (now - last).total_seconds()) + 1
        return f"Please wait {wait} second{'' if wait == 1 else 's'} before posting again."
    since = now - timedelta(days=1)
    if new_thread:
        started = Thread.objects.filter(author=member, created_at__gte=since).count()
        if started >= limits["threads_per_day"]:
            return f"You can start {limits['threads_per_day']} threads a day. You can still reply to threads."
    else:
        replies = Post.objects.filter(author=member, created_at__gte=since, is_opening=False).count()
        if replies >= limits["replies_per_day"]:
            return f"You can post {limits['replies_per_day']} replies a day. Thank you for being so present; please come back tomorrow."
    return None
