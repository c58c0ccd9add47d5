"""Creating an objective in the browser: the quality findings follow the typing live (okra.js posts the form to
/objectives/check and swaps #findings), and saving lands on the new objective's page."""

import re

from playwright.sync_api import Page, Request, expect

from conftest import NEW_OBJECTIVE, sign_in

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
    page.on("request", lambda r: checks.append(r) if r.method == "POST" and r.url.endswith("/objectives/check") else None)
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
