"""The team's weekly OKR meeting: Nam (Marketing member) writes his weekly update and checks in from My week;
then Hà (Marketing lead) opens the meeting page and sees his problem and the KR that moved, and runs the meeting
in present mode with the keyboard."""

import re

from playwright.sync_api import Page, expect

from conftest import MY_WEEK, sign_in

NAM = "nam@okra.demo"
HA = "ha@okra.demo"
# Newsletter click-through rate, Nam's, 2% → 4%.
CLICK_RATE = "kr-nam-ctr"
MEETING = "/teams/marketing/meeting"


def sign_out(page: Page) -> None:
    page.locator("form.signout button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/sign-in"))


def test_member_updates_and_the_lead_sees_it_in_the_meeting(page: Page, moment):
    sign_in(page, NAM, "en")
    page.goto(MY_WEEK)
    problem = "E2E: no projector for Thursday's webinar <b>yet</b>"
    # This week's two plans replace last week's: the first moves the click-through KR, the second nothing.
    page.locator("#plan-0-text").fill("Test a clearer call-to-action")
    page.locator("#plan-0-link").select_option("kr-nam-ctr")
    page.locator("#plan-1-text").fill("Tidy the shared drive")
    page.locator("#plan-1-link").select_option("")
    page.locator("#plan-2-text").fill("")
    page.locator("#progress").fill("Subject lines tested")
    page.locator("#problems").fill(problem)
    page.locator("#save-week").click()
    expect(page.locator("section.week-update [role=status]")).to_be_visible()

    # From My week, one click to the KR's row of the check-in form.
    page.locator(f"#kr-{CLICK_RATE} a[href='/check-in#row-{CLICK_RATE}']").click()
    page.locator(f"#value-{CLICK_RATE}").fill("3.5")
    page.locator(f"#note-{CLICK_RATE}").fill("Bigger buttons")
    page.locator("#check-in-submit").click()
    expect(page).to_have_url(re.compile(r"/check-in/done$"))
    sign_out(page)

    sign_in(page, HA, "en")
    page.goto("/teams/marketing")
    page.locator("#team-meeting").click()
    expect(page).to_have_url(re.compile(re.escape(MEETING) + "$"))
    expect(page.locator("h1")).to_have_text("Weekly OKR meeting — Marketing")
    # His problem, as text, under his name; his plan that pushes no objective.
    problems = page.locator("#m-problems")
    expect(problems).to_contain_text("Lê Văn Nam")
    expect(problems).to_contain_text(problem)
    expect(page.locator("#m-unlinked")).to_contain_text("Tidy the shared drive")
    # The KR he moved: to 3.5%, with the progress change and who checked in.
    moved = page.locator(f"#move-{CLICK_RATE}")
    expect(moved).to_contain_text("→ 3.5%")
    expect(moved).to_contain_text("checked in by Lê Văn Nam")
    expect(moved.locator(".chip")).to_have_text(re.compile(r"progress [+−]\d"))
    moment("meeting")


def test_present_mode_moves_between_sections_with_the_keyboard(page: Page, moment):
    sign_in(page, HA, "en")
    page.goto(MEETING)
    page.locator("#present-start").click()
    expect(page).to_have_url(re.compile(r"present=1"))
    sections = ["moves", "risks", "problems", "unlinked", "asks", "questions"]

    def showing(name: str) -> None:
        expect(page.locator(f"#m-{name}")).to_be_visible()
        for other in sections:
            if other != name:
                expect(page.locator(f"#m-{other}")).to_be_hidden()
        n = sections.index(name) + 1
        expect(page.locator(f"#m-{name} .section-count")).to_have_text(f"Section {n} of {len(sections)}")

    showing("moves")
    page.keyboard.press("ArrowRight")
    showing("risks")
    page.keyboard.press("PageDown")
    showing("problems")
    page.keyboard.press("End")
    showing("questions")
    moment("last-section")
    page.keyboard.press("ArrowLeft")
    showing("asks")
    page.keyboard.press("PageUp")
    showing("unlinked")
    page.keyboard.press("Home")
    showing("moves")
    # Large type in present mode, the whole screen, without the app's navigation.
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#meeting')).fontSize)")
    assert size >= 20, size
    expect(page.locator("header.topbar")).to_be_hidden()
    width = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
    assert width >= 0.9 * page.viewport_size["width"], width
    page.keyboard.press("Escape")
    expect(page).not_to_have_url(re.compile(r"present=1"))
    expect(page.locator("header.topbar")).to_be_visible()
    for name in sections:
        expect(page.locator(f"#m-{name}")).to_be_visible()


def test_meeting_exports_markdown(page: Page):
    sign_in(page, HA, "en")
    # The language comes from the person, else the cookie, else Accept-Language, which a bare request lacks.
    response = page.request.get(MEETING + ".md", headers={"Accept-Language": "en"})
    assert response.status == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    text = response.text()
    assert text.startswith("# Weekly OKR meeting — Marketing\n")
    assert "\n## What moved this week\n" in text
    assert "\n## Questions waiting for an answer\n" in text
