import Foundation
import OKRCore

/// Renders `/settings/holidays`: a table of public holidays per year (names in the page's language, a
/// compensatory day marked in words), then the organization's own days off with, for admins, a remove button
/// each and the form to add one.
enum HolidaysPageView {
    static func render(_ page: Page, _ model: HolidaysPage) -> String {
        SettingsNav.frame(page, title: page.t(.settingsHolidaysTitle), current: .holidays) { html in
            if let notice = model.notice {
                html.element(
                    "p",
                    [
                        ("class", model.noticeIsError ? "form-error" : "saved"),
                        ("role", model.noticeIsError ? "alert" : "status"), ("id", "holidays-notice"),
                    ], text: notice)
            }
            own(page, model, &html)
            html.element(
                "p", [("class", "muted")],
                text: page.t(
                    model.settings.observesVietnameseHolidays ? .settingsHolidaysObserved : .settingsHolidaysNotObserved
                ))
            for year in model.years { publicHolidays(page, year, &html) }
        }
    }

    static func publicHolidays(_ page: Page, _ year: HolidaysPage.Year, _ html: inout HTML) {
        let id = "public-\(year.year)"
        html.element("section", [("class", "card holidays"), ("id", id), ("aria-labelledby", id + "-h")]) { html in
            html.element("h2", [("id", id + "-h")], text: page.t(.settingsPublicHolidays, ["year": String(year.year)]))
            html.element("div", [("class", "table-scroll")]) { html in
                html.element("table", [("class", "history")]) { html in
                    html.element("thead") { html in
                        html.element("tr") { html in
                            html.element("th", [("scope", "col")], text: page.t(.settingsColDay))
                            html.element("th", [("scope", "col")], text: page.t(.settingsColWeekday))
                            html.element("th", [("scope", "col")], text: page.t(.settingsColHoliday))
                        }
                    }
                    html.element("tbody") { html in
                        for holiday in year.holidays {
                            html.element("tr", [("data-day", holiday.day.iso)]) { html in
                                html.element("td", text: page.day(holiday.day))
                                html.element(
                                    "td", text: page.t(OrganizationSettingsPageView.weekdayKey(holiday.day.weekday)))
                                html.element("td") { html in
                                    html.text(holiday.name.text(page.language))
                                    if holiday.isCompensatory {
                                        html.element(
                                            "span", [("class", "chip")], text: " " + page.t(.settingsCompensatory))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func own(_ page: Page, _ model: HolidaysPage, _ html: inout HTML) {
        let version = String(model.entry.version)
        html.element("section", [("class", "card"), ("id", "own-holidays"), ("aria-labelledby", "own-h")]) { html in
            html.element("h2", [("id", "own-h")], text: page.t(.settingsOwnHolidays))
            if model.settings.holidays.isEmpty {
                html.element("p", [("class", "empty muted")], text: page.t(.settingsOwnHolidaysNone))
            } else {
                html.element("ul", [("class", "own-holidays")]) { html in
                    for day in model.settings.holidays {
                        let shown = page.day(day)
                        html.element("li", [("data-day", day.iso)]) { html in
                            html.element(
                                "span",
                                text: shown + " · " + page.t(OrganizationSettingsPageView.weekdayKey(day.weekday)))
                            guard model.canChange else { return }
                            html.element(
                                "form",
                                [("method", "post"), ("action", Route.removeHoliday.path), ("class", "inline")]
                            ) { html in
                                Layout.csrfField(page, &html)
                                html.open("input", [("type", "hidden"), ("name", "version"), ("value", version)])
                                html.open("input", [("type", "hidden"), ("name", "day"), ("value", day.iso)])
                                html.element(
                                    "button", [("type", "submit")], text: page.t(.settingsHolidayRemove, ["day": shown])
                                )
                            }
                        }
                    }
                }
            }
            guard model.canChange else { return }
            html.element(
                "form",
                [("method", "post"), ("action", Route.holidays.path), ("class", "editor cycle-form holiday-form")]
            ) { html in
                Layout.csrfField(page, &html)
                html.open("input", [("type", "hidden"), ("name", "version"), ("value", version)])
                html.element("div", [("class", model.error == nil ? "field" : "field invalid")]) { html in
                    html.element("label", [("for", "holiday-day")], text: page.t(.settingsHolidayDay))
                    let described = model.error == nil ? "holiday-day-hint" : "holiday-day-hint holiday-day-error"
                    html.open(
                        "input",
                        [
                            ("type", "date"), ("id", "holiday-day"), ("name", "day"), ("value", model.day),
                            ("required", ""), ("placeholder", "YYYY-MM-DD"), ("aria-describedby", described),
                            ("aria-invalid", model.error == nil ? nil : "true"),
                        ])
                    html.element(
                        "small", [("id", "holiday-day-hint"), ("class", "hint")], text: page.t(.cyclesDateHint))
                    if let error = model.error {
                        html.element("p", [("id", "holiday-day-error"), ("class", "field-error")], text: error)
                    }
                }
                html.element(
                    "button", [("type", "submit"), ("class", "primary"), ("id", "add-holiday")],
                    text: page.t(.settingsHolidayAdd))
            }
        }
    }
}
