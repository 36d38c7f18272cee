from django.contrib.auth.backends import ModelBackend


class MemberBackend(ModelBackend):
    """ModelBackend that also refuses suspended members, at login and on every request.

    A ban sets is_active to False; a suspension sets suspended_until. Either
    way the member gets the same answer as a wrong passphrase at login, and
    any session they already have stops working.
    """

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and not getattr(user, "is_suspended", False)
