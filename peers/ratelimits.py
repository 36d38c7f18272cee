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


# Joining counts accounts made, not attempts: a typo, a taken pseudonym or a
# short passphrase must not use up the limit, or one person's mistakes on a
# shelter's shared Wi-Fi would lock everyone there out of joining.
JOIN_GROUP = "peers.join"


def _join_usage(request, *, increment):
    from django_ratelimit.core import get_usage

    return get_usage(request, group=JOIN_GROUP, key="ip", method="POST", increment=increment,
                     rate=lambda group, request: settings.LANTERN_RATES["join_ip"])


def refuse_if_joins_used_up(request):
    """Raise Ratelimited (a calm 429) when this address has made its accounts for the window."""
    from django_ratelimit.exceptions import Ratelimited

    usage = _join_usage(request, increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        raise Ratelimited()


def count_join(request):
    """Call once an account is made."""
    _join_usage(request, increment=True)
