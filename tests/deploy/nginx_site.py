"""deploy/nginx.conf, rendered for a test and run by the installed nginx.

The shipped file stays the administrator's reference. The test changes
only what must differ on a test machine (ports, certificate, log and static
paths), each by a substitution that must match exactly as often as
expected, so a reshaped reference file fails here instead of being tested
half-way. Everything else (TLS, HTTP/2, headers to Daphne, the log format,
the websocket upgrade) runs as shipped.
"""
import dataclasses
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.live_servers import REPO_ROOT, tail

SHIPPED_SITE = REPO_ROOT / "deploy" / "nginx.conf"
HOST = "lantern.example.org"
UPSTREAM_SERVER = re.compile(r"(?m)^(\s*server\s+)127\.0\.0\.1:\d+;")


def find_nginx():
    """The nginx binary, also where root's PATH lacks /usr/sbin; None if not installed."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def _conf_dir(binary):
    """Where this nginx keeps mime.types (Debian: /etc/nginx), from its build options."""
    done = subprocess.run([binary, "-V"], capture_output=True, text=True, check=True)
    found = re.search(r"--conf-path=(\S+)", done.stderr)
    return Path(found.group(1)).parent if found else Path("/etc/nginx")


def _substitute(text, pattern, replacement, expected):
    text, count = re.subn(pattern, replacement, text)
    if count != expected:
        pytest.fail(f"deploy/nginx.conf changed shape: {pattern!r} matched {count} times, not {expected}")
    return text


def shipped_upstream_ports(text=None):
    text = SHIPPED_SITE.read_text() if text is None else text
    return [int(port) for port in re.findall(r"(?m)^\s*server\s+127\.0\.0\.1:(\d+);", text)]


def shipped_upstreams(text=None):
    """{upstream name: its ports}, in the file's order."""
    text = SHIPPED_SITE.read_text() if text is None else text
    return {name: [int(port) for port in re.findall(r"server\s+127\.0\.0\.1:(\d+);", body)]
            for name, body in re.findall(r"(?ms)^upstream\s+(\S+)\s*\{(.*?)^\}", text)}


@dataclasses.dataclass
class SitePaths:
    certificate: Path
    key: Path
    log_dir: Path
    static_root: Path


def render_site(backend_ports, https_port, http_port, paths):
    """The shipped site with the test's ports and paths; its upstream servers, in the file's order
    (pages, then sockets), become `backend_ports`."""
    text = SHIPPED_SITE.read_text()
    shipped = shipped_upstream_ports(text)
    if len(shipped) != len(backend_ports):
        pytest.fail(f"deploy/nginx.conf names {len(shipped)} upstream servers, the test runs {len(backend_ports)}")
    ports = iter(backend_ports)
    text = UPSTREAM_SERVER.sub(lambda match: f"{match.group(1)}127.0.0.1:{next(ports)};", text)
    for pattern, replacement, expected in (
        (r"(?m)^(\s*)listen 80;", rf"\g<1>listen 127.0.0.1:{http_port};", 1),
        (r"(?m)^(\s*)listen 443 ", rf"\g<1>listen 127.0.0.1:{https_port} ", 1),
        (r"/etc/letsencrypt/live/[^/\s]+/fullchain\.pem", str(paths.certificate), 1),
        (r"/etc/letsencrypt/live/[^/\s]+/privkey\.pem", str(paths.key), 1),
        (r"/var/log/nginx/", f"{paths.log_dir}/", 3),
        (r"alias /srv/lantern/app/staticfiles/;", f"alias {paths.static_root}/;", 1),
    ):
        text = _substitute(text, pattern, replacement, expected)
    return text


def main_config(binary, site_path, work_dir):
    """A minimal nginx.conf around the site, like Debian's, with every writable path in `work_dir`.

    Debian's own nginx.conf logs, in the combined format (address and user
    agent), every request that a site does not log itself; the fallback log
    here stands in for it, and nothing may ever land in it. The main error
    log is kept at `info` so that any connection the site leaves to it shows.
    """
    # As root, nginx would run its workers as "nobody", who cannot read pytest's private temporary folders.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    temp_paths = "\n".join(
        f"    {kind}_temp_path {work_dir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
{user}
worker_processes 1;
pid {work_dir / "nginx.pid"};
error_log {work_dir / "main-error.log"} info;
events {{
    worker_connections 128;
}}
http {{
    include {_conf_dir(binary) / "mime.types"};
    default_type application/octet-stream;
    access_log {work_dir / "fallback-access.log"} combined;
{temp_paths}
    include {site_path};
}}
"""


@dataclasses.dataclass
class Nginx:
    process: subprocess.Popen
    work_dir: Path
    output_path: Path

    def output_tail(self):
        texts = [path.read_text() for path in (self.output_path, self.work_dir / "main-error.log") if path.exists()]
        return tail("\n".join(texts))


def start_nginx(binary, main_config_path, work_dir, ports, deadline):
    """nginx in the foreground on `ports`; the test fails with nginx's own words if it does not start."""
    output_path = work_dir / "nginx-output.log"
    command = [binary, "-e", str(work_dir / "startup-error.log"), "-p", f"{work_dir}/", "-c", str(main_config_path)]
    with open(output_path, "w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    server = Nginx(process, work_dir, output_path)
    while not all(_accepts(port) for port in ports):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_nginx(server)
            startup = (work_dir / "startup-error.log").read_text() if (work_dir / "startup-error.log").exists() else ""
            pytest.fail(f"nginx did not start on {ports}:\n{startup}\n{server.output_tail()}")
        time.sleep(0.1)
    return server


def _accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def stop_nginx(server):
    if server.process.poll() is None:
        server.process.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
