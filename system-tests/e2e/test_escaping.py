"""Escaping: a title that is HTML shows as text on the pages and in the SVG, and no script runs."""

from playwright.sync_api import Dialog, Page, expect

from conftest import ADMIN, API, COMPANY, MAP, sign_in

SCRIPT_TITLE = "<script>alert(1)</script>"


def watch_dialogs(page: Page) -> list[str]:
    """Every alert that fires is recorded (and dismissed); an escaped page fires none."""
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def test_script_title_shows_as_text_and_never_runs(page: Page, api: API):
    created = api.call(
        "POST", "/api/v1/objectives",
        {"cycle_id": api.active_cycle(), "title": SCRIPT_TITLE, "title_en": SCRIPT_TITLE, "owner": "company",
         "state": "published"})
    dialogs = watch_dialogs(page)
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


def test_script_title_and_note_show_as_text_on_the_objective_page(page: Page, api: API):
    objective = api.call(
        "POST", "/api/v1/objectives",
        {"cycle_id": api.active_cycle(), "title": SCRIPT_TITLE, "owner": "company", "state": "published"})
    kr = api.call(
        "POST", f"/api/v1/objectives/{objective['id']}/key-results",
        {"title": SCRIPT_TITLE, "kind": "increase", "start": 0, "target": 10, "owner": "company"})
    note = "<img src=x onerror=alert(2)>"
    api.call("POST", f"/api/v1/key-results/{kr['id']}/check-ins", {"value": 4, "confidence": 7, "note": note})
    dialogs = watch_dialogs(page)
    sign_in(page, ADMIN, "en")

    page.goto(f"/objectives/{objective['id']}")
    expect(page.locator("main h1")).to_have_text(SCRIPT_TITLE)
    detail = page.locator(f"#kr-{kr['id']}")
    expect(detail).to_contain_text(SCRIPT_TITLE)
    expect(detail.locator("svg.progress-chart title").first).to_contain_text(SCRIPT_TITLE)
    expect(detail.locator("table.history")).to_contain_text(note)
    expect(page.locator("main img")).to_have_count(0)
    expect(page.locator("script", has_text="alert(")).to_have_count(0)
    assert dialogs == []
