"""The append-only audit log: who did what, to what, why, and when.

`record()` is the only way in. Rows are never updated or deleted: the model
and its queryset refuse, the admin shows entries read-only with no
delete, and on PostgreSQL a trigger refuses UPDATE and DELETE on the table
itself (migration 0008; TRUNCATE, which the test suite's flushes use, is a
statement the trigger does not see).
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


class AuditedAdmin:
    """A ModelAdmin mixin: every add, change and delete made in /admin/ goes into the audit log.

    Django's own admin history is not enough: it can be deleted, and staff
    actions made elsewhere are only in this log. The entry names the fields
    that changed, never their values (a passphrase hash is a field too).
    `audit_changes` may name finer actions for fields that matter (a role).
    """

    def audit_changes(self, obj, changed):
        """(action, reason) pairs for a change to `obj`; by default one entry naming the fields."""
        return [(f"admin.change.{obj._meta.model_name}", "fields: " + ", ".join(changed))]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = list(form.changed_data) if form is not None else []
        if not change:
            record(request.user, f"admin.add.{obj._meta.model_name}", obj, "added in the admin")
        elif changed:
            for action, reason in self.audit_changes(obj, changed):
                record(request.user, action, obj, reason)

    def delete_model(self, request, obj):
        record(request.user, f"admin.delete.{obj._meta.model_name}", obj, "deleted in the admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(request.user, f"admin.delete.{obj._meta.model_name}", obj, "deleted in the admin")
        super().delete_queryset(request, queryset)
