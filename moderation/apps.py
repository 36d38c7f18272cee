from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation and help"

    def ready(self):
        from moderation import care, member_data  # noqa: F401  (export and erasure receivers)
