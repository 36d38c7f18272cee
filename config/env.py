"""Typed readers for settings taken from the environment.

Each raises ImproperlyConfigured on a value it cannot read, so a typo in a
deployment stops the process at start instead of running with a surprise.
"""
import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"Set the environment variable {name}.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), not {value!r}.")


def env_int(name, default, *, minimum=None, maximum=None):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}, not {number}.")
    return number


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name, choices, default):
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def env_rate(name, default):
    """A django-ratelimit rate such as '5/h' or '10/5m'."""
    value = env_str(name, default)
    count, _, period = value.partition("/")
    if not count.isdigit() or not period or not (period[:-1].isdigit() or period[:-1] == "") or period[-1] not in "smhd":
        raise ImproperlyConfigured(f"{name} must be a rate like 5/m or 10/15m, not {value!r}.")
    return value
