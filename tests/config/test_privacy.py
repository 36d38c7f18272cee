"""No IP address or user agent is stored or logged (docs/design.md, invariant 4)."""
import io
import logging

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from config.log_filters import RedactPersonalData
from config.serve import PrivateAccessLog

PROBE_IP = "198.51.100.223"
PROBE_IP6 = "2001:db8:77::1f"
PROBE_AGENT = "Mozilla/5.0 (LanternProbe; distinctive-agent-8841)"
AGENT_MARK = "distinctive-agent-8841"


def every_stored_value():
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                yield from (table + ": " + repr(value) for value in row)


def full_session(client):
    passphrase = "tea by the window at dawn"
    joined = client.post(
        reverse("peers:join"),
        {"pseudonym": "PrivacyProbe1", "passphrase": passphrase, "passphrase_again": passphrase, "agree": "on"},
    )
    codes = joined.context["codes"]
    client.get(reverse("peers:account"))
    client.get(reverse("peers:download_data"))
    client.post(reverse("peers:logout"))
    client.post(reverse("peers:login"), {"pseudonym": "PrivacyProbe1", "passphrase": "a wrong guess"})
    client.post(reverse("peers:login"), {"pseudonym": "PrivacyProbe1", "passphrase": passphrase})
    posted = client.post(
        reverse("forum:new_thread", args=["commons", "check-in"]), {"title": "Probe thread", "body": "A quiet hello."}
    )
    assert posted.status_code == 302
    client.get(posted["Location"])
    client.get(reverse("forum:search"), {"q": "quiet"})
    client.get("/no-such-page/")
    client.post(reverse("peers:logout"))
    new = "a fresh passphrase at last"
    recovered = client.post(
        reverse("peers:recover"),
        {"pseudonym": "PrivacyProbe1", "code": codes[0], "passphrase": new, "passphrase_again": new},
    )
    assert recovered.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("address", [PROBE_IP, PROBE_IP6])
def test_full_session_leaves_no_address_or_agent_in_database_logs_or_cache_keys(caplog, address):
    caplog.set_level(logging.DEBUG)
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=PROBE_AGENT, HTTP_X_FORWARDED_FOR=address)
    full_session(client)
    stored = list(every_stored_value())
    assert any("PrivacyProbe1" in value for value in stored)  # the search can find things
    assert any("A quiet hello." in value for value in stored)
    assert not [value for value in stored if address in value or AGENT_MARK in value]
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "Not Found" in logged  # the 404 was logged, so logs were captured
    assert address not in logged and AGENT_MARK not in logged
    keys = " ".join(cache_keys())
    assert "rl:" in keys  # rate-limit counters were written, hashed
    assert address not in keys


def cache_keys():
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # local memory
        return [str(key) for key in cache._cache]
    client = cache._cache.get_client(None, write=False)  # Django's RedisCache
    return [key.decode() for key in client.keys("*")]


@pytest.mark.parametrize("address", [PROBE_IP, PROBE_IP6, "::ffff:10.1.2.3"])
def test_log_filter_redacts_addresses_and_agents_that_libraries_log(address):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactPersonalData())
    logger = logging.getLogger("tests.privacy")
    logger.addHandler(handler)
    try:
        logger.warning("HTTP request for %s from agent %s", [address, 51234], PROBE_AGENT)
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert address not in output and AGENT_MARK not in output and "[address]" in output


def test_access_log_writes_the_request_but_not_the_client():
    stream = io.StringIO()
    log = PrivateAccessLog(stream)
    log("http", "complete", {"client": PROBE_IP, "method": "GET", "path": "/login/?next=/x", "status": 200, "size": 10})
    log("websocket", "connected", {"client": PROBE_IP, "path": "/ws/rooms/4/"})
    output = stream.getvalue()
    assert '"GET /login/" 200 10' in output and '"WSCONNECTED /ws/rooms/4/"' in output
    assert PROBE_IP not in output and "next=" not in output
