"""The server's log holds no IP address and no user agent (docs/design.md, invariant 4)."""
import re
import time

import pytest
from playwright.sync_api import expect

# Run after the other e2e tests (see conftest), so their traffic is in the log too.
RUN_LAST = True
PROBE_AGENT = "LanternProbeAgent/7.7"
REQUEST_LINE = re.compile(r'"(?:GET|POST) /[^"]*" \d{3} ')


@pytest.fixture
def browser_context_args():
    return {"user_agent": PROBE_AGENT}


def log_once_it_shows(log_path, line, timeout=5):
    """The log text, once `line` is in it: Daphne writes a request line after the response."""
    deadline = time.monotonic() + timeout
    while True:
        text = log_path.read_text()
        if line in text or time.monotonic() > deadline:
            return text
        time.sleep(0.1)


def test_server_log_has_no_address_or_user_agent(page, lantern, live_server_log):
    member = lantern.join(page)
    lantern.log_out(page)
    lantern.log_in(page, member.pseudonym, member.passphrase)
    expect(lantern.signed_in_as(page, member.pseudonym)).to_be_visible()
    lantern.log_out(page)
    lantern.recover(page, member.pseudonym, member.codes[0], "a brand new lantern passphrase")
    expect(lantern.signed_in_as(page, member.pseudonym)).to_be_visible()

    log = log_once_it_shows(live_server_log, '"POST /recover/" 302')
    assert '"POST /recover/" 302' in log, "this test's own requests are not in the log"
    assert REQUEST_LINE.search(log)
    for secret in ("127.0.0.1", PROBE_AGENT, "LanternProbeAgent", "HeadlessChrome"):
        assert secret not in log, f"the server log contains {secret!r}"
