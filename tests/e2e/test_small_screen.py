"""Usable at 390 px wide (a phone): the page itself never scrolls sideways; wide things (the map's SVG) scroll
inside their own box."""

import pytest
from playwright.sync_api import Page, expect

from conftest import ADMIN, COMPANY, MAP, MY_WEEK, sign_in

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("path", [MY_WEEK, COMPANY, MAP])
def test_page_fits_a_phone(page: Page, path: str):
    page.set_viewport_size(PHONE)
    sign_in(page, ADMIN, "vi")
    page.goto(path)
    expect(page.locator("main h1")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide at {PHONE['width']} px"
    # The sign-out button and the language switch stay on screen.
    for control in ("form.signout button", "form.language button[value=en]"):
        box = page.locator(control).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], control
