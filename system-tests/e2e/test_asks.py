"""Dependency asks between teams: Engineering asks Sales for help; Bảo (Sales lead) accepts it from his team's
page and the initiative appears in Sales' plan; a second ask is declined, the reason asked for next to its field
and then shown to the asking team's lead."""

import re
import uuid

from playwright.sync_api import Page, expect

from conftest import sign_in

BAO = "bao@okra.demo"
LONG = "long@okra.demo"


def new_ask(api, need: str) -> str:
    ask = api.call(
        "POST", "/api/v1/asks",
        {
            "id": "ask-e2e-" + uuid.uuid4().hex[:8], "from_team_id": "engineering", "to_team_id": "sales",
            "key_result_id": "kr-eng-load", "need": need, "due_by": "2026-12-30",
        })
    return ask["id"]


def test_lead_accepts_an_ask_and_the_initiative_is_in_the_plan(page: Page, api, moment):
    need = "Share which trial customers complain about slow pages"
    ask = new_ask(api, need)
    sign_in(page, BAO, "en")
    page.goto("/teams/sales")
    item = page.locator(f"#asks-in #ask-{ask}")
    expect(item).to_contain_text(need)
    expect(item).to_contain_text("From Engineering")
    item.locator(f"#accept-{ask}").click()
    expect(page).to_have_url(re.compile(r"/teams/sales$"))
    item = page.locator(f"#ask-{ask}")
    expect(item).to_have_attribute("data-state", "accepted")
    expect(page.locator(f"#initiative-of-{ask}")).to_contain_text(need)
    expect(item.locator(f"#accept-{ask}")).to_have_count(0)
    moment("accepted")
    # The API agrees: the initiative is Sales', linked to Engineering's KR.
    initiative = api.call("GET", f"/api/v1/initiatives/initiative-{ask}")
    assert initiative["owner"] == "team:sales"
    assert initiative["key_result_ids"] == ["kr-eng-load"]


def test_decline_needs_a_reason_and_both_teams_see_it(page: Page, api, moment):
    ask = new_ask(api, "Two sales calls a week with our support engineer")
    sign_in(page, BAO, "en")
    page.goto("/teams/sales")
    item = page.locator(f"#ask-{ask}")
    item.locator("details.ask-form summary", has_text="Decline").click()
    item.locator(f"#decline-{ask}").click()
    # Sent back with the message next to the reason.
    error = page.locator(f"#decline-reason-{ask}-error")
    expect(error).to_be_visible()
    expect(page.locator(f"#decline-reason-{ask}")).to_have_attribute("aria-describedby", f"decline-reason-{ask}-error")
    reason = "No one free before January"
    page.locator(f"#decline-reason-{ask}").fill(reason)
    page.locator(f"#decline-{ask}").click()
    expect(page.locator(f"#ask-{ask} .ask-reason")).to_contain_text(reason)
    page.locator("form.signout button[type=submit]").click()

    sign_in(page, LONG, "en")
    page.goto("/teams/engineering")
    expect(page.locator(f"#asks-out #ask-{ask} .ask-reason")).to_contain_text(reason)
    expect(page.locator(f"#ask-{ask}")).to_contain_text("declined")
    moment("declined")


def test_the_asking_team_accepts_a_counter_proposal(page: Page, api, moment):
    """Sales can help, but later and with less: Bảo counter-proposes; Engineering, who asked, must agree, and
    Long accepts it from his team's page. The initiative is then Sales', due on the date agreed."""
    need = "A sales engineer on two customer calls a week"
    ask = new_ask(api, need)
    sign_in(page, BAO, "en")
    page.goto("/teams/sales")
    item = page.locator(f"#ask-{ask}")
    item.locator("details.ask-form summary", has_text="Counter").click()
    page.locator(f"#counter-due-{ask}").fill("2027-01-15")
    page.locator(f"#counter-scope-{ask}").fill("One call a week, from January")
    page.locator(f"#counter-{ask}").click()
    item = page.locator(f"#ask-{ask}")
    expect(item).to_have_attribute("data-state", "countered")
    # Sales waits for Engineering: it cannot accept its own counter-proposal.
    expect(item.locator(f"#accept-{ask}")).to_have_count(0)
    page.locator("form.signout button[type=submit]").click()

    sign_in(page, LONG, "en")
    page.goto("/teams/engineering")
    item = page.locator(f"#asks-out #ask-{ask}")
    expect(item).to_contain_text("One call a week, from January")
    item.locator(f"#accept-{ask}").click()
    expect(page).to_have_url(re.compile(r"/teams/engineering$"))
    expect(page.locator(f"#ask-{ask}")).to_have_attribute("data-state", "accepted")
    moment("accepted")
    initiative = api.call("GET", f"/api/v1/initiatives/initiative-{ask}")
    assert initiative["owner"] == "team:sales"
    assert initiative["due"] == "2027-01-15"
