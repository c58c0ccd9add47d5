"""Printing: the navigation and the buttons are left out, each status is printed as text, and the page fits
the paper. The PDF goes next to the screenshots."""

import pathlib

import pytest
from playwright.sync_api import Page, expect

from conftest import ADMIN, COMPANY, artifact_name, objective_page, sign_in

A4_WIDTH_PX = 794  # 210 mm at 96 px per inch


@pytest.mark.parametrize("path", [COMPANY, objective_page("o-mkt-mql")])
def test_page_prints_cleanly(page: Page, path: str, screenshot_dir: pathlib.Path, request):
    sign_in(page, ADMIN, "vi")
    page.goto(path)
    expect(page.locator("header.topbar")).to_be_visible()
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    expect(page.locator("header.topbar")).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main details.status summary").first).to_be_visible()
    expect(page.locator("#edit-objective")).to_be_hidden()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= A4_WIDTH_PX, f"{path} prints {width} px wide on A4"
    pdf = page.pdf(path=str(screenshot_dir / f"{artifact_name(request)}.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
