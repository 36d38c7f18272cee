"""docs/deploy.md's front door: nginx with deploy/nginx.conf before two page and two socket Daphne processes.

Every request is a real one, over TLS and HTTP/1.1 to the test nginx, from a
client address that is not nginx's own, so what reaches Daphne and the logs
is what would in production.
"""
import asyncio
import json
import re
import time
import urllib.parse
from pathlib import Path

import pytest
from websockets.exceptions import InvalidStatus

from config.middleware import CONTENT_SECURITY_POLICY
from realtime.consumers import NOT_ACCEPTED
from tests.deploy.front import (
    AGENT_MARK,
    LOGIN_RATE_PER_ADDRESS,
    MEMBER_ADDRESS,
    ORIGIN,
    OTHER_MEMBER_ADDRESS,
    TIMEOUT_SECONDS,
)
from tests.deploy.nginx_site import HOST, SHIPPED_SITE
from tests.live_servers import run_manage, run_on_own_loop

LOG_WAIT_SECONDS = 5


def eventually(read, holds):
    """`read()` once `holds` it, or as it is after a few seconds: a log line may come after the response."""
    deadline = time.monotonic() + LOG_WAIT_SECONDS
    while True:
        value = read()
        if holds(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def daphne_logs(servers):
    return {server.name: server.log_path.read_text() for server in servers.values()}


def test_documented_environment_passes_check_deploy(deploy_env):
    output = run_manage(deploy_env, "check", "--deploy", "--fail-level", "WARNING")
    assert "no issues" in output


def test_health_answers_ok_through_nginx(nginx):
    answer = nginx.get("/health/")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "application/json"
    assert json.loads(answer.body) == {"database": "ok", "redis": "ok", "status": "ok"}


def test_plain_http_is_redirected_to_https_and_not_logged(nginx):
    answer = nginx.get("/redirect-probe/?from=plain", secure=False)
    assert answer.status == 301
    assert answer.headers["Location"] == f"https://{HOST}/redirect-probe/?from=plain"
    # A request after it, once logged, means the redirect would have been logged by now too.
    assert nginx.get("/after-redirect-probe/").status == 404
    eventually(nginx.access_log, lambda log: "/after-redirect-probe/" in log)
    assert '"GET /redirect-probe/"' not in nginx.access_log()
    assert not (nginx.log_dir / "fallback-access.log").read_text()


def test_page_through_nginx_has_lantern_security_headers(nginx):
    answer = nginx.get("/")
    assert answer.status == 200
    headers = answer.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    # Django sends HSTS only on requests it takes for HTTPS: nginx's X-Forwarded-Proto reached it.
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "no-store" in headers["Cache-Control"]


def test_static_files_are_served_by_nginx_not_daphne(nginx, daphnes, deploy_env):
    page = nginx.get("/").text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page)
    assert stylesheet, "the home page links no stylesheet"
    answer = nginx.get(stylesheet.group(1))
    assert answer.status == 200
    collected = Path(deploy_env["STATIC_ROOT"], stylesheet.group(1).removeprefix("/static/"))
    assert answer.body == collected.read_bytes()
    assert answer.headers["Content-Type"] == "text/css"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in ", ".join(answer.headers.get_all("Cache-Control"))
    served = f'"GET {stylesheet.group(1)}" 200'
    assert served in eventually(nginx.access_log, lambda log: served in log)
    # Daphne logs a request before its response leaves: the page is there by now, the stylesheet never.
    logs = eventually(lambda: daphne_logs(daphnes), lambda logs: '"GET /" 200' in "".join(logs.values()))
    assert not [name for name, log in logs.items() if stylesheet.group(1) in log]


def pages(daphnes):
    return {name: server for name, server in daphnes.items() if not name.startswith("WS-")}


def sockets(daphnes):
    return {name: server for name, server in daphnes.items() if name.startswith("WS-")}


def test_page_requests_are_spread_over_both_page_daphnes_only(nginx, daphnes):
    for _ in range(4):
        assert nginx.get("/guidelines/").status == 200
    line = '"GET /guidelines/" 200'
    logs = eventually(lambda: daphne_logs(pages(daphnes)), lambda logs: all(line in log for log in logs.values()))
    counts = {name: log.count(line) for name, log in logs.items()}
    assert sum(counts.values()) == 4 and all(counts.values()), counts
    assert not [name for name, log in daphne_logs(sockets(daphnes)).items() if line in log]


def test_sockets_go_to_the_socket_daphnes_only(nginx, daphnes, signed_in):
    """A burst of pages cannot delay room messages: they run in other processes (docs/deploy.md)."""
    for _ in range(4):
        run_on_own_loop(_say_hello_on_member_socket, nginx, signed_in["session"])
    line = '"WSCONNECTED /ws/me/"'
    logs = eventually(lambda: daphne_logs(sockets(daphnes)), lambda logs: all(line in log for log in logs.values()))
    assert sum(log.count(line) for log in logs.values()) >= 4 and all(line in log for log in logs.values()), logs
    assert not [name for name, log in daphne_logs(pages(daphnes)).items() if "/ws/" in log]


async def _say_hello_on_member_socket(front, session_key):
    async with front.connect_socket("/ws/me/", session_key=session_key) as socket:
        await socket.send("hello")
        return json.loads(await asyncio.wait_for(socket.recv(), TIMEOUT_SECONDS))


def test_signed_in_socket_upgrades_through_nginx(nginx, signed_in):
    frame = run_on_own_loop(_say_hello_on_member_socket, nginx, signed_in["session"])
    assert frame == {"type": "error", "error": NOT_ACCEPTED}


def test_socket_without_session_is_refused_through_nginx(nginx):
    with pytest.raises(InvalidStatus) as refused:
        run_on_own_loop(_say_hello_on_member_socket, nginx, None)
    assert refused.value.response.status_code == 403


def _failed_login(front, client, attempt):
    """A wrong login posted like a browser: CSRF cookie and token from the form, and an X-Real-IP of its own."""
    form = front.get("/login/", client=client)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    cookie = next(value for value in form.headers.get_all("Set-Cookie") if value.startswith("csrftoken="))
    assert "; Secure" in cookie
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "pseudonym": f"NoSuchMember{attempt}", "passphrase": "not the right words"}
    )
    spoofed = f"198.51.100.{attempt}"  # a client's own claim of an address must not count
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN,
               "Cookie": cookie.split(";", 1)[0], "X-Real-IP": spoofed, "X-Forwarded-For": spoofed}
    return front.request("POST", "/login/", client=client, headers=headers, body=body).status


def test_login_rate_limit_counts_each_client_address_through_nginx(nginx):
    allowed = [_failed_login(nginx, MEMBER_ADDRESS, attempt) for attempt in range(1, LOGIN_RATE_PER_ADDRESS + 1)]
    assert allowed == [200] * LOGIN_RATE_PER_ADDRESS  # the form again, with its error: CSRF passed too
    assert _failed_login(nginx, MEMBER_ADDRESS, 50) == 429
    assert _failed_login(nginx, OTHER_MEMBER_ADDRESS, 51) == 200


def test_logs_hold_no_client_address_or_user_agent(nginx, daphnes, signed_in):
    """docs/design.md, invariant 4, for nginx's and Daphne's logs; runs last, so it sees every
    test's requests too."""
    assert nginx.get("/no-such-page/").status == 404
    assert nginx.get("/health/").status == 200
    run_on_own_loop(_say_hello_on_member_socket, nginx, signed_in["session"])
    missing = '"GET /no-such-page/" 404'
    from_daphne = eventually(lambda: daphne_logs(daphnes), lambda logs: missing in "".join(logs.values()))
    assert missing in "".join(from_daphne.values())
    assert missing in eventually(nginx.access_log, lambda log: missing in log)
    from_nginx = {path.name: path.read_text() for path in nginx.log_dir.glob("*.log")}

    assert not from_nginx["fallback-access.log"]
    # Not even 127.0.0.1, nginx's side of the proxy: plain `daphne` would log it with every request.
    for name, text in {**from_daphne, "lantern.log": from_nginx["lantern.log"]}.items():
        assert "127.0.0." not in text, f"{name} records an address"
    for name, text in {**from_daphne, **from_nginx}.items():
        for secret in (MEMBER_ADDRESS, OTHER_MEMBER_ADDRESS, AGENT_MARK, "Mozilla"):
            assert secret not in text, f"{name} records {secret}"


def test_only_x_real_ip_carries_the_client_address_to_daphne():
    """Lantern gets the address once, for rate limits; REMOTE_ADDR and Daphne's scope never see it.

    No request shows the difference (no log names the address either way),
    so this reads the shipped file.
    """
    site = SHIPPED_SITE.read_text()
    headers = re.findall(r"(?m)^\s*proxy_set_header\s+(\S+)\s+(.+);", site)
    proxied = len(re.findall(r"(?m)^\s*proxy_pass\s", site))  # pages and sockets
    assert proxied == 2
    assert [name for name, value in headers if "remote_addr" in value] == ["X-Real-IP"] * proxied
    # A client's own X-Forwarded-For is dropped, not passed on, in every location.
    assert headers.count(("X-Forwarded-For", '""')) == proxied
