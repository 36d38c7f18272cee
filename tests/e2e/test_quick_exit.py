"""Quick exit: one action leaves Lantern, Back does not return, and the session ends.

Shift counts only when pressed and released on its own (as GOV.UK's "Exit
this page"): a member typing capital letters in a reply, a new thread or a
room must never be thrown out of Lantern with their draft.
"""
import re
import time
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
ANONYMOUS_PAGES = ["/", "/join/", "/login/", "/help/"]
SIGNED_IN_PAGES = ["/account/", "/"]


def quick_exit_button(page):
    return page.get_by_role("link", name="Quick exit")


def press_shift(page, times):
    for _ in range(times):
        page.keyboard.press("Shift")


def assert_left_for_good(page, live_server_url, quick_exit_url):
    page.wait_for_url(quick_exit_url)
    expect(page.get_by_role("heading", name="Weather forecast")).to_be_visible()
    page.go_back()
    assert not page.url.startswith(live_server_url), f"Back returned to Lantern: {page.url}"


def test_quick_exit_button_leaves_and_back_does_not_return(page, lantern, live_server_url, quick_exit_url):
    page.goto(lantern.url("/"))
    quick_exit_button(page).click()
    assert_left_for_good(page, live_server_url, quick_exit_url)


def test_shift_three_times_leaves_and_back_does_not_return(page, lantern, live_server_url, quick_exit_url):
    page.goto(lantern.url("/guidelines/"))
    press_shift(page, 3)
    assert_left_for_good(page, live_server_url, quick_exit_url)


def assert_still_here(page, live_server_url):
    # Leaving blanks the page synchronously, so the button would already be gone.
    expect(quick_exit_button(page)).to_be_visible()
    assert page.url.startswith(live_server_url)


def test_shift_presses_more_than_two_seconds_apart_do_not_leave(page, lantern, live_server_url, quick_exit_url):
    page.clock.install()  # quick-exit.js times presses with Date.now(); a fake clock saves the wait
    page.goto(lantern.url("/"))
    press_shift(page, 2)
    page.clock.fast_forward(2_100)
    press_shift(page, 1)
    assert_still_here(page, live_server_url)

    press_shift(page, 2)  # with the late press, three within two seconds: proves presses count at all
    assert_left_for_good(page, live_server_url, quick_exit_url)


@pytest.mark.parametrize("between", ["a", "Enter", "ArrowLeft", "Control", "Shift+A"])
def test_another_key_between_shift_presses_starts_the_count_again(page, lantern, live_server_url, between):
    page.goto(lantern.url("/"))
    press_shift(page, 2)
    page.keyboard.press(between)
    press_shift(page, 2)
    assert_still_here(page, live_server_url)


def test_shift_presses_during_ime_composition_do_not_leave(page, lantern, live_server_url):
    """Someone writing Japanese or Chinese uses Shift inside the input method; it must not count."""
    lantern.join(page)
    page.goto(lantern.url("/s/commons/small-wins/new/"))
    page.get_by_label("Your post").focus()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "にほ", "selectionStart": 2, "selectionEnd": 2})
    for _ in range(3):  # as an IME delivers them: key events marked as composing
        page.get_by_label("Your post").dispatch_event("keydown", {"key": "Shift", "isComposing": True, "bubbles": True})
        page.get_by_label("Your post").dispatch_event("keyup", {"key": "Shift", "isComposing": True, "bubbles": True})
    cdp.send("Input.insertText", {"text": "にほん"})
    assert_still_here(page, live_server_url)
    expect(page.get_by_label("Your post")).to_have_value(re.compile("にほん"))


# Ordinary things members write, capitals and punctuation typed with Shift as a person types them.
SENTENCES = [
    "Thank You So Much",
    "I Am Okay. Really, I Am.",
    "Hi! Is Anyone Here? I'm New.",
    "OK, See You On Tuesday",
]


def type_like_a_person(page, text):
    """Each capital or shifted sign is Shift held down with the key, as on a real keyboard."""
    for char in text:
        if char.isupper() or char in '!?"&()_:':
            page.keyboard.down("Shift")
            page.keyboard.press(char)
            page.keyboard.up("Shift")
        else:
            page.keyboard.press(char if char != " " else "Space")


def type_every_sentence(page, box, live_server_url):
    box.click()
    for sentence in SENTENCES:
        type_like_a_person(page, sentence + " ")
        assert_still_here(page, live_server_url)
    expect(box).to_have_value(" ".join(SENTENCES) + " ")


def test_capital_letters_typed_in_every_text_box_never_leave(
    page, lantern, live_server_url, quick_exit_url, new_person_page, demo_accounts
):
    lantern.join(page)
    page.goto(lantern.url("/s/commons/small-wins/new/"))
    for label in ("Title", "Your post"):
        type_every_sentence(page, page.get_by_label(label), live_server_url)

    page.goto(lantern.url("/s/commons/small-wins/"))
    page.get_by_role("link", name="I opened a bank account in my own name").click()
    type_every_sentence(page, page.get_by_label("Your post"), live_server_url)

    mentor = new_person_page("mentor")
    title = lantern.unique_pseudonym("Evening ")
    schedule_room_now(lantern, mentor, demo_accounts, title)
    type_every_sentence(mentor, mentor.get_by_label("Your message"), live_server_url)  # a host in the room
    page.goto(lantern.url("/rooms/"))
    page.get_by_role("link", name=title).click()
    page.get_by_role("button", name="I agree to these ground rules").click()
    expect(page.get_by_label("Your message")).to_be_enabled()
    type_every_sentence(page, page.get_by_label("Your message"), live_server_url)

    press_shift(page, 3)  # the draft is the member's to lose: Shift alone, three times, still leaves
    page.wait_for_url(quick_exit_url)  # (Back may reach earlier Lantern pages: docs/architecture.md says so)
    expect(page.get_by_role("heading", name="Weather forecast")).to_be_visible()


def schedule_room_now(lantern, mentor, demo_accounts, title):
    lantern.log_in(mentor, "demo_mentor", demo_accounts["demo_mentor"])
    mentor.goto(lantern.url("/rooms/new/"))
    mentor.get_by_label("Space").select_option(label="Commons")
    mentor.get_by_label("Title").fill(title)
    mentor.get_by_label("Starts at (UTC)").fill(datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M"))
    mentor.get_by_role("button", name="Schedule the room").click()
    expect(mentor.locator("#room-status")).to_have_text("Live now")
    expect(mentor.get_by_label("Your message")).to_be_enabled()


def open_account_until_signed_out(context, lantern, timeout=5):
    """A new tab's view of /account/, retried while the beacon may still be on its way."""
    tab = context.new_page()
    deadline = time.monotonic() + timeout
    while True:
        tab.goto(lantern.url("/account/"))
        if "/login/" in tab.url or time.monotonic() > deadline:
            return tab
        time.sleep(0.2)


def test_quick_exit_ends_the_session_on_the_server(page, context, lantern, quick_exit_url):
    lantern.join(page)
    quick_exit_button(page).click()
    page.wait_for_url(quick_exit_url)

    other_tab = open_account_until_signed_out(context, lantern)
    expect(other_tab).to_have_url(re.compile(r"/login/\?next=/account/$"))


def assert_button_at_the_top(page, viewport):
    button = quick_exit_button(page)
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["y"] < 80, f"{page.url}: Quick exit is {box['y']:.0f}px down"
    assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"], f"{page.url}: Quick exit is off screen"


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_quick_exit_button_is_at_the_top_of_every_page(page, lantern, viewport):
    page.set_viewport_size(viewport)
    for path in ANONYMOUS_PAGES:
        page.goto(lantern.url(path))
        assert_button_at_the_top(page, viewport)
    lantern.join(page)
    for path in SIGNED_IN_PAGES:
        page.goto(lantern.url(path))
        assert_button_at_the_top(page, viewport)
