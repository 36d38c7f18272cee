"""The shipped systemd units in deploy/, read the way systemd reads their keys.

The nginx tests start Daphne with the template unit's own ExecStart, so a
change to that command line is tested, not just looked at.
"""
import shlex
import sys
from pathlib import Path

from tests.live_servers import REPO_ROOT

DEPLOY_DIR = REPO_ROOT / "deploy"
DAPHNE_TEMPLATE = DEPLOY_DIR / "lantern@.service"  # page processes
SOCKET_TEMPLATE = DEPLOY_DIR / "lantern-ws@.service"  # socket processes: nginx sends them /ws/
# Where docs/deploy.md installs the code; the tests run it from the checkout instead.
INSTALLED_PYTHON = "/srv/lantern/app/.venv/bin/python"


def read_unit(path):
    """{section: {key: [values in order]}}; a key may repeat, as systemd allows."""
    sections, current = {}, None
    for number, raw in enumerate(Path(path).read_text().splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, equals, value = line.partition("=")
        if current is None or not equals:
            raise ValueError(f"{path.name}:{number}: not a key=value line in a section: {raw!r}")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def single(unit, section, key):
    """The one value of `key`; a unit that sets it zero or several times is wrong for these files."""
    values = unit.get(section, {}).get(key, [])
    if len(values) != 1:
        raise AssertionError(f"expected one {key}= in [{section}], found {values}")
    return values[0]


def exec_argv(unit):
    return shlex.split(single(unit, "Service", "ExecStart"))


def daphne_argv(port, template=DAPHNE_TEMPLATE):
    """The template's ExecStart for instance `port`, run by this checkout's Python."""
    argv = [arg.replace("%i", str(port)) for arg in exec_argv(read_unit(template))]
    if argv[0] != INSTALLED_PYTHON:
        raise AssertionError(f"{template.name} runs {argv[0]}, not the virtualenv docs/deploy.md installs")
    return [sys.executable, *argv[1:]]
