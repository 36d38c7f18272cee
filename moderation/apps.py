from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation and help"

    def ready(self):
        from moderation import member_data  # noqa: F401  (connects the export and erasure receivers)
