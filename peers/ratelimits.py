"""Rate-limit keys and decorators for the doors into an account.

django-ratelimit keeps its counters in the cache, hashed, and only there:
no address or pseudonym attempt is ever written to the database or a log.
"""
from django.conf import settings
from django_ratelimit.decorators import ratelimit


def pseudonym_key(group, request):
    return (request.POST.get("pseudonym") or "").strip().casefold()[:100]


def member_key(group, request):
    return str(request.user.pk)


def limit_by_ip(rate_name):
    return ratelimit(key="ip", rate=lambda group, request: settings.LANTERN_RATES[rate_name], method="POST", block=True)


def limit_by_pseudonym(rate_name):
    return ratelimit(
        key=pseudonym_key, rate=lambda group, request: settings.LANTERN_RATES[rate_name], method="POST", block=True
    )


def limit_by_member(rate_name):
    return ratelimit(
        key=member_key, rate=lambda group, request: settings.LANTERN_RATES[rate_name], method="POST", block=True
    )
