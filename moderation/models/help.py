from django.db import models


class HelpKind(models.TextChoices):
    """What a hotline is for: a member in crisis sees first the ones for their kind of crisis."""

    EMERGENCY = "emergency", "Emergency services"
    TRAFFICKING = "trafficking", "Trafficking and exploitation"
    SELF_HARM = "self_harm", "Suicide and self-harm"
    OTHER = "other", "Other support"


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
    kind = models.CharField(
        max_length=12, choices=HelpKind.choices, default=HelpKind.OTHER,
        help_text="Orders the help a member in crisis sees: suicide lines first for self-harm, "
        "emergency and trafficking lines first for danger.",
    )
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
