"""axe-core (the copy shipped in axe-playwright-python) on every page, in both languages, at a laptop's width
(1366 px) and a phone's (390 px), for an administrator and a member (see WALKS), and in the dark scheme: no
serious or critical violation of WCAG 2.x A/AA; the lesser ones are printed so they can be seen in the CI log."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import ADMIN, sign_in
from site_pages import ADMIN_PAGES, MEMBER, MEMBER_PAGES

FAILING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# Serious violations known and reported but not yet fixed, by page: each must still be there (so the entry is
# removed as soon as it is fixed), and nothing else serious may appear on that page.
KNOWN_VIOLATIONS: dict[str, set[str]] = {}
LANGUAGES = ["vi", "en"]
WIDTHS = [1366, 390]


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


def problems(page: Page, path: str) -> list[str]:
    """What is wrong with `path` for axe: its status, a missing heading, serious violations (known ones aside,
    which must still be there)."""
    response = page.goto(path)
    if response is None or response.status != 200:
        return [f"{path}: status {response and response.status}"]
    expect(page.locator("main h1")).to_be_visible()
    serious = violations(page)
    known = KNOWN_VIOLATIONS.get(path, set())
    found: list[str] = []
    still_there = known & {v["id"] for v in serious}
    if still_there != known:
        found.append(f"{sorted(known - still_there)} fixed on {path}: remove from KNOWN_VIOLATIONS")
    unexpected = [v for v in serious if v["id"] not in known]
    if unexpected:
        found.append(f"{path}: {describe(unexpected)}")
    return found


def walk(page: Page, paths: list[str], label: str) -> None:
    """Every page of `paths` in one signed-in browser: all problems are gathered, then reported together."""
    found = [problem for path in paths for problem in problems(page, path)]
    assert not found, f"{label}:\n" + "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_page_is_accessible(page: Page, language: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/sign-in")
    if page.locator("html").get_attribute("lang") != language:
        page.locator(f"form.language button[value='{language}']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#email")).to_be_visible()
    serious = violations(page)
    assert not serious, describe(serious)


# Each role walks every page in both languages and at both widths, each language at a different width for the
# two roles, so every (role, language), (role, width) and (language, width) pair is walked once (and each walk
# is a few minutes of axe).
WALKS = {"admin": [("vi", 1366), ("en", 390)], "member": [("en", 1366), ("vi", 390)]}


@pytest.mark.parametrize(("language", "width"), WALKS["admin"])
def test_every_page_is_accessible_to_an_admin(page: Page, language: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, ADMIN, language)
    walk(page, ADMIN_PAGES, f"admin, {language}, {width} px")


@pytest.mark.parametrize(("language", "width"), WALKS["member"])
def test_every_page_is_accessible_to_a_member(page: Page, language: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, MEMBER, language)
    walk(page, MEMBER_PAGES, f"member, {language}, {width} px")


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_menu_is_accessible_on_a_phone(page: Page, language: str):
    page.set_viewport_size({"width": 390, "height": 900})
    sign_in(page, ADMIN, language)
    page.goto("/")
    page.locator("#nav-toggle").click()
    expect(page.locator("nav.main-nav")).to_be_visible()
    serious = violations(page)
    assert not serious, describe(serious)


def test_every_page_is_accessible_in_the_dark_scheme(page: Page):
    """The stylesheet's dark colours (prefers-color-scheme: dark) keep every text at AA contrast too."""
    page.emulate_media(color_scheme="dark")
    sign_in(page, ADMIN, "vi")
    walk(page, ADMIN_PAGES, "admin, dark scheme")
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(13, 17, 23)", f"not the dark scheme: {background}"
