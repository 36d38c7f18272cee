from django.contrib.sessions.backends.db import SessionStore as DBStore


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        from peers.models import MemberSession

        return MemberSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        member_id = data.get("_auth_user_id")
        instance.member_id = int(member_id) if member_id else None
        return instance
