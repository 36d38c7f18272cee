"""The append-only audit log: who did what, to what, why, and when.

`record()` is the only way in. Rows are never updated or deleted: the model
and its queryset refuse, and the admin shows entries read-only with no
delete. (Database triggers would also stop the test suite's table flushes,
so the guard lives in the application.)
"""
from moderation.models import AuditEntry


def _label(target):
    """A member by pseudonym; anything else by kind and id. A thread's or room's title is the
    member's own writing, and this log is never rewritten, so erasure could not reach a copy."""
    if target._meta.label_lower == "peers.member":
        return str(target)[:200]
    return f"{target._meta.verbose_name} {target.pk}"


def record(actor, action, target, reason=""):
    """Write one entry; call inside the transaction of the action it records."""
    return AuditEntry.objects.create(
        actor_id=getattr(actor, "pk", None),
        actor_label=str(actor) if actor is not None else "system",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=_label(target) if target is not None else "",
        reason=reason[:1000],
    )
