"""The Redis cache Lantern uses in production, made to fail soft.

The cache holds only django-ratelimit's counters. If Redis goes away, a
person logging in or joining must not meet an error page: each operation
that cannot reach Redis logs a warning and behaves as a miss, and `incr`
raises the ValueError django-ratelimit expects from an unavailable cache.
With RATELIMIT_FAIL_OPEN (settings.py) those requests go through unlimited
until Redis is back; passphrases stay argon2-hashed, so guessing stays slow.
"""
import logging

import redis
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# What each operation answers when Redis cannot be reached.
_FALLBACKS = {"add": False, "set": None, "touch": False, "delete": False, "has_key": False,
              "get_many": {}, "set_many": [], "delete_many": None, "clear": None}


class ResilientRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except redis.RedisError as error:
            _warn("get", error)
            return default

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except redis.RedisError as error:
            _warn("incr", error)
            raise ValueError("the cache is unreachable") from error


def _soft(name):
    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except redis.RedisError as error:
            _warn(name, error)
            return _FALLBACKS[name]

    method.__name__ = name
    return method


for _name in _FALLBACKS:
    setattr(ResilientRedisCache, _name, _soft(_name))


def _warn(operation, error):
    logger.warning("cache: Redis unreachable on %s (%s); carrying on without it", operation, type(error).__name__)
