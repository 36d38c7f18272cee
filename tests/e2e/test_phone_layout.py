"""What a phone (390 px wide) shows: every control on screen, nothing pushed off it."""
import re
import secrets
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS_DIR
from tests.live_servers import manage_json

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args():
    # A member in Chicago: room times are stored and written in UTC, and shown in their time too.
    return {"viewport": PHONE, "is_mobile": True, "has_touch": True, "timezone_id": "America/Chicago", "locale": "en-US"}


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


def test_room_times_show_in_the_members_own_time_and_the_rules_say_who_sees_them(lantern, new_person_page, demo_accounts):
    mentor = new_person_page("mentor")
    lantern.log_in(mentor, "demo_mentor", demo_accounts["demo_mentor"])
    mentor.goto(lantern.url("/rooms/new/"))
    mentor.get_by_label("Space").select_option(label="Commons")
    title = lantern.unique_pseudonym("Morning ")
    mentor.get_by_label("Title").fill(title)
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=15, minute=0)
    mentor.get_by_label("Starts at (UTC)").fill(tomorrow.strftime("%Y-%m-%dT%H:%M"))
    mentor.get_by_role("button", name="Schedule the room").click()
    expect(mentor).to_have_url(re.compile(r"/rooms/\d+/$"))

    page = new_person_page("member")
    joined = lantern.join(page)
    page.goto(lantern.url("/rooms/"))
    listed = page.locator("li", has_text=title)
    expect(listed).to_contain_text("15:00")  # UTC, as stored
    in_chicago = tomorrow.astimezone(ZoneInfo("America/Chicago")).strftime("%I:%M %p")  # 09:00 AM in winter
    expect(listed).to_contain_text(re.compile(re.escape(in_chicago) + r".*your time"))
    page.get_by_role("link", name=title).click()
    notice = page.locator("#room-presence-notice")
    expect(notice).to_contain_text(joined.pseudonym)
    assert notice.bounding_box()["y"] < page.get_by_role("button", name="I agree to these ground rules").bounding_box()["y"]
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / "phone-room-rules.png"), full_page=True)
