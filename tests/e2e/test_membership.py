"""Joining, signing in and out, and recovering an account, through the real pages only."""
import re

from playwright.sync_api import expect

NEW_PASSPHRASE = "amber lamps over still water"
SAME_ANSWER = "That pseudonym and passphrase don't match an account. Check both and try again."


def login_error(page):
    return page.locator(".form-errors")


def test_join_shows_ten_recovery_codes_then_the_account_page(page, lantern):
    page.goto(lantern.url("/join/"))
    expect(page.locator("#id_pseudonym")).not_to_have_value("")  # the suggestion
    pseudonym = lantern.unique_pseudonym()
    lantern.submit_join(page, pseudonym)

    codes = page.locator("ol.recovery-codes code")
    expect(codes).to_have_count(10)
    texts = codes.all_inner_texts()
    assert len(set(texts)) == 10 and all(text.strip() for text in texts)

    page.get_by_label("I have kept my recovery codes somewhere safe").check()
    page.get_by_role("button", name="Continue").click()
    # A welcome with first steps, not account settings (issue 10).
    expect(page.get_by_role("heading", name=f"Welcome to Lantern, {pseudonym}")).to_be_visible()
    expect(page.get_by_role("link", name="Say hello, or just read")).to_be_visible()
    expect(lantern.signed_in_as(page, pseudonym)).to_be_visible()
    page.goto(lantern.url("/account/"))
    expect(page.locator("main")).to_contain_text("You have 10 recovery codes left.")


def test_log_out_then_log_in_shows_the_pseudonym(page, lantern):
    member = lantern.join(page)
    lantern.log_out(page)
    expect(lantern.signed_in_as(page, member.pseudonym)).to_have_count(0)

    lantern.log_in(page, member.pseudonym, member.passphrase)
    expect(lantern.signed_in_as(page, member.pseudonym)).to_be_visible()
    expect(page.get_by_role("heading", name=f"Welcome back, {member.pseudonym}")).to_be_visible()


def test_recovery_code_sets_a_new_passphrase_and_is_spent(page, lantern):
    member = lantern.join(page)
    lantern.log_out(page)

    lantern.recover(page, member.pseudonym, member.codes[3], NEW_PASSPHRASE)
    expect(page).to_have_url(re.compile(r"/account/"))
    expect(lantern.signed_in_as(page, member.pseudonym)).to_be_visible()
    expect(page.locator("ul.messages")).to_contain_text("9 recovery codes left")
    expect(page.locator("main")).to_contain_text("You have 9 recovery codes left.")

    lantern.log_out(page)
    lantern.log_in(page, member.pseudonym, NEW_PASSPHRASE)
    expect(lantern.signed_in_as(page, member.pseudonym)).to_be_visible()


def test_after_recovery_the_old_passphrase_gets_the_wrong_pseudonym_answer(page, lantern):
    member = lantern.join(page)
    lantern.log_out(page)
    lantern.recover(page, member.pseudonym, member.codes[0], NEW_PASSPHRASE)
    lantern.log_out(page)

    lantern.log_in(page, lantern.unique_pseudonym("Nobody"), lantern.PASSPHRASE)
    expect(login_error(page)).to_have_text(SAME_ANSWER)
    lantern.log_in(page, member.pseudonym, member.passphrase)
    expect(login_error(page)).to_have_text(SAME_ANSWER)
    expect(lantern.signed_in_as(page, member.pseudonym)).to_have_count(0)


def test_spent_recovery_code_no_longer_works(page, lantern):
    member = lantern.join(page)
    lantern.log_out(page)
    lantern.recover(page, member.pseudonym, member.codes[5], NEW_PASSPHRASE)
    lantern.log_out(page)

    lantern.recover(page, member.pseudonym, member.codes[5], "another quiet evening walk")
    expect(page).to_have_url(re.compile(r"/recover/"))
    expect(page.locator(".form-errors")).to_contain_text("That pseudonym and recovery code don't match")
    expect(lantern.signed_in_as(page, member.pseudonym)).to_have_count(0)
    lantern.log_in(page, member.pseudonym, NEW_PASSPHRASE)  # the failed attempt changed nothing
    expect(lantern.signed_in_as(page, member.pseudonym)).to_be_visible()


def test_join_with_an_email_shaped_pseudonym_is_refused_kindly(page, lantern):
    email_shaped = f"{lantern.unique_pseudonym('quiet.harbor')}@example.org"
    lantern.submit_join(page, email_shaped)

    error = page.locator(".field.has-error", has=page.locator("#id_pseudonym"))
    expect(error).to_contain_text("That looks like an email address")
    expect(error).to_contain_text("Lantern never asks for one")
    expect(page.locator("ol.recovery-codes")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")).to_be_visible()

    lantern.log_in(page, email_shaped, lantern.PASSPHRASE)
    expect(login_error(page)).to_have_text(SAME_ANSWER)
