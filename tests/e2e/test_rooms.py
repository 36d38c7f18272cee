"""Live peer rooms in real browsers: scheduling, the ground rules, messages both ways, removal and crisis help."""
import json
import re
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

CRISIS_TEXT = "I have the pills in front of me and I'm going to take them all tonight"


@pytest.fixture
def browser_context_args():
    # A phone: every click below must land on a control a 390 px screen shows.
    return {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def schedule_room_now(lantern, mentor, demo_accounts, title):
    """demo_mentor schedules a Commons room starting now and opens it; returns the room's path."""
    lantern.log_in(mentor, "demo_mentor", demo_accounts["demo_mentor"])
    mentor.goto(lantern.url("/rooms/"))
    mentor.get_by_role("link", name="Schedule a room").click()
    mentor.get_by_label("Space").select_option(label="Commons")
    mentor.get_by_label("Title").fill(title)
    mentor.get_by_label("Starts at (UTC)").fill(datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M"))
    mentor.get_by_role("button", name="Schedule the room").click()
    expect(mentor).to_have_url(re.compile(r"/rooms/\d+/$"))
    expect(mentor.get_by_role("heading", name="Host tools")).to_be_visible()
    expect(mentor.locator("#room-status")).to_have_text("Live now")
    return re.search(r"/rooms/\d+/", mentor.url).group(0)


def enter_room(lantern, page, title):
    """A member finds the room on /rooms/, agrees to the ground rules and waits until they can write."""
    page.goto(lantern.url("/rooms/"))
    page.get_by_role("link", name=title).click()
    expect(page.get_by_text("Be kind, and believe each other.")).to_be_visible()
    page.get_by_role("button", name="I agree to these ground rules").click()
    expect(page.get_by_label("Your message")).to_be_enabled()


def say(page, text):
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")
    expect(page.get_by_label("Your message")).to_have_value("")


def test_member_and_mentor_talk_live_and_the_mentor_removes_the_member(lantern, new_person_page, demo_accounts):
    mentor = new_person_page("mentor")
    title = lantern.unique_pseudonym("Circle ")
    schedule_room_now(lantern, mentor, demo_accounts, title)
    mentor.evaluate("window.__sameDocument = true")

    page = new_person_page("member")
    joined = lantern.join(page)
    enter_room(lantern, page, title)
    page.evaluate("window.__sameDocument = true")
    expect(mentor.locator("#room-presence")).to_contain_text(joined.pseudonym)

    say(page, "Hello everyone, first time here.")
    expect(mentor.locator("#room-messages")).to_contain_text("Hello everyone, first time here.")
    say(mentor, "Welcome. Glad you came.")
    expect(page.locator("#room-messages")).to_contain_text("Welcome. Glad you came.")
    # Each message shows once, on both sides.
    expect(page.locator("#room-messages li", has_text="Hello everyone, first time here.")).to_have_count(1)
    expect(mentor.locator("#room-messages li", has_text="Welcome. Glad you came.")).to_have_count(1)
    welcome = page.locator("#room-messages li", has_text="Welcome. Glad you came.")
    expect(welcome.get_by_role("link", name="Report")).to_have_attribute("href", re.compile(r"^/rooms/messages/\d+/report/$"))
    own = page.locator("#room-messages li", has_text="Hello everyone, first time here.")
    expect(own.get_by_role("link", name="Report")).to_have_count(0)

    person = mentor.locator("#room-presence li", has_text=joined.pseudonym)
    person.get_by_role("button", name=f"Remove {joined.pseudonym}", exact=True).click()
    expect(page.get_by_text("You were removed from this room by the host.")).to_be_visible()
    expect(page.locator("#room-form")).to_be_hidden()
    expect(mentor.locator("#room-presence")).not_to_contain_text(joined.pseudonym)
    assert page.evaluate("window.__sameDocument === true"), "the member's page reloaded instead of updating live"
    assert mentor.evaluate("window.__sameDocument === true"), "the mentor's page reloaded instead of updating live"

    page.reload()
    expect(page.get_by_text("You can't join this room.")).to_be_visible()
    # A fresh page replays the room from the database: each message once, in order.
    mentor.reload()
    messages = mentor.locator("#room-messages li.room-message")
    expect(messages).to_have_count(2)
    expect(messages.nth(0)).to_contain_text("Hello everyone, first time here.")
    expect(messages.nth(1)).to_contain_text("Welcome. Glad you came.")


def test_crisis_message_in_a_room_shows_help_and_alerts_crisis_staff(lantern, new_person_page, demo_accounts):
    staff = new_person_page("crisis-staff")
    lantern.log_in(staff, "demo_crisis", demo_accounts["demo_crisis"])
    staff.goto(lantern.url("/crisis/"))
    if staff.get_by_role("button", name="Go on duty").count():
        staff.get_by_role("button", name="Go on duty").click()
    expect(staff.get_by_role("button", name="Go off duty")).to_be_visible()
    staff.evaluate("window.__sameDocument = true")

    mentor = new_person_page("mentor")
    title = lantern.unique_pseudonym("Evening ")
    schedule_room_now(lantern, mentor, demo_accounts, title)

    page = new_person_page("member")
    lantern.join(page)
    enter_room(lantern, page, title)
    second = new_person_page("second-member")
    writer = lantern.join(second)
    enter_room(lantern, second, title)

    say(second, CRISIS_TEXT)
    help_box = second.get_by_role("alert", name=re.compile("We're glad you told us"))
    expect(help_box).to_be_visible()
    expect(help_box).to_contain_text("988")
    expect(mentor.locator("#host-alerts")).to_contain_text(f"Crisis signal from {writer.pseudonym}")
    expect(page.get_by_role("alert", name=re.compile("We're glad you told us"))).to_have_count(0)

    alert = staff.locator("#escalations").get_by_text(writer.pseudonym)
    expect(alert).to_be_visible(timeout=10_000)
    assert staff.evaluate("window.__sameDocument === true"), "the dashboard reloaded instead of updating live"


def test_unanswered_send_shows_not_sent_and_its_retry_is_stored_once(lantern, new_person_page, demo_accounts):
    mentor = new_person_page("mentor")
    title = lantern.unique_pseudonym("Retry ")
    schedule_room_now(lantern, mentor, demo_accounts, title)

    page = new_person_page("member")
    lantern.join(page)
    lost = []

    def lose_the_first_answer(ws):
        """The server stores the first send, but its answers (the echo and the ack) never arrive."""
        server = ws.connect_to_server()

        def to_page(message):
            kind = json.loads(message).get("type")
            if kind in ("message", "ack") and len(lost) < 2 and kind not in lost:
                lost.append(kind)
                return
            ws.send(message)

        server.on_message(to_page)

    page.route_web_socket(re.compile(r"/ws/rooms/\d+/$"), lose_the_first_answer)
    enter_room(lantern, page, title)
    say(page, "Is anyone there tonight?")
    expect(mentor.locator("#room-messages li", has_text="Is anyone there tonight?")).to_have_count(1)
    not_sent = page.locator("#room-messages li.not-sent", has_text="Is anyone there tonight?")
    expect(not_sent).to_contain_text("Not sent yet.", timeout=10_000)
    not_sent.get_by_role("button", name="Send this message again").click()
    expect(not_sent).to_have_count(0)
    shown = page.locator("#room-messages li.room-message", has_text="Is anyone there tonight?")
    expect(shown).to_have_count(1)
    expect(shown).not_to_have_class(re.compile("not-sent"))
    mentor.wait_for_timeout(500)
    expect(mentor.locator("#room-messages li", has_text="Is anyone there tonight?")).to_have_count(1)
    assert sorted(lost) == ["ack", "message"]


SEND_MANY = """async ([path, count]) => {
  const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + path);
  await new Promise((resolve) => ws.addEventListener("open", resolve));
  let acks = 0;
  const done = new Promise((resolve) => ws.addEventListener("message", (event) => {
    if (JSON.parse(event.data).type === "ack" && ++acks === count) { resolve(); }
  }));
  for (let n = 0; n < count; n += 1) { ws.send(JSON.stringify({ type: "send", body: "Line " + n, client_id: "line-" + n })); }
  await done;
  ws.close();
}"""


def test_room_opens_on_the_newest_messages_and_loads_earlier_ones(lantern, new_person_page, demo_accounts):
    mentor = new_person_page("mentor")
    title = lantern.unique_pseudonym("Busy ")
    room_path = schedule_room_now(lantern, mentor, demo_accounts, title)
    mentor.evaluate(SEND_MANY, [f"/ws{room_path}", 105])  # a page is 100 messages

    page = new_person_page("member")
    lantern.join(page)
    enter_room(lantern, page, title)
    messages = page.locator("#room-messages li.room-message")
    expect(messages).to_have_count(100)
    expect(messages.first).to_contain_text("Line 5")
    expect(messages.last).to_contain_text("Line 104")
    page.get_by_role("button", name="Show earlier messages").click()
    expect(messages).to_have_count(105)
    expect(messages.first).to_contain_text("Line 0")
    expect(messages.nth(5)).to_contain_text("Line 5")
    expect(page.get_by_role("button", name="Show earlier messages")).to_have_count(0)
