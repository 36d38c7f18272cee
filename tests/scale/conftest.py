"""Two Daphne processes on one PostgreSQL database and one Redis: the production topology.

The processes share nothing but the database and Redis (the channel layer
and the cache, under one prefix), as behind a load balancer. Their data is
made by a `manage.py shell` in the same environment, never by the test
process's Django, which points at the pytest database. Without PostgreSQL
or Redis the tests skip, or fail under LANTERN_REQUIRE_SERVICES=1.
"""
import dataclasses

import pytest

from tests.live_servers import (
    add_server_logs,
    manage_json,
    postgres_database_or_skip,
    redis_url_or_skip,
    run_manage,
    running_daphnes,
    server_environment,
)

DATABASE_NAME = "lantern_scale"

# Runs in `manage.py shell -c` on the servers' database; prints one JSON line.
SETUP_SCRIPT = """
import json
from datetime import timedelta

from django.utils import timezone

from forum.models import Space
from peers.models import Member, Role, TrustLevel
from rooms.schedule import check_agree_to_rules, check_schedule_room
from tests.live_servers import session_for

CAST = {
    "mentor": ("ScaleBeacon3", Role.MENTOR, TrustLevel.TRUSTED),
    "member1": ("ScaleHarbor1", Role.MEMBER, TrustLevel.MEMBER),
    "member2": ("ScaleMeadow2", Role.MEMBER, TrustLevel.MEMBER),
    "crisis": ("ScaleAnchor5", Role.CRISIS_STAFF, TrustLevel.TRUSTED),
}


people = {
    name: Member.objects.create_user(pseudonym, "quiet rivers carry lanterns home", role=role, trust_level=trust)
    for name, (pseudonym, role, trust) in CAST.items()
}
now = timezone.now()
room = check_schedule_room(people["mentor"], space=Space.objects.get(slug="commons"), title="Evening check-in",
                           starts_at=now, ends_at=now + timedelta(hours=2))
for name in ("member1", "member2"):
    check_agree_to_rules(people[name], room)
print(json.dumps({
    "room": room.pk,
    "ids": {name: person.pk for name, person in people.items()},
    "sessions": {name: session_for(person) for name, person in people.items()},
}))
"""


@dataclasses.dataclass
class Cast:
    room: int
    ids: dict
    sessions: dict


@pytest.fixture(scope="session")
def scale_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("lantern-scale")


@pytest.fixture(scope="session")
def scale_env(scale_dir):
    """The environment both processes share: one database, one Redis, one prefix."""
    redis_url = redis_url_or_skip()
    env = server_environment("scale", postgres_database_or_skip(DATABASE_NAME), redis_url, scale_dir / "var")
    run_manage(env, "migrate", "--noinput")
    return env


@pytest.fixture(scope="session")
def scale_servers(scale_env, scale_dir):
    """Daphne A and Daphne B, both healthy; stopped at the end of the session."""
    with running_daphnes(scale_env, scale_dir) as servers:
        yield servers


@pytest.fixture(scope="session")
def scale_cast(scale_env, scale_servers):
    """A mentor's room in the Commons, two members who agreed to its rules, crisis staff; all signed in."""
    return Cast(**manage_json(scale_env, SETUP_SCRIPT))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test shows what each server logged."""
    report = yield
    add_server_logs(report, getattr(item, "funcargs", {}).get("scale_servers", {}).values())
    return report
