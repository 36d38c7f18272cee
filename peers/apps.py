from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "peers"
    verbose_name = "Members and mentors"

    def ready(self):
        from peers import member_data  # noqa: F401  (connects the export and erasure receivers)
