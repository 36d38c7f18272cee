from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Boards"

    def ready(self):
        from forum import member_data  # noqa: F401  (connects the export and erasure receivers)
