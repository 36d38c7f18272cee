"""The production set-up's Redis pieces, run against a real Redis."""
import pytest
from channels.layers import get_channel_layer
from django.urls import reverse

from tests.conftest import _clear_own_cache


@pytest.fixture
def redis_settings(settings, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": redis_url, "KEY_PREFIX": "lantern-test"}
    }
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [redis_url], "prefix": "lantern-test"}}
    }
    _clear_own_cache()
    yield settings
    _clear_own_cache()


@pytest.mark.django_db
def test_rate_limits_count_in_redis(client, redis_settings, member):
    redis_settings.LANTERN_LOGIN_LIMITS = {**redis_settings.LANTERN_LOGIN_LIMITS, "ip_failures": 2}
    data = {"pseudonym": "Nobody1", "passphrase": "wrong passphrase"}
    codes = [client.post(reverse("peers:login"), data, REMOTE_ADDR="198.51.100.40").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


async def test_channel_layer_delivers_through_redis(redis_settings):
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("room-test", channel)
    await layer.group_send("room-test", {"type": "room.message", "text": "hello"})
    assert (await layer.receive(channel)) == {"type": "room.message", "text": "hello"}
    await layer.group_discard("room-test", channel)
    await layer.flush()
