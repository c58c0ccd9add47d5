"""The alignment map: a server-drawn SVG with the company objective at the root, and the same tree as a list."""

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
    # Marketing and Sales hang under it: edges are drawn, and the tree lists them under the company objective.
    expect(svg.locator("path.edge").first).to_be_attached()
    root = page.locator(".map-tree > ul > li > details", has_text=COMPANY_OBJECTIVE)
    expect(root).to_have_attribute("open", "")
    expect(root.locator("ul").first).to_contain_text("Improve advertising channels")
    expect(root.locator("ul").first).to_contain_text("Personalise the sales approach")
