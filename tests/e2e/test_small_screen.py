"""Usable at 390 px wide (a phone): the page itself never scrolls sideways; wide things (the map's SVG) scroll
inside their own box."""

import pytest
from playwright.sync_api import Page, expect

from conftest import ADMIN, CHECK_IN, COMPANY, MAP, MY_WEEK, NEW_OBJECTIVE, objective_page, sign_in

PHONE = {"width": 390, "height": 844}
# Pages known and reported to be too wide, each of which must still be (so the entry goes when it is fixed):
# the editor's visibility select has a long Vietnamese option ("Riêng tư (người sở hữu, trưởng nhóm, quản trị
# viên)", 414 px) and its fieldset keeps the default min-width: min-content; the fix belongs in okra.css
# (.editor fieldset { min-width: 0 } and select { max-width: 100% }).
KNOWN_TOO_WIDE: set[str] = set()


@pytest.mark.parametrize(
    "path", [MY_WEEK, COMPANY, "/teams/marketing", MAP, objective_page("o-mkt-mql"), CHECK_IN, NEW_OBJECTIVE])
def test_page_fits_a_phone(page: Page, path: str):
    page.set_viewport_size(PHONE)
    sign_in(page, ADMIN, "vi")
    page.goto(path)
    expect(page.locator("main h1")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    if path in KNOWN_TOO_WIDE:
        assert width > PHONE["width"], f"{path} fits a phone now: remove it from KNOWN_TOO_WIDE"
    else:
        assert width <= PHONE["width"], f"{path} is {width} px wide at {PHONE['width']} px"
    # The sign-out button and the language switch stay on screen.
    for control in ("form.signout button", "form.language button[value=en]"):
        box = page.locator(control).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], control
