from django.db import models


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
