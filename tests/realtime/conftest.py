import pytest
from channels.layers import channel_layers


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """A new channel layer per test: each async test runs in its own event loop, and
    channels_redis binds its locks and connections to the loop that first used them."""
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}
