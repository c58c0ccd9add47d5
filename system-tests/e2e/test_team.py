"""A team's page: its objectives with KR progress and status, a health summary, this week's updates of its
people, and the asks it sent to other teams."""

import re

from playwright.sync_api import Page, expect

from conftest import sign_in

HA = "ha@okra.demo"  # Marketing lead


def test_marketing_team_page(page: Page):
    sign_in(page, HA, "en")
    page.goto("/")
    page.locator("header nav a[href='/teams/marketing']").click()
    expect(page).to_have_url(re.compile(r"/teams/marketing$"))
    expect(page.locator("main h1")).to_contain_text("Marketing")
    objective = page.locator("#o-o-mkt-mql")
    expect(objective.locator("h3")).to_contain_text("Improve advertising channels")
    expect(objective.locator("[role=progressbar]")).to_have_count(4)
    expect(objective.locator(".objective-score details.status summary")).to_have_text(
        re.compile("On track|At risk|Off track|Not started|Done"))
    # How many objectives are on track, at risk, off track: numbers with words.
    expect(page.locator("section.health .counts li").first).to_have_text(re.compile(r"^\s*\d+\s+\S"))
    # Nam's update of this week (its plans; another test may have rewritten them), and the ask Marketing sent.
    expect(page.locator("#update-p-nam h3")).to_have_text("Lê Văn Nam")
    expect(page.locator("#update-p-nam ul li").first).to_be_visible()
    expect(page.locator("section.asks", has_text="Gọi lại trong 24 giờ")).to_be_visible()
