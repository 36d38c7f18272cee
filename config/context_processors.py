from django.conf import settings


def safety(request):
    member = getattr(request, "user", None)
    signed_in = bool(member and member.is_authenticated)
    return {
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "discreet": signed_in and member.discreet_mode,
        "care_messages": _unseen_care(member) if signed_in else (),
        # Where the write box would be, a silenced member reads why and how to appeal (includes/silenced.html).
        "silence": _silence_in_force(member) if signed_in and member.is_silenced else None,
    }


def _silence_in_force(member):
    from moderation.models import Penalty, PenaltyKind

    return Penalty.objects.in_force().filter(member=member, kind=PenaltyKind.SILENCE).select_related("appeal").first()


def _unseen_care(member):
    """Care messages from crisis staff stay at the top of every page until the member says they saw them."""
    from moderation.models import CareMessage

    return CareMessage.objects.filter(member=member, from_member=False, seen_at__isnull=True).order_by("created_at")
