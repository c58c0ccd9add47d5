"""The company page: every team's objectives with their KRs, progress bars and status in words."""

import re

from playwright.sync_api import Page, expect

from conftest import ADMIN, COMPANY, sign_in

MARKETING = "#o-o-mkt-mql"
SALES = "#o-o-sales-nurture"
WHOLE_PERCENT = re.compile(r"^\d{1,3}$")
PERCENT_TEXT = re.compile(r"^\d{1,3}\s?%$")


def test_admin_sees_marketing_and_sales_objectives_with_progress(page: Page):
    sign_in(page, ADMIN, "en")
    page.goto(COMPANY)
    marketing = page.locator(MARKETING)
    sales = page.locator(SALES)
    expect(marketing.locator("h3")).to_have_text(
        "Improve advertising channels to generate more Marketing Qualified Leads (MQL)")
    expect(sales.locator("h3")).to_have_text("Personalise the sales approach and nurture new leads better")
    for objective in (marketing, sales):
        # The objective's own bar, then one per KR (three each in the demo), each with its number as text.
        expect(objective.locator("[role=progressbar]")).to_have_count(4)
        bar = objective.locator(".objective-score [role=progressbar]")
        expect(bar).to_be_visible()
        expect(bar).to_have_attribute("aria-valuenow", WHOLE_PERCENT)
        expect(objective.locator(".objective-score .pct")).to_have_text(PERCENT_TEXT)
        # Status is text, not only a colour.
        expect(objective.locator(".objective-score details.status summary")).to_have_text(
            re.compile("On track|At risk|Off track|Not started|Done"))
    expect(marketing.locator(".kr .kr-title").first).to_have_text("Raise MQL from email from 100 to 150")


def test_status_explanation_opens_on_click(page: Page):
    sign_in(page, ADMIN, "en")
    page.goto(COMPANY)
    status = page.locator(f"{MARKETING} .objective-score details.status")
    why = status.locator(".why")
    expect(why).to_be_hidden()
    status.locator("summary").click()
    expect(why).to_be_visible()
    expect(why.locator(".why-title")).to_have_text("Why this status")


def test_cycle_filter_shows_the_closed_quarter(page: Page):
    sign_in(page, ADMIN, "en")
    page.goto(COMPANY)
    picker = page.locator("form.cycle-picker select#cycle")
    closed = picker.locator("option", has_text="closed")
    value = closed.get_attribute("value")
    picker.select_option(value)  # okra.js sends the form on change
    expect(page).to_have_url(re.compile(re.escape(f"{COMPANY}?cycle={value}") + "$"))
    expect(page.locator("#o-o-prev-onboarding h3")).to_have_text("Help new customers succeed in their first week")
    expect(page.locator(MARKETING)).to_have_count(0)
