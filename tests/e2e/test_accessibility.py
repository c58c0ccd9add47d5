"""axe-core (the copy shipped in axe-playwright-python) on the main pages, in both languages: no serious or
critical violation of WCAG 2.x A/AA; the lesser ones are printed so they can be seen in the CI log."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import ADMIN, CHECK_IN, COMPANY, MAP, MY_WEEK, NEW_OBJECTIVE, objective_page, sign_in

FAILING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
SIGNED_IN_PAGES = [MY_WEEK, COMPANY, "/teams/marketing", MAP, objective_page("o-mkt-mql"), CHECK_IN, NEW_OBJECTIVE]
# The settings of teams, people, API tokens and SCIM tokens, and a team's and a person's form.
SIGNED_IN_PAGES += ["/settings/teams", "/settings/teams/marketing", "/settings/people", "/settings/people/p-nam",
                    "/settings/tokens", "/settings/scim"]
# Cycles (the list, the active, a closed one and the close confirmation), the organization and its holidays.
SIGNED_IN_PAGES += ["/cycles", "/cycles/2026-q4", "/cycles/2026-q3", "/cycles/2026-q4/close", "/settings",
                    "/settings/holidays"]
# Serious violations known and reported but not yet fixed, by page: each must still be there (so the entry is
# removed as soon as it is fixed), and nothing else serious may appear on that page.
# /map: the collapsible tree's summaries and links are single text lines under 24 px high with no spacing
# (WCAG 2.2 2.5.8 target size); the fix belongs in okra.css (.map-tree summary, .map-tree a).
KNOWN_VIOLATIONS: dict[str, set[str]] = {}
LANGUAGES = ["vi", "en"]


def violations(page: Page) -> list[dict]:
    """Runs axe on the page as it stands and prints every violation found, whatever its impact."""
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    for violation in found:
        targets = [node["target"] for node in violation["nodes"][:3]]
        print(f"{page.url}: [{violation['impact']}] {violation['id']}: {violation['help']} "
              f"({len(violation['nodes'])} element(s), e.g. {targets})")
    return [violation for violation in found if violation["impact"] in FAILING_IMPACTS]


def describe(serious: list[dict]) -> str:
    return "; ".join(f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]}" for v in serious)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_page_is_accessible(page: Page, language: str):
    page.goto("/sign-in")
    if page.locator("html").get_attribute("lang") != language:
        page.locator(f"form.language button[value='{language}']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#email")).to_be_visible()
    serious = violations(page)
    assert not serious, describe(serious)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_page_is_accessible(page: Page, path: str, language: str):
    sign_in(page, ADMIN, language)
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response and response.status}"
    expect(page.locator("main h1")).to_be_visible()
    serious = violations(page)
    known = KNOWN_VIOLATIONS.get(path, set())
    still_there = known & {v["id"] for v in serious}
    assert still_there == known, f"{sorted(known - still_there)} fixed on {path}: remove from KNOWN_VIOLATIONS"
    unexpected = [v for v in serious if v["id"] not in known]
    assert not unexpected, describe(unexpected)
