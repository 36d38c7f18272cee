"""The systemd units in deploy/: valid for systemd, and they run what docs/deploy.md says they run."""
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import service_missing
from tests.deploy.nginx_site import shipped_upstreams
from tests.deploy.units import DAPHNE_TEMPLATE, DEPLOY_DIR, INSTALLED_PYTHON, SOCKET_TEMPLATE, exec_argv, read_unit, single
from tests.live_servers import REPO_ROOT

TIMERS = sorted(DEPLOY_DIR.glob("*.timer"))
SERVICES = sorted(DEPLOY_DIR.glob("*.service"))
GUIDE = (REPO_ROOT / "docs" / "deploy.md").read_text()


def find_systemd_analyze():
    return shutil.which("systemd-analyze") or shutil.which("systemd-analyze", path="/usr/bin:/bin")


def test_units_pass_systemd_analyze_verify(tmp_path):
    """systemd's own check; it needs no running systemd, only the ExecStart binary to exist.

    The copies run this checkout's Python instead of /srv/lantern's, which a
    test machine does not have; `verify` prints every unknown key, bad value
    or missing unit it finds, so any output is a failure.
    """
    verify = find_systemd_analyze()
    if verify is None:
        service_missing("systemd-analyze is not installed (Debian package systemd)")
    for unit in [*SERVICES, *TIMERS]:
        (tmp_path / unit.name).write_text(unit.read_text().replace(INSTALLED_PYTHON, sys.executable))
    names = [path.name for path in [*SERVICES, *TIMERS] if "@." not in path.name]
    upstreams = shipped_upstreams()
    names += [f"lantern@{port}.service" for port in upstreams["lantern_pages"]]
    names += [f"lantern-ws@{port}.service" for port in upstreams["lantern_sockets"]]
    done = subprocess.run([verify, "verify", "--man=no", *names], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, (done.stdout + done.stderr).strip()) == (0, "")


@pytest.mark.parametrize("template", [DAPHNE_TEMPLATE, SOCKET_TEMPLATE], ids=["pages", "sockets"])
def test_daphne_unit_runs_config_serve_on_loopback_and_restarts(template):
    unit = read_unit(template)
    argv = exec_argv(unit)
    # config.serve's access log never records an address; plain `daphne` logs one with every request.
    assert argv[1:3] == ["-m", "config.serve"]
    assert argv[argv.index("-b") + 1] == "127.0.0.1" and argv[argv.index("-p") + 1] == "%i"
    assert argv[-1] == "config.asgi:application"
    # Daphne needs no client address: nginx's X-Real-IP serves the rate limits (docs/deploy.md).
    assert "--proxy-headers" not in argv
    assert single(unit, "Service", "Restart") == "always"


def test_socket_processes_run_the_same_server_as_page_processes_with_more_cpu():
    pages, sockets = read_unit(DAPHNE_TEMPLATE), read_unit(SOCKET_TEMPLATE)
    assert exec_argv(pages) == exec_argv(sockets)
    assert int(single(sockets, "Service", "CPUWeight")) > 100  # systemd's default weight, the page processes


def test_every_service_runs_as_lantern_with_the_documented_environment_file():
    for path in SERVICES:
        unit = read_unit(path)
        assert single(unit, "Service", "User") == "lantern", path.name
        assert single(unit, "Service", "WorkingDirectory") == "/srv/lantern/app", path.name
        assert single(unit, "Service", "EnvironmentFile") == "/etc/lantern/env", path.name
        assert exec_argv(unit)[0] == INSTALLED_PYTHON, path.name
    assert "`/etc/lantern/env`" in GUIDE


def _command_run_by(timer_path):
    """The management command the timer's service runs (Unit= if set, else the service of the same name)."""
    timer = read_unit(timer_path)
    service_name = timer["Timer"].get("Unit", [timer_path.with_suffix(".service").name])[0]
    service_path = DEPLOY_DIR / service_name
    assert service_path.exists(), f"{timer_path.name} starts {service_name}, which deploy/ does not ship"
    argv = exec_argv(read_unit(service_path))
    assert argv[1] == "manage.py" and len(argv) == 3, f"{service_name} runs {argv}"
    return argv[2]


def test_timers_run_the_jobs_the_guide_names_and_the_commands_exist():
    commands = {timer.name: _command_run_by(timer) for timer in TIMERS}
    assert commands == {"lantern-jobs.timer": "check_escalations", "lantern-purge.timer": "purge_expired"}
    for command in commands.values():
        assert list(REPO_ROOT.glob(f"*/management/commands/{command}.py")), f"no management command {command}"
        assert f"`{command}`" in GUIDE
    for timer in TIMERS:
        assert single(read_unit(timer), "Install", "WantedBy") == "timers.target", timer.name


def test_nginx_upstreams_are_the_instances_the_guide_enables():
    enabled = re.search(r"systemctl enable --now\s+lantern@(\d+)\s+lantern@(\d+)\s+lantern-ws@(\d+)\s+lantern-ws@(\d+)",
                        GUIDE)
    assert enabled, "docs/deploy.md no longer says which lantern@ and lantern-ws@ instances to enable"
    ports = [int(port) for port in enabled.groups()]
    assert shipped_upstreams() == {"lantern_pages": ports[:2], "lantern_sockets": ports[2:]}
