from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "realtime"
    verbose_name = "Realtime transport"

    def ready(self):
        from realtime import access  # noqa: F401  (connects the receivers that push access changes)
