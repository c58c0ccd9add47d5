"""Live updates: an open page shows a check-in made elsewhere without a reload, and keeps what the person typed."""

import re

from playwright.sync_api import Page, expect

from conftest import sign_in


def test_company_page_shows_a_check_in_as_it_happens_without_losing_typing(page: Page, api, moment):
    sign_in(page, "nam@okra.demo", "en")
    page.goto("/company")
    card = page.locator("[data-live-kr='kr-mkt-adwords']")
    expect(card).to_be_visible()
    # Something being typed on the page must survive the update.
    page.evaluate("""() => {
        const input = document.createElement('input');
        input.id = 'typing'; document.querySelector('main').prepend(input);
    }""")
    page.locator("#typing").fill("đang gõ dở")
    expect(page.locator("html")).to_have_attribute("data-live", "open")
    api.call("POST", "/api/v1/key-results/kr-mkt-adwords/check-ins", {"value": 97, "confidence": 9, "note": "live"})
    expect(card.locator(".kr-value")).to_contain_text(re.compile(r"\b97\b"))
    expect(card).to_have_attribute("data-live-updated", re.compile(r"^[0-9]+$"))
    expect(page.locator("#typing")).to_have_value("đang gõ dở")
    moment("updated")
