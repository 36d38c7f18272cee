from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation and help"

    def ready(self):
        from moderation import care  # noqa: F401  (its member-data export receiver)
