"""Escaping: a title that is HTML shows as text on the pages and in the SVG, and no script runs."""

from playwright.sync_api import Dialog, Page, expect

from conftest import ADMIN, API, COMPANY, MAP, sign_in

SCRIPT_TITLE = "<script>alert(1)</script>"


def test_script_title_shows_as_text_and_never_runs(page: Page, api: API):
    created = api.call(
        "POST", "/api/v1/objectives",
        {"cycle_id": api.active_cycle(), "title": SCRIPT_TITLE, "title_en": SCRIPT_TITLE, "owner": "company",
         "state": "published"})
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    sign_in(page, ADMIN, "en")

    page.goto(COMPANY)
    card = page.locator(f"#o-{created['id']}")
    expect(card.locator("h3")).to_have_text(SCRIPT_TITLE)
    expect(card.locator("h3")).to_be_visible()
    expect(page.locator("script", has_text="alert(1)")).to_have_count(0)

    page.goto(MAP)
    node = page.locator("main svg g.node", has=page.locator("title", has_text=SCRIPT_TITLE))
    expect(node.locator("text").first).to_have_text(SCRIPT_TITLE)
    expect(page.locator(".map-tree")).to_contain_text(SCRIPT_TITLE)
    expect(page.locator("script", has_text="alert(1)")).to_have_count(0)

    assert dialogs == []
