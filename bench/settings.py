"""Lantern's settings plus the bare baselines' URLs, for benchmark servers only (DJANGO_SETTINGS_MODULE=bench.settings)."""
from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
