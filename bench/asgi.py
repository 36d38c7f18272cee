"""Lantern's ASGI application plus the bare broadcast consumer at /bench/ws/broadcast/<group>/ (benchmarks only)."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django_http = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path  # noqa: E402

from bench.baseline import BroadcastConsumer  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_http,
        # The same wrappers as Lantern's sockets, so only the consumer differs.
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter([
            path("bench/ws/broadcast/<slug:group>/", BroadcastConsumer.as_asgi()),
            *websocket_urlpatterns,
        ]))),
    }
)
