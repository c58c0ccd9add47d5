"""Signing in and out: a wrong password is answered on the form with the e-mail kept, the page asked for is
reached after signing in, and after signing out the pages ask to sign in again."""

import re

from playwright.sync_api import Page, expect

from conftest import ADMIN, MAP, PASSWORD


def test_sign_in_reaches_the_page_asked_for_and_sign_out_closes_it(page: Page):
    page.goto(MAP)
    expect(page).to_have_url(re.compile(r"/sign-in\?next=(%2F|/)map$"))
    page.locator("#email").fill(ADMIN)
    page.locator("#password").fill("not-the-password")
    page.locator("form[action='/sign-in'] button[type=submit]").click()
    expect(page.locator("#signin-error[role=alert]")).to_be_visible()
    expect(page.locator("#email")).to_have_value(ADMIN)
    expect(page.locator("#email")).to_have_attribute("aria-describedby", "signin-error")

    page.locator("#password").fill(PASSWORD)
    page.locator("form[action='/sign-in'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(MAP) + "$"))
    expect(page.locator("main svg[role=img]")).to_be_visible()

    page.locator("form.signout button").click()
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    page.goto(MAP)
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))
    expect(page.locator("form.signout")).to_have_count(0)
