"""What a phone (390 px wide) shows: every control on screen, nothing pushed off it."""
import secrets

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS_DIR
from tests.live_servers import manage_json

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args():
    return {"viewport": PHONE, "is_mobile": True, "has_touch": True}


def on_screen(locator):
    box = locator.bounding_box()
    assert box is not None, "not shown"
    return 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]


def make_admin(live_server_env, pseudonym):
    script = (
        "import json; from peers.models import Member, Role; from peers.actions import do_set_role; "
        f"do_set_role(Member.objects.find({pseudonym!r}), Role.ADMIN); print(json.dumps({{'ok': True}}))"
    )
    manage_json(live_server_env, script)


@pytest.mark.parametrize("pseudonym", ["M" * 24, "W" * 12 + "_" + "m" * 11, "Ab3"])
def test_log_out_stays_on_a_phone_screen_with_a_long_pseudonym_and_every_staff_link(
    page, lantern, live_server_env, pseudonym
):
    pseudonym = pseudonym[:-3] + secrets.token_hex(2)[:3] if len(pseudonym) > 3 else pseudonym + secrets.token_hex(2)
    lantern.join(page, pseudonym)
    make_admin(live_server_env, pseudonym)  # the widest menu: Queue and Crisis too
    for path in ("/", "/boards/", "/moderation/", "/crisis/"):
        page.goto(lantern.url(path))
        nav = page.get_by_role("navigation", name="Main")
        for name in ("Boards", "Rooms", "Queue", "Crisis"):
            assert on_screen(nav.get_by_role("link", name=name, exact=True)), f"{name} is off screen on {path}"
        assert on_screen(lantern.signed_in_as(page, pseudonym)), f"the account link is off screen on {path}"
        log_out = nav.get_by_role("button", name="Log out")
        expect(log_out).to_be_visible()
        assert on_screen(log_out), f"Log out is off screen on {path}"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{path} scrolls sideways"
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.goto(lantern.url("/"))
    page.screenshot(path=str(ARTIFACTS_DIR / f"phone-header-{len(pseudonym)}.png"))
