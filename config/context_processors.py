from django.conf import settings


def safety(request):
    member = getattr(request, "user", None)
    return {
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "discreet": bool(member and member.is_authenticated and member.discreet_mode),
    }
