"""How long ago, in words a person would say: "just now", never "0 minutes ago"."""
from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def ago(moment):
    """ "just now" under a minute, else "5 minutes ago"."""
    if not moment:
        return ""
    if (timezone.now() - moment).total_seconds() < 60:
        return "just now"
    return f"{timesince(moment)} ago"


@register.filter
def waited(moment):
    """How long something has waited: "under a minute", else "5 minutes"."""
    if not moment:
        return ""
    if (timezone.now() - moment).total_seconds() < 60:
        return "under a minute"
    return timesince(moment)
