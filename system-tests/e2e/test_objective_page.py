"""The objective page: each KR with its progress chart and check-in history, the alignment as links, and a
question asked in the comments."""

import re

from playwright.sync_api import Page, expect

from conftest import VIEWER, objective_page, sign_in

HA = "ha@okra.demo"  # Marketing lead
MARKETING = "o-mkt-mql"
COMPANY_OBJECTIVE = "o-company-growth"
EMAIL = "kr-mkt-email"


def test_objective_page_shows_charts_history_and_alignment(page: Page):
    sign_in(page, HA, "en")
    page.goto(objective_page(MARKETING))
    expect(page.locator("main h1")).to_have_text(
        "Improve advertising channels to generate more Marketing Qualified Leads (MQL)")
    kr = page.locator(f"#kr-{EMAIL}")
    expect(kr).to_contain_text("Raise MQL from email from 100 to 150")
    chart = kr.locator("svg.progress-chart[role=img]")
    expect(chart).to_be_visible()
    expect(chart.locator("title").first).not_to_be_empty()
    # Weekly check-ins since the start of the cycle, the latest at 130 MQL.
    history = kr.locator("table.history tbody tr")
    expect(history.first).to_be_visible()
    expect(kr.locator("table.history")).to_contain_text("130")
    # Its parent, the company objective, is a link; from there Marketing's objective is a child.
    page.locator(f"section.alignment a[href='{objective_page(COMPANY_OBJECTIVE)}']").click()
    expect(page).to_have_url(re.compile(re.escape(objective_page(COMPANY_OBJECTIVE)) + "$"))
    expect(page.locator("main h1")).to_have_text("Grow revenue sustainably from new customers")
    expect(page.locator(f"section.alignment a[href='{objective_page(MARKETING)}']")).to_be_visible()


def test_lead_asks_a_question_and_the_viewer_cannot_comment(page: Page, browser, base_url: str):
    sign_in(page, HA, "en")
    page.goto(objective_page(MARKETING))
    question = "Which channel should get the extra budget in December?"
    page.locator("#comment-body").fill(question)
    page.locator("#comment-question").check()
    page.locator("#comment-submit").click()
    expect(page).to_have_url(re.compile(re.escape(objective_page(MARKETING))))
    asked = page.locator("#comments li", has_text=question)
    expect(asked).to_be_visible()
    expect(asked.locator(".chip").first).to_have_text("Question")

    other = browser.new_context(base_url=base_url, locale="en-US")
    try:
        viewer = other.new_page()
        sign_in(viewer, VIEWER, "en")
        viewer.goto(objective_page(MARKETING))
        expect(viewer.locator("#comments")).to_contain_text(question)
        expect(viewer.locator("#comment-body")).to_have_count(0)
    finally:
        other.close()
