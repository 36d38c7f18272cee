"""Graduated penalties and appeals."""
from django.conf import settings
from django.db import models
from django.utils import timezone


class PenaltyKind(models.TextChoices):
    WARNING = "warning", "Warning"
    SILENCE = "silence", "Silenced (can read, not write)"
    SUSPENSION = "suspension", "Suspended"
    BAN = "ban", "Banned"


class PenaltyQuerySet(models.QuerySet):
    def in_force(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, starts_at__lte=now).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now)
        )


class Penalty(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="penalties")
    kind = models.CharField(max_length=12, choices=PenaltyKind.choices)
    reason = models.TextField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Empty for a warning, a suspension without end, or a ban.")
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PenaltyQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.member}"


class AppealDecision(models.TextChoices):
    UPHELD = "upheld", "Penalty upheld"
    OVERTURNED = "overturned", "Penalty overturned"


class Appeal(models.Model):
    """One appeal per penalty, decided by a moderator other than the one who issued it."""

    penalty = models.OneToOneField(Penalty, on_delete=models.CASCADE, related_name="appeal")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(max_length=12, choices=AppealDecision.choices, blank=True)
    decision_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
