"""Creating an objective in the browser: the quality findings follow the typing live (okra.js posts the form to
/objectives/check and swaps #findings), and saving lands on the new objective's page."""

import re

from playwright.sync_api import Page, Request, expect

from conftest import API, NEW_OBJECTIVE, objective_editor, sign_in

HA = "ha@okra.demo"  # Marketing lead
TITLE = "Biến đối tác thành kênh giới thiệu khách hàng"
TITLE_EN = "Turn partners into a referral channel"
KEY_RESULTS = [
    ("Tăng số đối tác giới thiệu khách hàng từ 5 lên 12", "5", "12"),
    ("Tăng số khách hàng đến từ đối tác từ 20 lên 60", "20", "60"),
    ("Tăng doanh thu từ khách của đối tác từ 50 lên 150", "50", "150"),
]


def fill_key_result(page: Page, row: int, title: str, start: str, target: str) -> None:
    page.locator(f"#kr-{row}-title").fill(title)
    page.locator(f"#kr-{row}-kind").select_option("increase")
    page.locator(f"#kr-{row}-start").fill(start)
    page.locator(f"#kr-{row}-target").fill(target)


def test_create_objective_with_three_key_results_and_live_findings(page: Page, moment):
    sign_in(page, HA, "en")
    checks: list[Request] = []

    def note_check(request: Request) -> None:
        if request.method == "POST" and request.url.endswith("/objectives/check"):
            checks.append(request)

    page.on("request", note_check)
    page.goto(NEW_OBJECTIVE)
    for field in ("title", "title_en", "owner", "kind", "visibility", "cycle"):
        expect(page.locator(f"#{field}")).to_be_visible()
    for row in range(5):
        for field in ("title", "kind", "unit", "start", "target", "target_high"):
            expect(page.locator(f"#kr-{row}-{field}")).to_be_attached()
    findings = page.locator("section#findings[aria-live=polite]")
    too_few = findings.locator("[data-code=too_few_key_results]")

    page.locator("#title").fill(TITLE)
    page.locator("#title_en").fill(TITLE_EN)
    fill_key_result(page, 0, *KEY_RESULTS[0])
    # Live: the finding now counts the one KR typed, without the page being sent.
    expect(too_few).to_be_visible()
    expect(too_few).to_contain_text("only 1 key result")
    moment("one-key-result")
    assert checks, "okra.js did not post the form to /objectives/check"
    expect(page).to_have_url(re.compile(re.escape(NEW_OBJECTIVE) + "$"))

    fill_key_result(page, 1, *KEY_RESULTS[1])
    fill_key_result(page, 2, *KEY_RESULTS[2])
    expect(too_few).to_have_count(0)
    expect(page.locator("#kr-2-title")).to_have_value(KEY_RESULTS[2][0])  # nothing typed was lost

    page.locator("#save-objective").click()
    expect(page).to_have_url(re.compile(r"/objectives/[A-Za-z0-9._-]+$"))
    assert not page.url.endswith("/objectives/new")
    expect(page.locator("main h1")).to_contain_text(TITLE_EN)
    for title, _, _ in KEY_RESULTS:
        expect(page.locator("main").get_by_text(title, exact=False).first).to_be_visible()


def test_a_wrong_number_is_answered_next_to_its_field_and_nothing_typed_is_lost(page: Page):
    sign_in(page, HA, "vi")
    page.goto(NEW_OBJECTIVE)
    page.locator("#title").fill("Đưa khách hàng cũ quay lại dùng sản phẩm")
    fill_key_result(page, 0, "Tăng số khách quay lại từ 10 lên 40", "mười", "40")
    fill_key_result(page, 1, "Tăng số email khảo sát được trả lời từ 30 lên 90", "30", "90")
    page.locator("#save-objective").click()

    start = page.locator("#kr-0-start")
    expect(start).to_have_attribute("aria-invalid", "true")
    message = page.locator("#kr-0-start-error")
    expect(message).to_be_visible()
    expect(message).not_to_be_empty()
    assert "kr-0-start-error" in (start.get_attribute("aria-describedby") or "").split()
    expect(start).to_have_value("mười")
    expect(page.locator("#title")).to_have_value("Đưa khách hàng cũ quay lại dùng sản phẩm")
    expect(page.locator("#kr-1-title")).to_have_value("Tăng số email khảo sát được trả lời từ 30 lên 90")

    start.fill("10")
    page.locator("#save-objective").click()
    expect(page).to_have_url(re.compile(r"/objectives/[A-Za-z0-9._-]+$"))
    assert not page.url.endswith("/objectives/new")
    expect(page.locator("main h1")).to_have_text("Đưa khách hàng cũ quay lại dùng sản phẩm")


def test_lead_edits_a_team_objective(page: Page, api: API):
    created = api.call(
        "POST", "/api/v1/objectives",
        {"cycle_id": api.active_cycle(), "title": "Ra mắt trang so sánh giá", "title_en": "Launch a pricing page",
         "owner": "team:marketing", "state": "published"})
    sign_in(page, HA, "en")
    page.goto(objective_editor(created["id"]))
    expect(page.locator("#title_en")).to_have_value("Launch a pricing page")
    page.locator("#title_en").fill("Launch a price comparison page")
    page.locator("#save-objective").click()
    expect(page).to_have_url(re.compile(re.escape(f"/objectives/{created['id']}") + "$"))
    expect(page.locator("main h1")).to_have_text("Launch a price comparison page")
    assert api.call("GET", f"/api/v1/objectives/{created['id']}")["title_en"] == "Launch a price comparison page"
