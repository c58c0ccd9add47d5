"""Full-page screenshots of every page of Okra, for an admin and a member, in Vietnamese and English, at a
laptop's width (1366 px) and a phone's (390 px).

    python scripts/screenshots.py BASE_URL OUTDIR

BASE_URL is a running `okra demo` (scripts/screenshots.sh starts one on a fresh database). Each picture is named
`<role>-<language>-<width>-<page>.png`; a page that does not answer 200 is listed at the end (a member is refused
the settings an admin sees, which is expected)."""

import pathlib
import re
import sys

from playwright.sync_api import sync_playwright

PASSWORD = "okra-demo-2026"
PEOPLE = {"admin": "admin@okra.demo", "member": "nam@okra.demo"}  # site_pages.MEMBER
LANGUAGES = ["vi", "en"]
WIDTHS = [1366, 390]


def page_lists() -> tuple[list[str], list[str]]:
    """The pages of system-tests/e2e/site_pages.py (the ones the phone-width and axe checks walk through)."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "system-tests" / "e2e"))
    import site_pages
    return site_pages.MEMBER_PAGES, site_pages.ADMIN_PAGES


def name(role: str, language: str, width: int, path: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "my_week"
    return f"{role}-{language}-{width}-{slug}.png"


def set_language(page, language: str) -> None:
    if page.locator("html").get_attribute("lang") != language:
        page.locator(f"form.language button[value='{language}']").first.click()
        page.wait_for_load_state()


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form[action='/sign-in'] button[type=submit]").click()
    page.locator("form.signout").wait_for()


def main() -> None:
    base, out = sys.argv[1].rstrip("/"), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    refused: list[str] = []
    member_pages, admin_pages = page_lists()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for language in LANGUAGES:
            for width in WIDTHS:
                context = browser.new_context(base_url=base, viewport={"width": width, "height": 900})
                page = context.new_page()
                page.goto("/sign-in")
                set_language(page, language)
                page.screenshot(path=str(out / name("anonymous", language, width, "/sign-in")), full_page=True)
                context.close()
                for role, email in PEOPLE.items():
                    context = browser.new_context(base_url=base, viewport={"width": width, "height": 900})
                    page = context.new_page()
                    sign_in(page, email)
                    set_language(page, language)
                    for path in admin_pages if role == "admin" else member_pages:
                        response = page.goto(path)
                        status = response.status if response else 0
                        if status != 200:
                            refused.append(f"{role} {language} {width} {path}: {status}")
                        page.screenshot(path=str(out / name(role, language, width, path)), full_page=True)
                    context.close()
        browser.close()
    count = len(list(out.glob("*.png")))
    print(f"{count} screenshots in {out}")
    for line in refused:
        print("not 200:", line)


if __name__ == "__main__":
    main()
