"""Cycles and the organization's settings: an admin plans a cycle and finds it under Planning; a member reads
the settings without a form to change them, and is refused when posting one anyway."""

from playwright.sync_api import Page, expect

from conftest import ADMIN, sign_in

CYCLES = "/cycles"
SETTINGS = "/settings"
HOLIDAYS = "/settings/holidays"


def test_admin_plans_a_cycle_and_sees_it_under_planning(page: Page, moment):
    sign_in(page, ADMIN, "en")
    page.goto(CYCLES)
    expect(page.locator("#cycles-active")).to_contain_text("2026 Q4")
    expect(page.locator("#cycles-closed")).to_contain_text("2026 Q3")

    # A cycle that ends before it starts is answered next to its field, with everything typed kept.
    page.locator("#name").fill("E2E 2030 Q1")
    page.locator("#start").fill("2030-03-31")
    page.locator("#end").fill("2030-01-01")
    page.locator("#create-cycle").click()
    expect(page.locator("#end-error")).to_be_visible()
    expect(page.locator("#name")).to_have_value("E2E 2030 Q1")
    expect(page.locator("#end")).to_have_attribute("aria-invalid", "true")
    moment("refused")

    # A cycle over the turn of the year: it partly overlaps 2026 Q4.
    page.locator("#start").fill("2026-12-15")
    page.locator("#end").fill("2027-03-15")
    page.locator("#create-cycle").click()
    expect(page.locator("[role=status]")).to_contain_text("E2E 2030 Q1")
    planning = page.locator("#cycles-planning")
    expect(planning).to_contain_text("E2E 2030 Q1")
    expect(page.locator("#cycles-active")).not_to_contain_text("E2E 2030 Q1")

    # Its page offers to edit and to activate it: refused while 2026 Q4, over some of its days, is active (a year
    # and its quarters run side by side; a cycle that only partly overlaps an active one does not).
    planning.get_by_role("link", name="E2E 2030 Q1").click()
    expect(page.locator("#cycle-state")).to_contain_text("planning")
    page.locator("#activate-cycle").click()
    expect(page.locator("#cycle-notice")).to_contain_text("2026 Q4 is active over some of the same days")
    expect(page.locator("#cycle-state")).to_contain_text("planning")


def test_member_reads_the_settings_without_a_form(page: Page, moment):
    sign_in(page, "nam@okra.demo", "vi")
    page.goto(SETTINGS)
    expect(page.locator("main h1")).to_have_text("Tổ chức")
    expect(page.locator("#settings-read-only")).to_be_visible()
    expect(page.locator("dl.settings-values").first).to_contain_text("Asia/Ho_Chi_Minh")
    expect(page.locator("#save-settings")).to_have_count(0)
    expect(page.locator("nav.settings-nav a[aria-current=page]")).to_have_attribute("href", SETTINGS)
    expect(page.locator("nav.settings-nav a[href='/settings/tokens']")).to_be_visible()

    # Posting the form anyway (with a valid token) is refused.
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    response = page.request.post(SETTINGS, form={"csrf": csrf or "", "name": "Bị chặn", "version": "1"})
    assert response.status == 403

    page.goto(HOLIDAYS)
    expect(page.locator("main h1")).to_have_text("Ngày nghỉ lễ")
    expect(page.locator("#own-holidays")).to_be_visible()
    expect(page.locator("#add-holiday")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Tết Nguyên Đán")


def test_admin_changes_the_settings_and_a_mistake_is_answered_next_to_its_field(page: Page):
    sign_in(page, ADMIN, "en")
    page.goto(SETTINGS)
    page.locator("#max_objectives_per_owner").fill("99")
    page.locator("#check_in_time").fill("16:00")
    page.locator("#save-settings").click()
    expect(page.locator("#max_objectives_per_owner-error")).to_be_visible()
    expect(page.locator("#check_in_time")).to_have_value("16:00")

    page.locator("#max_objectives_per_owner").fill("5")
    page.locator("#save-settings").click()
    expect(page.locator("#settings-notice")).to_have_text("The settings are saved.")
    expect(page.locator("#check_in_time")).to_have_value("16:00")
