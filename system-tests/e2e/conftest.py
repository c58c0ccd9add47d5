"""End-to-end tests of Okra's web UI in a real headless Chromium (Debian's /usr/bin/chromium).

`scripts/e2e.sh` starts the real `okra demo` on a free port with a new SQLite file and runs this suite with:
  OKRA_BASE_URL   where the server answers, e.g. http://127.0.0.1:40123
  OKRA_BINARY     the okra binary (used for `okra token create`)
  OKRA_DB         the server's SQLite file
  SCREENSHOT_DIR  where each test's screenshot goes (one PNG named after the test)

Every test gets a fresh browser context (no cookies), signs in as a demo person and sets its language, so the
tests do not depend on one another's order even though they share one demo organization.
"""

import json
import os
import pathlib
import re
import subprocess
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

PASSWORD = "okra-demo-2026"
ADMIN = "admin@okra.demo"
VIEWER = "mai@okra.demo"

# Longest wait for one element; a page of this app renders in milliseconds, so this only bounds a failure.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set: run the suite through scripts/e2e.sh", returncode=2)
    return value


@pytest.fixture(scope="session")
def base_url() -> str:
    """pytest-playwright resolves `page.goto("/map")` against this."""
    return _required("OKRA_BASE_URL").rstrip("/")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium instead of a downloaded browser; as root it needs --no-sandbox."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """An English-speaking browser at a laptop's size; tests choose the page language explicitly."""
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def screenshot_dir() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("SCREENSHOT_DIR") or "/tmp/okra-e2e-screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def artifact_name(request) -> str:
    """The test's name as a file name: `test_page_is_accessible[chromium-/map-vi]` → `…chromium-_map-vi`."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name).strip("_")


@pytest.fixture(autouse=True)
def screenshot(page: Page, request, screenshot_dir: pathlib.Path):
    """Every test leaves a full-page screenshot named after it, whether it passed or failed."""
    page.set_default_timeout(TIMEOUT_MS)
    yield
    name = artifact_name(request)
    try:
        page.screenshot(path=str(screenshot_dir / f"{name}.png"), full_page=True)
    except Exception as error:  # a crashed page must not hide the test's own failure
        print(f"no screenshot for {name}: {error}")


@pytest.fixture
def moment(page: Page, request, screenshot_dir: pathlib.Path):
    """`moment("done")` saves a screenshot of a step worth seeing, named after the test and the step."""

    def save(label: str) -> None:
        page.screenshot(path=str(screenshot_dir / f"{artifact_name(request)}-{label}.png"), full_page=True)

    return save


# MARK: signing in and the language


def sign_in(page: Page, email: str, language: str = "en") -> None:
    """Signs in through the form, like a person would, then makes sure the pages speak `language`."""
    page.goto("/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form[action='/sign-in'] button[type=submit]").click()
    expect(page.locator("form.signout")).to_be_visible()
    set_language(page, language)


def set_language(page: Page, language: str) -> None:
    """Uses the language switch in the top bar (remembered for the signed-in person) unless already there."""
    if page.locator("html").get_attribute("lang") != language:
        page.locator(f"form.language button[value='{language}']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


# MARK: the JSON API, for setting up data a test then looks at in the browser


@pytest.fixture(scope="session")
def admin_token() -> str:
    """An admin API token made by the real CLI, as an administrator would make one."""
    result = subprocess.run(
        [
            _required("OKRA_BINARY"), "token", "create", "--db", _required("OKRA_DB"), "--email", ADMIN,
            "--name", "e2e",
        ],
        check=True, capture_output=True, text=True)
    return result.stdout.strip()


class API:
    """The JSON API with the admin token: for data a test needs that no page of the test makes."""

    def __init__(self, base_url: str, token: str):
        self.base_url = base_url
        self.token = token

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read().decode(errors='replace')}") from error

    def active_cycle(self) -> str:
        cycles = self.call("GET", "/api/v1/cycles")["data"]
        return next(cycle["id"] for cycle in cycles if cycle["state"] == "active")


@pytest.fixture(scope="session")
def api(base_url: str, admin_token: str) -> API:
    return API(base_url, admin_token)


# MARK: where things are (the URL contract of issue 5)

# The objectives of the whole company (the overview that was at / before "My week").
COMPANY = "/company"
MAP = "/map"
MY_WEEK = "/"
CHECK_IN = "/check-in"
CHECK_IN_DONE = "/check-in/done"
NEW_OBJECTIVE = "/objectives/new"


def objective_page(objective_id: str) -> str:
    return f"/objectives/{objective_id}"


def objective_editor(objective_id: str) -> str:
    return f"/objectives/{objective_id}/edit"


def press_tab_until(page: Page, element_id: str, limit: int = 80) -> None:
    """Moves the keyboard focus forward with Tab, as a keyboard user would, until it reaches `element_id`."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} was not reached with {limit} presses of Tab")
