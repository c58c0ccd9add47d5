"""The alignment map: a server-drawn SVG with the company objective at the root, then the company → teams →
people outline, where people's objectives stay folded until their team is opened."""

import re

from playwright.sync_api import Page, expect

from conftest import ADMIN, MAP, sign_in

COMPANY_OBJECTIVE = "Grow revenue sustainably from new customers"


def test_alignment_map_shows_the_company_objective(page: Page):
    sign_in(page, ADMIN, "en")
    page.goto(MAP)
    svg = page.locator("main svg[role=img]")
    expect(svg).to_be_visible()
    # Each node names its objective (full title in <title>, a shortened one drawn), with progress and status.
    company = svg.locator("g.node", has=page.locator("title", has_text=COMPANY_OBJECTIVE))
    expect(company).to_have_count(1)
    expect(company.locator("text").first).to_have_text(COMPANY_OBJECTIVE[:39] + "…")
    expect(company.locator("text").nth(1)).to_contain_text("%")
    # Marketing and Sales hang under it: edges are drawn.
    expect(svg.locator("path.edge").first).to_be_attached()
    # The outline: the company first with its objective, then the teams with theirs, status in words.
    teams = page.locator(".map-tree .map-team")
    expect(teams.first).to_contain_text(COMPANY_OBJECTIVE)
    marketing = page.locator(".map-tree #team-marketing")
    expect(marketing.locator(".map-entries").first).to_contain_text("Improve advertising channels")
    expect(marketing.locator(".map-entries .map-status").first).to_have_text(
        re.compile("On track|At risk|Off track|Done|Not started"))
    expect(page.locator(".map-tree #team-sales")).to_contain_text("Personalise the sales approach")


def test_expanding_a_team_shows_its_people(page: Page):
    sign_in(page, ADMIN, "en")
    page.goto(MAP)
    people = page.locator("#team-marketing details.map-people")
    # Folded by default: the person's objective is in the page but not shown.
    expect(people).not_to_have_attribute("open", "")
    person_objective = people.locator(".map-person", has_text="Become the team's e-mail marketing lead")
    expect(person_objective).to_be_hidden()
    people.locator("summary").click()
    expect(person_objective).to_be_visible()
    expect(person_objective.locator(".map-person-name")).to_have_text("Lê Văn Nam")
    people.get_by_role("link", name="Become the team's e-mail marketing lead").click()
    expect(page.locator("h1")).to_have_text("Become the team's e-mail marketing lead")
