"""Drafting in two directions, end to end: a member's draft is reviewed by their lead, who asks a question;
publishing is refused while it is open, with the question listed; the owner answers; then it publishes. And
the company's direction brief, written by the admin, read by everyone."""

import re
import subprocess
import uuid

from playwright.sync_api import Page, expect

from conftest import ADMIN, API, VIEWER, _required, objective_page, sign_in

LEAD = "ha@okra.demo"
OWNER = "nam@okra.demo"


def token_for(email: str) -> str:
    result = subprocess.run(
        [
            _required("OKRA_BINARY"), "token", "create", "--db", _required("OKRA_DB"), "--email", email,
            "--name", "e2e-drafting",
        ],
        check=True, capture_output=True, text=True)
    return result.stdout.strip()


def draft_of_nam(api: API) -> str:
    """A personal draft of Nam's that follows the writing rules: two measurable KRs, each with an initiative."""
    objective = f"o-e2e-draft-{uuid.uuid4().hex[:8]}"
    api.call("POST", "/api/v1/objectives", {
        "id": objective, "cycle_id": api.active_cycle(), "owner": "person:p-nam", "state": "draft",
        "title": "Khách hàng mới mở email chào mừng nhiều hơn",
        "title_en": "New customers open the welcome email more often",
    })
    for n, (title, start, target) in enumerate([
        ("Tăng tỉ lệ mở email chào mừng từ 30 lên 45", 30, 45),
        ("Tăng số lượt nhấp từ email chào mừng từ 200 lên 300", 200, 300),
    ]):
        kr = f"{objective}-kr{n}"
        api.call("POST", f"/api/v1/objectives/{objective}/key-results", {
            "id": kr, "title": title, "kind": "increase", "start": start, "target": target, "owner": "person:p-nam",
        })
        api.call("POST", "/api/v1/initiatives", {
            "title": f"Viết lại email chào mừng, phần {n + 1}", "owner": "person:p-nam",
            "key_result_ids": [kr],
        })
    return objective


def test_a_question_holds_publishing_until_the_owner_answers(page: Page, browser, base_url: str, api: API, moment):
    objective = draft_of_nam(api)
    sign_in(page, LEAD, "en")
    page.goto(objective_page(objective))
    workflow = page.locator("#workflow")
    expect(workflow.locator("[data-state]")).to_have_attribute("data-state", "draft")
    expect(page.locator("#publish-blocked")).to_have_count(0)

    question = "Why 45%: what did the best month reach?"
    page.locator("#comment-body").fill(question)
    page.locator("#comment-question").check()
    page.locator("#comment-submit").click()
    expect(page.locator("#publish-blocked li[data-reason='open_question']")).to_contain_text(question)

    page.locator("#workflow-published").click()
    expect(page.locator("#workflow-error")).to_be_visible()
    reason = page.locator("#publish-blocked li[data-reason='open_question'] a")
    expect(reason).to_contain_text(question)
    expect(page.locator("#workflow [data-state]")).to_have_attribute("data-state", "draft")
    moment("refused")

    # The owner answers the question (the reason links to it).
    question_id = (reason.get_attribute("href") or "").removeprefix("#comment-")
    assert question_id, "the reason links to its question"
    owner = API(base_url, token_for(OWNER))
    owner.call("POST", "/api/v1/comments", {
        "subject": {"kind": "objective", "id": objective}, "answers": question_id,
        "body": "The best month reached 44%, with the new subject line.",
    })

    page.goto(objective_page(objective))
    expect(page.locator("#publish-blocked")).to_have_count(0)
    page.locator("#workflow-published").click()
    expect(page).to_have_url(re.compile(re.escape(objective_page(objective)) + "#workflow$"))
    expect(page.locator("#workflow [data-state]")).to_have_attribute("data-state", "published")
    expect(page.locator("#workflow .workflow-history li[data-to='published']")).to_contain_text(
        "moved it from Draft to Published")
    moment("published")


def test_the_member_submits_and_cannot_publish(page: Page, api: API):
    objective = draft_of_nam(api)
    sign_in(page, OWNER, "en")
    page.goto(objective_page(objective))
    expect(page.locator("#workflow-published")).to_have_count(0)
    page.locator("#workflow-in_review").click()
    expect(page.locator("#workflow [data-state]")).to_have_attribute("data-state", "in_review")
    expect(page.locator("#workflow .workflow-history li[data-to='in_review']")).to_contain_text("Lê Văn Nam")


def test_the_admin_writes_the_direction_brief_and_everyone_reads_it(page: Page, browser, base_url: str, api: API):
    cycle = api.active_cycle()
    sign_in(page, ADMIN, "vi")
    page.goto(f"/cycles/{cycle}/brief")
    direction = f"Tăng trưởng bền vững từ khách hàng mới ({uuid.uuid4().hex[:6]})"
    page.locator("#brief-body").fill(direction)
    page.locator("#brief-themes").fill("Khách hàng mới\nTốc độ sản phẩm")
    page.locator("#save-brief").click()
    expect(page.locator("#brief")).to_contain_text(direction)
    expect(page.locator("#brief ul.themes li")).to_have_count(2)

    other = browser.new_context(base_url=base_url, locale="en-US")
    try:
        viewer = other.new_page()
        sign_in(viewer, VIEWER, "vi")
        viewer.goto(f"/cycles/{cycle}/brief")
        expect(viewer.locator("#brief")).to_contain_text(direction)
        expect(viewer.locator("#save-brief")).to_have_count(0)
    finally:
        other.close()
