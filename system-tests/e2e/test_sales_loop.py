"""The guide's loop in the browser with the keyboard alone, as Sales' lead: from the team page to a new objective,
aligned to the company's by searching for it, three KRs each with who answers for it and an initiative, published
from the editor; then a check-in on it, and the objective on the company page and on the map. In Vietnamese, then
the same in English. Pages are opened by their address; everything on them is done with keys."""

import re

from playwright.sync_api import Page, expect

from conftest import CHECK_IN, CHECK_IN_DONE, press_tab_until, sign_in

BAO = "bao@okra.demo"  # Sales lead
COMPANY_OBJECTIVE = "objective:o-company-growth"

ROUNDS = {
    "vi": {
        "title": "Cá nhân hóa cách bán hàng cho khách dùng thử",
        "title_en": "",
        "parent_search": "tang truong doanh thu",
        "key_results": [
            ("Tăng tỉ lệ chuyển đổi từ dùng thử sang trả phí từ 20% lên 35%", "percent", "20", "35",
             "Kịch bản gọi điện theo ngành"),
            ("Tăng tỉ lệ mở email chăm sóc từ 14% lên 45%", "percent", "14", "45", "Cá nhân hóa tiêu đề email"),
            ("Đạt 8/10 điểm hài lòng trung bình với ít nhất 100 phản hồi", "điểm", "", "8",
             "Khảo sát sau mỗi cuộc gọi"),
        ],
        "condition": ("phản hồi", "100"),
        "second_initiative": "Gọi lại khách dùng thử sau 7 ngày",
        "published": "Đã công bố",
    },
    "en": {
        "title": "Nuôi dưỡng khách dùng thử tốt hơn",
        "title_en": "Nurture trial customers better",
        "parent_search": "grow revenue",
        "key_results": [
            ("Raise trial-to-paid conversion from 20% to 35%", "percent", "20", "35", "Industry call scripts"),
            ("Raise follow-up e-mail open rate from 14% to 45%", "percent", "14", "45", "Personalised subjects"),
            ("Reach an average satisfaction of 8/10 with at least 100 responses", "points", "", "8",
             "A survey after every call"),
        ],
        "condition": ("responses", "100"),
        "second_initiative": "Call trial customers back after 7 days",
        "published": "Published",
    },
}


def type_into(page: Page, element_id: str, text: str) -> None:
    press_tab_until(page, element_id, limit=200)
    page.keyboard.type(text)


def write_sales_objective(page: Page, language: str, moment) -> str:
    """Writes and publishes the round's objective with keys only; returns its address."""
    texts = ROUNDS[language]
    page.goto("/teams/sales")
    press_tab_until(page, "new-team-objective")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/objectives/new\?owner=team%3Asales"))
    expect(page.locator("#owner")).to_have_value("team:sales")

    type_into(page, "title", texts["title"])
    if texts["title_en"]:
        type_into(page, "title_en", texts["title_en"])
    # The company objective is found by a few words, without diacritics; Enter takes the first match.
    type_into(page, "parent-0-search", texts["parent_search"])
    page.keyboard.press("Enter")
    expect(page.locator("#parent-0")).to_be_focused()
    expect(page.locator("#parent-0")).to_have_value(COMPANY_OBJECTIVE)

    for row, (title, unit, start, target, initiative) in enumerate(texts["key_results"]):
        type_into(page, f"kr-{row}-title", title)
        # Who answers for it: the first person offered is oneself.
        press_tab_until(page, f"kr-{row}-owner")
        page.keyboard.press("ArrowDown")
        expect(page.locator(f"#kr-{row}-owner")).to_have_value("person:p-bao")
        if row == 2:
            # At least 8: the third kind of measure.
            press_tab_until(page, f"kr-{row}-kind")
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowDown")
            expect(page.locator(f"#kr-{row}-kind")).to_have_value("at_least")
        type_into(page, f"kr-{row}-unit", unit)
        if start:
            type_into(page, f"kr-{row}-start", start)
        type_into(page, f"kr-{row}-target", target)
        if row == 2:
            metric, minimum = texts["condition"]
            type_into(page, f"kr-{row}-condition_metric", metric)
            type_into(page, f"kr-{row}-condition_minimum", minimum)
        type_into(page, f"kr-{row}-init-0-title", initiative)
        if row == 0:
            # A second initiative for the first KR, from "Add another initiative".
            press_tab_until(page, "kr-0-add-initiative")
            page.keyboard.press("Enter")
            expect(page.locator("#kr-0-init-1-title")).to_be_focused()
            page.keyboard.type(texts["second_initiative"])

    # The findings follow the typing: with an initiative under each KR, nothing must be fixed any more.
    findings = page.locator("section#findings")
    expect(findings.locator("[data-code=key_result_without_initiative]")).to_have_count(0)
    expect(findings.locator(".f-error")).to_have_count(0)
    moment("editor")
    press_tab_until(page, "save-then-published", limit=300)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/objectives/[A-Za-z0-9._-]+#workflow$"))
    expect(page.locator(".workflow-state .chip.state")).to_have_attribute("data-state", "published")
    expect(page.locator(".workflow-state")).to_contain_text(texts["published"])
    expect(page.locator("main").get_by_text(texts["second_initiative"]).first).to_be_visible()
    return page.url.split("#")[0]


def check_in_on_first_key_result(page: Page, objective_url: str) -> None:
    """26% on trial-to-paid: (26 − 20) / (35 − 20) = 40%."""
    page.goto(objective_url)
    first = page.locator("article.kr-detail[data-live-kr]").first.get_attribute("data-live-kr")
    page.goto(CHECK_IN)
    press_tab_until(page, f"value-{first}", limit=200)
    page.keyboard.type("26")
    press_tab_until(page, "check-in-submit", limit=200)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(CHECK_IN_DONE) + "$"))
    result = page.locator(f"#result-{first}")
    expect(result).to_be_visible()
    assert float(result.get_attribute("data-progress")) == 0.4


def sees_it_on_the_company_page_and_the_map(page: Page, title: str) -> None:
    page.goto("/company")
    expect(page.locator("main").get_by_text(title, exact=False).first).to_be_visible()
    page.goto("/map")
    expect(page.locator("main").get_by_text(title, exact=False).first).to_be_attached()


def test_the_sales_objective_from_draft_to_check_in_with_the_keyboard_in_vietnamese(page: Page, moment):
    sign_in(page, BAO, "vi")
    url = write_sales_objective(page, "vi", moment)
    moment("published")
    check_in_on_first_key_result(page, url)
    sees_it_on_the_company_page_and_the_map(page, ROUNDS["vi"]["title"])


def test_the_sales_objective_from_draft_to_check_in_with_the_keyboard_in_english(page: Page, moment):
    sign_in(page, BAO, "en")
    url = write_sales_objective(page, "en", moment)
    moment("published")
    check_in_on_first_key_result(page, url)
    sees_it_on_the_company_page_and_the_map(page, ROUNDS["en"]["title_en"])
