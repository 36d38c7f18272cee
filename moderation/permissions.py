"""Who may moderate and who may handle crises. Views and consumers both ask here."""
from functools import wraps

from django.http import Http404

from config.refusals import Refused
from peers.models import Role

MODERATOR_ROLES = {Role.MODERATOR, Role.ADMIN}
CRISIS_ROLES = {Role.CRISIS_STAFF, Role.ADMIN}


def _active(member):
    return bool(member and member.is_authenticated and member.is_active)


def can_moderate(member):
    """The review queue, reports, penalties, appeals and the audit log."""
    return _active(member) and member.role in MODERATOR_ROLES


def can_handle_crisis(member):
    """Escalations, their notes and care messages."""
    return _active(member) and member.role in CRISIS_ROLES


def check_moderate(actor):
    """First line of every moderation action: the view's decorator is the second, and a
    command, consumer or admin hook that calls the action has no decorator at all."""
    if not can_moderate(actor):
        raise Refused("Only moderators can do this.")


def check_handle_crisis(actor):
    """First line of every escalation action (see check_moderate)."""
    if not can_handle_crisis(actor):
        raise Refused("Only crisis staff can do this.")


def require_moderator(member):
    if not can_moderate(member):
        raise Http404


def require_crisis_staff(member):
    if not can_handle_crisis(member):
        raise Http404


def _guard(check):
    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            check(request.user)  # before the method check: a 405 would tell that the page exists
            return view(request, *args, **kwargs)

        return guarded

    return decorator


moderators_only = _guard(require_moderator)
crisis_staff_only = _guard(require_crisis_staff)
