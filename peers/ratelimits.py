"""Rate limits for the doors into an account (docs/architecture.md, "Log-in limits").

Counters live in the cache only, never in the database or a log, and every
key part that comes from an address, a pseudonym or a member is an HMAC
under the server's secret (`salted`): whoever reads the cache cannot hash
every IPv4 address, or a list of likely pseudonyms, to learn who tried.

Log-in keeps three counts of failed passphrases:
- per (pseudonym, client), tight: a client is a recognised device (a
  cookie from an earlier sign-in under that pseudonym) or else an address;
- per address, over all pseudonyms (unrecognised clients only);
- per pseudonym, loose: past a free allowance every further failure doubles
  the wait before an unrecognised client's next try is even checked.
A recognised device never waits on the pseudonym's count or its address's,
so a stranger cannot keep the owner out of the device they use; a recovery
code is limited per (pseudonym, address) only, so it always works.
"""
import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django_ratelimit.core import _get_ip  # the address django-ratelimit's own key="ip" uses
from django_ratelimit.decorators import ratelimit

from peers.pseudonyms import normalise_pseudonym

DEVICE_COOKIE = "lantern_device"
DEVICE_COOKIE_PATH = "/login/"


def salted(*parts):
    return salted_hmac("lantern.ratelimit", "\x00".join(parts)).hexdigest()[:32]


def ip_key(group, request):
    return salted("ip", _get_ip(request) or "")


def pseudonym_and_ip_key(group, request):
    return salted("pseudonym+ip", normalise_pseudonym(request.POST.get("pseudonym"))[:100], _get_ip(request) or "")


def member_key(group, request):
    return salted("member", str(request.user.pk))


def _limit(key, rate_name):
    return ratelimit(key=key, rate=lambda group, request: settings.LANTERN_RATES[rate_name], method="POST", block=True)


def limit_by_ip(rate_name):
    return _limit(ip_key, rate_name)


def limit_by_pseudonym_and_ip(rate_name):
    return _limit(pseudonym_and_ip_key, rate_name)


def limit_by_member(rate_name):
    return _limit(member_key, rate_name)


@dataclass
class LoginAttempt:
    pseudonym: str  # salted
    client: str  # salted
    address: str  # salted
    recognised: bool


def login_attempt(request):
    pseudonym = normalise_pseudonym(request.POST.get("pseudonym"))[:100]
    device = _device_for(request.COOKIES.get(DEVICE_COOKIE, ""), pseudonym)
    address = salted("ip", _get_ip(request) or "")
    client = salted("device", device) if device else address
    return LoginAttempt(salted("pseudonym", pseudonym), salted("client", pseudonym, client), address, bool(device))


def wait_before(attempt, now=None):
    """Seconds this attempt must wait before its passphrase is checked; 0 when it may go ahead."""
    limits = settings.LANTERN_LOGIN_LIMITS
    if _count(f"login:client:{attempt.client}") >= limits["client_failures"]:
        return limits["client_window"]
    if attempt.recognised:
        return 0
    if _count(f"login:ip:{attempt.address}") >= limits["ip_failures"]:
        return limits["ip_window"]
    failures = _count(f"login:pseudonym:{attempt.pseudonym}")
    last = cache.get(f"login:pseudonym-last:{attempt.pseudonym}") or 0
    return max(0, math.ceil(last + pseudonym_delay(failures) - (now or time.time())))


def pseudonym_delay(failures):
    """Seconds between checked tries for unrecognised clients after `failures` failures on one pseudonym."""
    limits = settings.LANTERN_LOGIN_LIMITS
    over = failures - limits["pseudonym_free_failures"]
    return 0 if over < 0 else min(2**over, limits["pseudonym_max_delay"])


def record_failure(attempt, now=None):
    limits = settings.LANTERN_LOGIN_LIMITS
    _bump(f"login:client:{attempt.client}", limits["client_window"])
    if not attempt.recognised:
        _bump(f"login:ip:{attempt.address}", limits["ip_window"])
        _bump(f"login:pseudonym:{attempt.pseudonym}", limits["pseudonym_window"])
        cache.set(f"login:pseudonym-last:{attempt.pseudonym}", now or time.time(), limits["pseudonym_window"])


def remember_device(request, response, member):
    """After a sign-in or a recovery: mark this browser as one the owner uses, for this pseudonym."""
    device = secrets.token_hex(16)
    value = f"{device}.{salted('device-mac', device, normalise_pseudonym(member.pseudonym))}"
    cache.delete(f"login:client:{login_attempt(request).client}")
    response.set_cookie(
        DEVICE_COOKIE, value, max_age=settings.LANTERN_LOGIN_LIMITS["device_days"] * 86400,
        path=DEVICE_COOKIE_PATH, secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )


def _device_for(cookie, pseudonym):
    device, _, mac = cookie.partition(".")
    if device and mac and constant_time_compare(mac, salted("device-mac", device, pseudonym)):
        return device
    return ""


def _count(key):
    return cache.get(key) or 0


def _bump(key, window):
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired in between, or the cache is unreachable: fail open, as django-ratelimit does
            cache.add(key, 1, window)


# Joining counts accounts made, not attempts: a typo, a taken pseudonym or a
# short passphrase must not use up the limit, or one person's mistakes on a
# shelter's shared Wi-Fi would lock everyone there out of joining.
JOIN_GROUP = "peers.join"


def _join_usage(request, *, increment):
    from django_ratelimit.core import get_usage

    return get_usage(request, group=JOIN_GROUP, key=ip_key, method="POST", increment=increment,
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
