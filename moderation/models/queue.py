"""The review queue: flags (one open per item) and members' reports."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Lane(models.IntegerChoices):
    """Queue order: a lower lane is more urgent."""

    CRISIS_IMMINENT = 1, "Crisis: imminent"
    CRISIS_CONCERN = 2, "Crisis: concern"
    DANGER_CONTACT = 3, "Danger, recruitment or contact"
    REPORTED = 4, "Reported by members"
    HELD_NEWCOMER = 5, "Held newcomer post"
    WATCHED = 6, "Watched words"


class FlagStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class Flag(models.Model):
    """One item waiting for a moderator. Several reasons for the same post share one flag,
    in the most urgent lane any of them asks for."""

    lane = models.PositiveSmallIntegerField(choices=Lane.choices)
    post = models.ForeignKey("forum.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="flags")
    room_message = models.ForeignKey(
        "rooms.RoomMessage", null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="flags_against")
    reasons = models.JSONField(default=list, help_text="Why it is here: screening categories, report reasons, rules.")
    text = models.TextField(blank=True, help_text="The text as screened, which `spans` point into.")
    spans = models.JSONField(default=list, help_text="[start, end, category, rule] into `text`, for highlighting.")
    report_weight = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=8, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="claimed_flags"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["lane", "-report_weight", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["post"], condition=Q(status="open"), name="one_open_flag_per_post"),
            models.UniqueConstraint(
                fields=["room_message"], condition=Q(status="open"), name="one_open_flag_per_room_message"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "lane", "created_at"], name="flag_queue_order"),
            # The queue page's order, so its first page is read from the index, not sorted.
            models.Index(
                "lane", models.F("report_weight").desc(), "created_at", "id",
                condition=Q(status="open"), name="flag_open_queue_page",
            ),
        ]

    def __str__(self):
        return f"{self.get_lane_display()} flag {self.pk}"


class ReportReason(models.TextChoices):
    WORRIED = "worried", "I'm worried about this person"
    HARASSMENT = "harassment", "Harassment"
    VICTIM_BLAMING = "victim_blaming", "Victim-blaming"
    RECRUITMENT = "recruitment", "Recruitment or grooming"
    SPAM = "spam", "Spam"
    OTHER = "other", "Something else"


class Report(models.Model):
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made")
    post = models.ForeignKey("forum.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    room_message = models.ForeignKey(
        "rooms.RoomMessage", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=16, choices=ReportReason.choices)
    note = models.CharField(max_length=500, blank=True)
    weight = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    upheld = models.BooleanField(null=True, help_text="Set when a moderator resolves the item.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reporter", "post"], name="one_report_per_member_per_post"),
            models.UniqueConstraint(fields=["reporter", "room_message"], name="one_report_per_member_per_room_message"),
        ]
