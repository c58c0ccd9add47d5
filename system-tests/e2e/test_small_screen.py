"""Usable at 390 px wide (a phone): no page scrolls sideways, for an administrator (the longest navigation) or a
member; wide things (the map's SVG, tables) scroll inside their own box; the navigation folds into a menu that
opens without JavaScript."""

import pytest
from playwright.sync_api import Page, expect

from conftest import ADMIN, sign_in
from site_pages import ADMIN_PAGES, MEMBER, MEMBER_PAGES

PHONE = {"width": 390, "height": 844}
WIDTH = "document.scrollingElement.scrollWidth"


def too_wide(page: Page, path: str) -> list[str]:
    response = page.goto(path)
    if response is None or response.status != 200:
        return [f"{path}: status {response and response.status}"]
    expect(page.locator("main h1")).to_be_visible()
    width = page.evaluate(WIDTH)
    return [f"{path} is {width} px wide"] if width > PHONE["width"] else []


def test_every_page_fits_a_phone_for_an_admin(page: Page):
    page.set_viewport_size(PHONE)
    sign_in(page, ADMIN, "vi")
    found = [problem for path in ADMIN_PAGES for problem in too_wide(page, path)]
    assert not found, "\n".join(found)


def test_every_page_fits_a_phone_for_a_member(page: Page):
    page.set_viewport_size(PHONE)
    sign_in(page, MEMBER, "en")
    found = [problem for path in MEMBER_PAGES for problem in too_wide(page, path)]
    assert not found, "\n".join(found)


def test_sign_in_page_fits_a_phone(page: Page):
    page.set_viewport_size(PHONE)
    page.goto("/sign-in")
    expect(page.locator("#email")).to_be_visible()
    assert page.evaluate(WIDTH) <= PHONE["width"]


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_navigation_folds_into_a_menu(browser, base_url: str, javascript: bool):
    context = browser.new_context(base_url=base_url, viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    try:
        sign_in(page, ADMIN, "vi")
        page.goto("/map")
        nav = page.locator("nav.main-nav")
        expect(nav).to_be_hidden()
        # The sign-out button and the language switch stay on screen beside the menu button.
        for control in ("form.signout button", "form.language button[value=en]", "label.nav-toggle-label"):
            box = page.locator(control).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], control
        # The menu opens with the keyboard (Space on the focused toggle) and shows every section, the current one
        # marked, one under another and still within the screen.
        page.locator("#nav-toggle").focus()
        page.keyboard.press("Space")
        expect(nav).to_be_visible()
        expect(nav.locator("a[aria-current=page]")).to_have_attribute("href", "/map")
        expect(nav.locator("a")).to_have_count(8)
        assert page.evaluate(WIDTH) <= PHONE["width"]
        nav.locator("a[href='/company']").click()
        expect(page).to_have_url(f"{base_url}/company")
        expect(page.locator("nav.main-nav a[aria-current=page]")).to_have_attribute("href", "/company")
    finally:
        context.close()


def test_navigation_is_a_bar_on_a_laptop(page: Page):
    sign_in(page, ADMIN, "en")
    page.goto("/cycles/2026-q4")
    nav = page.locator("nav.main-nav")
    expect(nav).to_be_visible()
    expect(page.locator("label.nav-toggle-label")).to_be_hidden()
    expect(nav.locator("a[aria-current=page]")).to_have_attribute("href", "/cycles")
    expect(nav.locator("a[aria-current=page]")).to_have_count(1)
    # Each link is an icon and a label, not underlined.
    link = nav.locator("a[href='/map']")
    expect(link.locator("svg.icon")).to_have_attribute("aria-hidden", "true")
    expect(link).to_have_text("Alignment map")
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "none"
