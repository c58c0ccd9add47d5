"""A viewer reads objectives but cannot edit them: no edit link, and the editor answers 403."""

from playwright.sync_api import Page, expect

from conftest import VIEWER, objective_editor, objective_page, sign_in

MARKETING = "o-mkt-mql"


def test_lead_sees_the_edit_link_of_the_team_objective(page: Page):
    sign_in(page, "ha@okra.demo", "en")
    page.goto(objective_page(MARKETING))
    edit = page.locator("#edit-objective")
    expect(edit).to_be_visible()
    edit.click()
    expect(page.locator("#title")).to_have_value("Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn")


def test_viewer_sees_no_edit_link_and_gets_403_on_the_editor(page: Page):
    sign_in(page, VIEWER, "en")
    response = page.goto(objective_page(MARKETING))
    assert response is not None and response.status == 200
    expect(page.locator("main h1")).to_contain_text("Improve advertising channels")
    expect(page.locator("#edit-objective")).to_have_count(0)

    response = page.goto(objective_editor(MARKETING))
    assert response is not None and response.status == 403
    expect(page.locator("#title")).to_have_count(0)
    expect(page.locator("#save-objective")).to_have_count(0)

    response = page.goto("/objectives/new")
    assert response is not None and response.status == 403
