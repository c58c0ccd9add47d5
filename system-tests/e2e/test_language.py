"""The language switch: Vietnamese with its diacritics, then English again, remembered for the person."""

import re

from playwright.sync_api import Browser, Page, expect

from conftest import ADMIN, COMPANY, MAP, PASSWORD, sign_in

MARKETING_TITLE = "#o-o-mkt-mql h3"


def test_switch_to_vietnamese_and_back_to_english(page: Page, browser: Browser, base_url: str, moment):
    sign_in(page, ADMIN, "en")
    page.goto(COMPANY)
    expect(page.locator("form.signout button")).to_have_text("Sign out")

    page.locator("form.language button[value=vi]").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page).to_have_url(re.compile(re.escape(COMPANY) + "$"))  # back on the same page
    expect(page.locator("form.signout button")).to_have_text("Đăng xuất")
    expect(page.locator(MARKETING_TITLE)).to_have_text("Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn")
    expect(page.locator("form.language button[value=vi]")).to_have_attribute("aria-pressed", "true")
    moment("vi")

    # Remembered: another page is in Vietnamese too, and so is a new sign-in from an English-speaking browser.
    page.goto(MAP)
    expect(page.locator("form.signout button")).to_have_text("Đăng xuất")
    other = browser.new_context(base_url=base_url, locale="en-US")
    try:
        elsewhere = other.new_page()
        elsewhere.goto("/sign-in")
        expect(elsewhere.locator("html")).to_have_attribute("lang", "en")
        elsewhere.locator("#email").fill(ADMIN)
        elsewhere.locator("#password").fill(PASSWORD)
        elsewhere.locator("form[action='/sign-in'] button[type=submit]").click()
        expect(elsewhere.locator("form.signout button")).to_have_text("Đăng xuất")
        expect(elsewhere.locator("html")).to_have_attribute("lang", "vi")
    finally:
        other.close()

    page.locator("form.language button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(re.escape(MAP) + "$"))
    expect(page.locator("form.signout button")).to_have_text("Sign out")
    page.goto(COMPANY)
    expect(page.locator(MARKETING_TITLE)).to_have_text(
        "Improve advertising channels to generate more Marketing Qualified Leads (MQL)")
