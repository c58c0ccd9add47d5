"""The settings of teams, people and API tokens: an admin adds a person to Marketing and sees them in the list
and in the team tree; anyone makes an API token and sees its secret once, then only its name."""

import re
import time

from playwright.sync_api import Page, expect

from conftest import ADMIN, VIEWER, sign_in

PEOPLE = "/settings/people"
TEAMS = "/settings/teams"
TOKENS = "/settings/tokens"


def test_admin_adds_a_person_to_marketing(page: Page, moment):
    sign_in(page, ADMIN, "en")
    page.goto(PEOPLE)
    expect(page.locator("main h1")).to_have_text("People and roles")
    stamp = int(time.time() * 1000)
    name, email = f"Ngô Thị Thu {stamp}", f"thu.{stamp}@okra.demo"
    page.locator("#name").fill(name)
    page.locator("#email").fill(email)
    page.locator("#role").select_option("member")
    page.locator("#language").select_option("vi")
    page.locator("#password").fill("short")
    page.locator("#teams-marketing").check()
    page.locator("#save-person").click()
    # Too short: the message sits by the password, everything else typed is still there.
    expect(page.locator("#password-error")).to_be_visible()
    expect(page.locator("#name")).to_have_value(name)
    expect(page.locator("#email")).to_have_value(email)
    expect(page.locator("#teams-marketing")).to_be_checked()
    moment("password-refused")
    page.locator("#password").fill("mat-khau-rat-dai")
    page.locator("#save-person").click()
    expect(page).to_have_url(re.compile(r"/settings/people\?saved="))
    row = page.locator("tr", has_text=email)
    expect(row).to_contain_text(name)
    expect(row).to_contain_text("Member")
    expect(row).to_contain_text("Marketing")
    # Marketing has her as a member.
    page.goto(TEAMS + "/marketing")
    expect(page.locator("#members").get_by_label(name)).to_be_checked()


def test_viewer_reads_people_without_forms(page: Page):
    sign_in(page, VIEWER, "vi")
    page.goto(PEOPLE)
    expect(page.locator("#person-p-nam")).to_contain_text("nam@okra.demo")
    expect(page.locator("#save-person")).to_have_count(0)
    response = page.goto("/settings/people/p-nam")
    assert response is not None and response.status == 403


def test_token_secret_is_shown_once(page: Page, moment):
    sign_in(page, ADMIN, "en")
    page.goto(TOKENS)
    expect(page.locator("#tokens-personal")).to_be_visible()
    name = f"Weekly report {int(time.time() * 1000)}"
    page.locator("#name").fill(name)
    page.locator("#read_only").check()
    page.locator("#create-token").click()
    secret = page.locator("#token-secret")
    expect(secret).to_have_value(re.compile(r"^okra_[\w-]+"))
    token = secret.input_value()
    expect(page.locator("#token-secret-hint")).to_contain_text("never be shown again")
    moment("secret")
    page.goto(TOKENS)
    row = page.locator("tr", has_text=name)
    expect(row).to_contain_text("Read-only")
    expect(page.locator("#token-secret")).to_have_count(0)
    assert token not in page.content()
    row.get_by_role("button", name=f"Revoke token {name}").click()
    expect(page.locator("tr", has_text=name)).to_contain_text("Revoked on")
