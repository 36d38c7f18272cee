"""Quick exit: one action leaves Lantern, Back does not return, and the session ends."""
import re
import time

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


def test_shift_presses_more_than_five_seconds_apart_do_not_leave(page, lantern, live_server_url, quick_exit_url):
    page.clock.install()  # quick-exit.js times presses with Date.now(); a fake clock saves the wait
    page.goto(lantern.url("/"))
    press_shift(page, 2)
    page.clock.fast_forward(5_200)
    press_shift(page, 1)
    # Leaving blanks the page synchronously, so the button would already be gone.
    expect(quick_exit_button(page)).to_be_visible()
    assert page.url.startswith(live_server_url)

    press_shift(page, 2)  # with the late press, three within five seconds: proves presses count at all
    assert_left_for_good(page, live_server_url, quick_exit_url)


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
