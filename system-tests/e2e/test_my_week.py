"""My week, the home page, for Bao (Sales lead): his KRs with status and a one-click check-in, the ask waiting
for his team, and this week's update saved from the page."""

import re

from playwright.sync_api import Page, expect

from conftest import CHECK_IN, MY_WEEK, sign_in

BAO = "bao@okra.demo"
TRIAL = "kr-sales-trial"  # trial-to-paid conversion, Bao's


def test_my_week_shows_my_key_results_and_the_ask_to_my_team(page: Page):
    sign_in(page, BAO, "en")
    page.goto(MY_WEEK)
    kr = page.locator(f"#kr-{TRIAL}")
    expect(kr.locator(".kr-title")).to_have_text("Raise trial-to-paid conversion from 20% to 35%")
    expect(kr.locator(".kr-value")).to_contain_text("26")
    expect(kr.locator("[role=progressbar]")).to_be_visible()
    expect(kr.locator("details.status summary")).to_have_text(re.compile("On track|At risk|Off track|Done"))
    # Marketing's ask to Sales waits for his team.
    expect(page.locator("#ask-ask-mkt-sales")).to_contain_text("Gọi lại trong 24 giờ")

    # One click from a KR to its row of the check-in form.
    kr.locator(f"a[href='{CHECK_IN}#row-{TRIAL}']").click()
    expect(page).to_have_url(re.compile(re.escape(f"{CHECK_IN}#row-{TRIAL}") + "$"))
    expect(page.locator(f"#value-{TRIAL}")).to_be_visible()


def test_weekly_update_is_saved_from_my_week(page: Page):
    sign_in(page, BAO, "vi")
    page.goto(MY_WEEK)
    plans = "Gọi lại 30 khách dùng thử theo kịch bản mới"
    progress = "Tỉ lệ chuyển đổi tăng lên 26%"
    problems = "Thiếu người gọi điện vào thứ Sáu"
    page.locator("#plan-0-text").fill(plans)
    # The plan moves a KR, picked from the list of his.
    page.locator("#plan-0-link").select_option(TRIAL)
    page.locator("#progress").fill(progress)
    page.locator("#problems").fill(problems)
    page.locator("#save-week").click()
    expect(page).to_have_url(re.compile(r"/(\?.*)?$"))
    expect(page.locator("section.week-update [role=status]")).to_be_visible()
    expect(page.locator("section.week-update .plans")).to_contain_text(plans)
    expect(page.locator("section.week-update .plan.linked").first).to_contain_text(plans)
    # A fresh load shows what was saved, in the form too.
    page.goto(MY_WEEK)
    expect(page.locator("#progress")).to_have_value(progress)
    expect(page.locator("#problems")).to_have_value(problems)
