from django.db import models


class HelpResource(models.Model):
    """A hotline or service shown on /help/ and to a member in crisis.

    `limits` says plainly what the service does not do (for instance, that a
    confidential line is not anonymous): trust depends on not overpromising.
    """

    region = models.CharField(max_length=80, help_text='Where it serves, e.g. "United States" or "Everywhere".')
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=40, blank=True, help_text="As people dial it.")
    text = models.CharField(max_length=80, blank=True, help_text="How to reach it by text message, if at all.")
    hours = models.CharField(max_length=80, blank=True)
    what_it_does = models.TextField()
    limits = models.TextField(blank=True, help_text="What it does not do, said plainly.")
    is_emergency = models.BooleanField(default=False, help_text="Shown first, as the number for immediate danger.")
    position = models.PositiveSmallIntegerField(default=100, help_text="Lower comes first within its region.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-is_emergency", "region", "position", "name"]

    def __str__(self):
        return f"{self.name} ({self.region})"

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


class WatchedAction(models.TextChoices):
    BLOCK = "block", "Block: refuse the text"
    HOLD = "hold", "Hold for review"
    FLAG = "flag", "Flag: show it, and put it in the queue"


class WatchedWordQuerySet(models.QuerySet):
    def active_rules(self):
        from moderation.screening import WatchedRule

        rows = self.filter(is_active=True).values_list("pattern", "is_regex", "action")
        return [WatchedRule(pattern, is_regex, action) for pattern, is_regex, action in rows]


class WatchedWord(models.Model):
    """A word or regular expression admins want caught, and what to do with it."""

    pattern = models.CharField(max_length=200)
    is_regex = models.BooleanField(default=False, help_text="A Python regular expression instead of a plain word.")
    action = models.CharField(max_length=8, choices=WatchedAction.choices, default=WatchedAction.HOLD)
    note = models.CharField(max_length=200, blank=True, help_text="Why it is watched, for other admins.")
    is_active = models.BooleanField(default=True)

    objects = WatchedWordQuerySet.as_manager()

    class Meta:
        ordering = ["pattern"]

    def __str__(self):
        return self.pattern

    def clean(self):
        from django.core.exceptions import ValidationError

        from moderation.screening import validate_watched_pattern

        try:
            validate_watched_pattern(self.pattern, self.is_regex)
        except ValueError as error:
            raise ValidationError({"pattern": str(error)}) from None


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One staff, mentor or moderator action. Written by moderation.audit.record only.

    The actor is kept as an id and a label, not a foreign key, so deleting
    an account never rewrites the log.
    """

    actor_id = models.BigIntegerField(null=True, db_index=True)
    actor_label = models.CharField(max_length=40)
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.actor_label} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")
