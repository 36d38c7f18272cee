from django.conf import settings
from django.contrib.auth import logout
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST


@require_GET
def home(request):
    # Right after joining (the recovery codes page's Continue): a welcome and first steps, not account settings.
    welcome = request.user.is_authenticated and request.GET.get("welcome") == "1"
    return render(request, "home.html", {"welcome": welcome})


@require_GET
def guidelines(request):
    return render(request, "guidelines.html")


@require_POST
def quick_exit(request):
    """Ends the session; called by Quick exit with navigator.sendBeacon, CSRF token in the body."""
    logout(request)
    return HttpResponse(status=204)


def ratelimited(request, exception):
    return render(request, "429.html", status=429)


def _database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as error:  # any failure means "down"; the kind goes to the report
        return f"down: {type(error).__name__}"


def _redis_state():
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return "ok"
    except redis.RedisError as error:
        return f"down: {type(error).__name__}"


@never_cache
@require_GET
def health(request):
    """200 "ok"; 200 "degraded" when only Redis is down (pages and writes still work, live
    updates wait: docs/realtime.md); 503 "down" when the database is, and nothing works."""
    report = {"database": _database_state(), "redis": _redis_state()}
    if report["database"] != "ok":
        report["status"] = "down"
    else:
        report["status"] = "ok" if report["redis"] in ("ok", "not configured") else "degraded"
    return JsonResponse(report, status=503 if report["status"] == "down" else 200)
