"""docs/deploy.md's reference set-up, run: nginx with deploy/nginx.conf in front of two Daphne
processes started by deploy/lantern@.service's command, on PostgreSQL and Redis.

Lantern runs with the environment docs/deploy.md gives the administrator
(read from the guide itself), with only the secret, the data stores and
paths filled in for the test. Without nginx, openssl, PostgreSQL or Redis
the tests skip, or fail under LANTERN_REQUIRE_SERVICES=1.
"""
import http.client
import re
import secrets
import shutil
import subprocess
import time

import pytest

from tests.conftest import service_missing
from tests.deploy import nginx_site
from tests.deploy.front import LOGIN_RATE_PER_ADDRESS, Front
from tests.deploy.units import DAPHNE_TEMPLATE, SOCKET_TEMPLATE, daphne_argv
from tests.live_servers import (
    REPO_ROOT,
    LiveServer,
    add_server_logs,
    free_port,
    manage_json,
    postgres_database_or_skip,
    redis_url_or_skip,
    run_manage,
    server_environment,
    stop,
    tail,
    wait_until_healthy,
)

DATABASE_NAME = "lantern_deploy"
START_TIMEOUT_SECONDS = 30
# Variables docs/deploy.md leaves for the administrator to fill in; the test fills them.
FILLED_BY_TEST = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL")

SESSION_SCRIPT = """
import json
from peers.models import Member
from tests.live_servers import session_for

member = Member.objects.create_user("DeployLantern4", "quiet rivers carry lanterns home")
print(json.dumps({"id": member.pk, "session": session_for(member)}))
"""


def documented_environment():
    """The variables of /etc/lantern/env as docs/deploy.md shows them (its first code block after "Configure")."""
    guide = (REPO_ROOT / "docs" / "deploy.md").read_text()
    found = re.search(r"## 2\. Configure.*?```\n(.*?)```", guide, re.S)
    if not found:
        pytest.fail("docs/deploy.md has no /etc/lantern/env block under '## 2. Configure'")
    variables = dict(line.split("=", 1) for line in found.group(1).splitlines() if "=" in line)
    placeholders = [name for name, value in variables.items() if "<" in value and name not in FILLED_BY_TEST]
    if placeholders:
        pytest.fail(f"docs/deploy.md leaves {placeholders} for the administrator; teach the test to fill them")
    return variables


@pytest.fixture(autouse=True)
def _fast_hashing_and_clean_cache():
    """Replaces tests/conftest.py's: these tests never use the test process's cache or hashers.

    With REDIS_URL set, clearing that cache is a FLUSHDB of the Redis the
    servers share, which would wipe their counters and other people's keys.
    """
    yield


@pytest.fixture(scope="session")
def deploy_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("lantern-deploy")


@pytest.fixture(scope="session")
def nginx_binary():
    binary = nginx_site.find_nginx()
    if binary is None:
        service_missing("nginx is not installed (apt-get install nginx)")
    return binary


@pytest.fixture(scope="session")
def deploy_env(deploy_dir):
    """The documented production environment on a database of its own, migrated, static files collected."""
    redis_url = redis_url_or_skip()
    env = server_environment(
        "deploy", postgres_database_or_skip(DATABASE_NAME), redis_url, deploy_dir / "var",
        **{**documented_environment(), "SECRET_KEY": secrets.token_urlsafe(64),
           "LANTERN_LOGIN_IP_FAILURES": str(LOGIN_RATE_PER_ADDRESS), "LANTERN_LOGIN_IP_WINDOW": "86400",
           "STATIC_ROOT": str(deploy_dir / "staticfiles")},
    )
    run_manage(env, "migrate", "--noinput")
    run_manage(env, "collectstatic", "--noinput")
    return env


@pytest.fixture(scope="session")
def tls_certificate(deploy_dir):
    """A throwaway self-signed certificate for lantern.example.org (and 127.0.0.1): (certificate, key)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        service_missing("openssl is not installed; the test nginx needs a certificate")
    certificate, key = deploy_dir / "lantern.crt", deploy_dir / "lantern.key"
    done = subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
         "-subj", f"/CN={nginx_site.HOST}", "-addext", f"subjectAltName=DNS:{nginx_site.HOST},IP:127.0.0.1",
         "-keyout", str(key), "-out", str(certificate)],
        capture_output=True, text=True,
    )
    if done.returncode:
        pytest.fail(f"openssl could not make a test certificate:\n{tail(done.stderr)}")
    return certificate, key


def start_unit_daphne(name, env, log_path, template=DAPHNE_TEMPLATE):
    """Daphne on a free port, started by the command in the unit `template` (the port is its %i)."""
    port = free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(daphne_argv(port, template), cwd=REPO_ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
    return LiveServer(name, port, process, log_path)


def _health_as_nginx_asks(server):
    # Production Lantern answers only its own host name, and redirects requests not marked as HTTPS.
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
    try:
        connection.request("GET", "/health/", headers={"Host": nginx_site.HOST, "X-Forwarded-Proto": "https"})
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


@pytest.fixture(scope="session")
def daphnes(deploy_env, deploy_dir):
    """Page processes A and B (lantern@) then socket processes WS-A and WS-B (lantern-ws@), healthy,
    in the order of nginx's upstreams; stopped at the end of the session."""
    servers = []
    try:
        for name, template in (("A", DAPHNE_TEMPLATE), ("B", DAPHNE_TEMPLATE), ("WS-A", SOCKET_TEMPLATE),
                               ("WS-B", SOCKET_TEMPLATE)):
            servers.append(start_unit_daphne(name, deploy_env, deploy_dir / f"daphne-{name}.log", template))
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        for server in servers:
            wait_until_healthy(server, deadline, status=_health_as_nginx_asks)
        yield {server.name: server for server in servers}
    finally:
        for server in servers:
            stop(server)


@pytest.fixture(scope="session")
def nginx(nginx_binary, tls_certificate, daphnes, deploy_env, deploy_dir):
    """The rendered deploy/nginx.conf, served by nginx in front of the Daphnes: the Front a browser meets."""
    work_dir = deploy_dir / "nginx"
    work_dir.mkdir()
    https_port, http_port = free_port(), free_port()
    paths = nginx_site.SitePaths(*tls_certificate, log_dir=work_dir, static_root=deploy_env["STATIC_ROOT"])
    site_path, main_path = work_dir / "lantern-site.conf", work_dir / "nginx.conf"
    site_path.write_text(nginx_site.render_site([server.port for server in daphnes.values()], https_port, http_port,
                                                paths))
    main_path.write_text(nginx_site.main_config(nginx_binary, site_path, work_dir))
    server = nginx_site.start_nginx(nginx_binary, main_path, work_dir, [https_port, http_port],
                                    time.monotonic() + START_TIMEOUT_SECONDS)
    try:
        yield Front(https_port, http_port, tls_certificate[0], work_dir)
    finally:
        nginx_site.stop_nginx(server)


@pytest.fixture(scope="session")
def signed_in(deploy_env, daphnes):
    """A member made in the servers' database, and the key of a session signed in as them."""
    return manage_json(deploy_env, SESSION_SCRIPT)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test shows what each Daphne and nginx logged."""
    report = yield
    funcargs = getattr(item, "funcargs", {})
    add_server_logs(report, funcargs.get("daphnes", {}).values())
    if report.failed and funcargs.get("nginx"):
        front = funcargs["nginx"]
        errors = [path.read_text() for path in sorted(front.log_dir.glob("*error*.log"))]
        report.sections.append(("nginx error logs, last lines", tail("\n".join(errors))))
    return report
