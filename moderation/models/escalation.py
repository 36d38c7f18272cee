"""Crisis escalations to trained crisis staff."""
from django.conf import settings
from django.db import models
from django.utils import timezone


class EscalationStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    CLOSED = "closed", "Closed"


class EscalationOutcome(models.TextChoices):
    REACHED = "reached", "Reached the member"
    NO_ANSWER = "no_answer", "No answer"
    REFERRED = "referred", "Referred to a hotline"
    NOT_CRISIS = "not_crisis", "Not a crisis"


class Escalation(models.Model):
    """A member who may be in crisis, waiting for a trained person."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="escalations")
    risk = models.CharField(max_length=8)  # moderation.screening.Risk: imminent or concern
    source = models.CharField(max_length=12, help_text="screening or report")
    categories = models.JSONField(default=list)
    post = models.ForeignKey("forum.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations")
    room_message = models.ForeignKey(
        "rooms.RoomMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations"
    )
    excerpt = models.TextField(blank=True, help_text="The words that raised it, kept for staff even if the post goes.")
    status = models.CharField(max_length=12, choices=EscalationStatus.choices, default=EscalationStatus.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overdue_at = models.DateTimeField(null=True, blank=True, help_text="When it passed its time to acknowledge.")
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=EscalationOutcome.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "opened_at"], name="escalation_open")]

    def __str__(self):
        return f"{self.risk} escalation {self.pk}"

    @property
    def seconds_to_acknowledge(self):
        if self.acknowledged_at is None:
            return None
        return (self.acknowledged_at - self.opened_at).total_seconds()


class EscalationNote(models.Model):
    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class CareAnswer(models.TextChoices):
    """The member's one-tap answers to a care message."""

    SAFE = "safe", "I'm safe now"
    NEED_HELP = "need_help", "I still need help"


class CareMessage(models.Model):
    """One message of the private care conversation inside an escalation: crisis staff <-> the member, no one else.

    From staff (`from_member` False) it is shown at the top of the member's
    pages until seen; from the member it is their answer, read by crisis
    staff on the escalation page. `member` is always the member the
    conversation is with, so it goes with their account (CASCADE).
    """

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_messages")
    escalation = models.ForeignKey(Escalation, null=True, blank=True, on_delete=models.SET_NULL, related_name="care_messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_member = models.BooleanField(default=False)
    answer = models.CharField(max_length=12, choices=CareAnswer.choices, blank=True)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True)


class CrisisDuty(models.Model):
    """Crisis staff currently on duty receive live alerts."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crisis_duty")
    on_duty = models.BooleanField(default=False)
    changed_at = models.DateTimeField(default=timezone.now)
