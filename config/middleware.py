from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from config.refusals import Refused

# Every source is this host: no CDN, no font service, no analytics, and no
# inline script or style, so injected markup cannot run.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SafetyHeadersMiddleware:
    """Security headers on every response, static files included.

    Pages also get `Cache-Control: no-store` so a page does not come back
    from the browser's cache or Back button after Quick exit, and is not
    left on disk for whoever checks the device.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response["Permissions-Policy"] = PERMISSIONS_POLICY
        response.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("X-Frame-Options", "DENY")
        if "Cache-Control" not in response:
            patch_cache_control(response, no_store=True, private=True)
        return response


class RefusedMiddleware:
    """Turns an action's `Refused` that no view caught into a 400 page with its message.

    Views catch the refusals they expect and show them beside the form; this
    is the one place where any other refusal becomes a response, so a refusal
    is never a 500 (config/refusals.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Refused):
            return render(request, "400.html", {"refusal": str(exception)}, status=400)
        return None


class NotFoundPageEvenInDebug:
    """A mistyped address shows Lantern's own 404 page, with Quick exit, even under DEBUG.

    `make run` sets DEBUG, and Django then answers a 404 with its technical
    page: every URL pattern, and no Quick exit. Whoever runs Lantern that way
    may show it to someone at risk; a 500 keeps Django's debug page, which is
    for the person fixing it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and response.get("Content-Type", "").startswith("text/html"):
            from config.errors import not_found

            return not_found(request)
        return response
