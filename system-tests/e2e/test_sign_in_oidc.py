"""Signing in through the company's identity provider: a real OpenID Connect provider (oidc-provider-mock from
PyPI, started by scripts/e2e.sh) with its own login form, the whole redirect dance in the browser."""

import re

from playwright.sync_api import Page, expect

from conftest import set_language


def me(page: Page) -> dict:
    """Who the browser is signed in as, from the API with the page's own session cookie."""
    response = page.request.get("/api/v1/me")
    assert response.status == 200, response.text()
    return response.json()


def start_at_the_provider(page: Page, next_path: str = "/") -> None:
    page.goto("/sign-in?next=" + next_path)
    button = page.locator("#sign-in-oidc")
    expect(button).to_have_text(re.compile("Okra IdP"))
    button.click()
    # The provider's own login form, on its own origin.
    expect(page.locator("input[name=sub]").first).to_be_visible()
    assert "/oauth2/authorize" in page.url


def test_a_new_person_is_created_at_first_sign_in_and_lands_where_they_were_going(page: Page, moment):
    start_at_the_provider(page, "/map")
    moment("provider")
    page.locator("button[name=sub][value=u-vy]").click()
    expect(page).to_have_url(re.compile(r"/map$"))
    expect(page.locator("form.signout")).to_be_visible()
    set_language(page, "vi")
    person = me(page)
    assert person["name"] == "Phan Thảo Vy"
    assert person["email"] == "vy@okra.demo"
    assert person["role"] == "member"


def test_someone_already_in_okra_is_linked_by_their_e_mail(page: Page):
    start_at_the_provider(page)
    page.locator("input[name=sub]").first.fill("ha@okra.demo")
    page.locator("input[name=sub]").first.press("Enter")
    expect(page.locator("form.signout")).to_be_visible()
    assert me(page)["id"] == "p-ha"


def test_a_refusal_at_the_provider_is_explained_on_the_sign_in_page(page: Page):
    start_at_the_provider(page)
    page.locator("button[value=deny]").click()
    expect(page.locator("#signin-error[role=alert]")).to_contain_text("denied the request")
    expect(page.locator("form.signout")).to_have_count(0)
    expect(page.locator("#sign-in-oidc")).to_be_visible()
