"""With Redis (the cache) unreachable, the doors into an account still open (config/cache.py).

The cache points at a port where nothing listens, so these run on any machine.
"""
import logging

import pytest
from django.core.cache import caches
from django.urls import reverse

from peers.forms import SAME_ANSWER
from tests.conftest import DEFAULT_PASSPHRASE
from tests.helpers import text_of

UNREACHABLE = "redis://127.0.0.1:9/0"  # the discard port: connection refused at once


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": UNREACHABLE,
                                   "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    yield caches["default"]


@pytest.mark.django_db
def test_login_works_and_logs_a_warning_while_redis_is_down(client, member, redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        response = client.post(reverse("peers:login"), {"pseudonym": member.pseudonym, "passphrase": DEFAULT_PASSPHRASE})
    assert response.status_code == 302
    assert client.get(reverse("peers:account")).status_code == 200
    assert "Redis unreachable on get (ConnectionError)" in caplog.text


@pytest.mark.django_db
def test_wrong_passphrase_still_gets_the_usual_answer_while_redis_is_down(client, member, redis_down):
    response = client.post(reverse("peers:login"), {"pseudonym": member.pseudonym, "passphrase": "not the passphrase"})
    assert response.status_code == 200
    assert SAME_ANSWER in text_of(response)


def test_each_cache_operation_answers_like_a_miss(redis_down):
    assert redis_down.get("k", "fallback") == "fallback"
    assert redis_down.add("k", 1) is False
    assert redis_down.set("k", 1) is None
    assert redis_down.get_many(["k"]) == {}
    with pytest.raises(ValueError):
        redis_down.incr("k")
