import Foundation
import OKRCore

/// Renders the KPI pages: the list with health bands, one KPI with its chart against its thresholds, its values and
/// the KRs it feeds, and the form that defines one. Each page says what a KPI is for, next to OKRs.
enum KPIPagesView {
    static func list(_ page: Page, _ model: KPIList) -> String {
        Layout.render(page, title: page.t(.kpiTitle)) { html in
            html.element("div", [("class", "pagehead")]) { html in
                html.element("h1", text: page.t(.kpiTitle))
                if model.mayDefine {
                    html.element(
                        "a", [("class", "button primary"), ("id", "new-kpi"), ("href", Route.newKPI.path)],
                        text: page.t(.kpiNew))
                }
            }
            kpiOrOKR(page, &html)
            html.element("section", [("class", "card"), ("aria-labelledby", "kpis-h")]) { html in
                html.element("h2", [("id", "kpis-h")], text: page.t(.kpiAll))
                guard !model.rows.isEmpty else {
                    html.element("p", [("class", "empty")], text: page.t(model.mayDefine ? .kpiEmptyDefine : .kpiEmpty))
                    return
                }
                html.element("div", [("class", "table-scroll")]) { html in
                    html.element("table", [("class", "kpis")]) { html in
                        html.element("thead") { html in
                            html.element("tr") { html in
                                for key in [StringKey.kpiName, .kpiOwner, .kpiLatest, .kpiHealth, .kpiThresholds] {
                                    html.element("th", [("scope", "col")], text: page.t(key))
                                }
                            }
                        }
                        html.element("tbody") { html in
                            for row in model.rows {
                                html.element("tr", [("id", "kpi-\(row.kpi.id.rawValue)")]) { html in
                                    html.element("td") { html in
                                        html.element(
                                            "a", [("href", Route.kpi(.id(row.kpi.id)).path)],
                                            text: row.kpi.name.text(page.language))
                                    }
                                    html.element("td") { html in owner(page, row.owner, &html) }
                                    html.element("td") { html in
                                        if let latest = row.latest {
                                            html.text(
                                                NumberText.format(latest.value, unit: row.kpi.unit, page.language))
                                            html.element(
                                                "small", [("class", "muted")], text: " · " + day(latest.day, page))
                                        } else {
                                            html.element("span", [("class", "muted")], text: page.t(.kpiNoValue))
                                        }
                                    }
                                    html.element("td") { html in health(page, row.health, &html) }
                                    html.element("td", text: thresholds(page, row.kpi))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func detail(_ page: Page, _ model: KPIDetail) -> String {
        let kpi = model.kpi.value
        let name = kpi.name.text(page.language)
        return Layout.render(page, title: name) { html in
            html.element("nav", [("class", "breadcrumbs"), ("aria-label", page.t(.kpiBreadcrumbs))]) { html in
                html.element("a", [("href", Route.kpis.path)], text: page.t(.kpiTitle))
            }
            html.element("div", [("class", "pagehead")]) { html in
                html.element("h1", text: name)
                if model.mayEdit {
                    html.element(
                        "a", [("class", "button"), ("id", "edit-kpi"), ("href", Route.editKPI(.id(kpi.id)).path)],
                        text: page.t(.kpiEdit))
                }
            }
            html.element("section", [("class", "card kpi-summary")]) { html in
                html.element("p") { html in
                    html.element("strong", text: page.t(.kpiOwner) + ": ")
                    owner(page, model.owner, &html)
                }
                html.element("p") { html in
                    html.element("strong", text: page.t(.kpiLatest) + ": ")
                    if let latest = model.latest {
                        html.text(NumberText.format(latest.value, unit: kpi.unit, page.language) + " (")
                        html.text(day(latest.day, page) + ") ")
                        health(page, kpi.health(of: latest.value), &html)
                    } else {
                        html.text(page.t(.kpiNoValue))
                    }
                }
                html.element("p", text: thresholds(page, kpi))
                if !model.values.isEmpty { chart(page, model, &html) }
            }
            if model.mayRecord { recordForm(page, model, &html) }
            html.element("section", [("class", "card"), ("id", "feeds"), ("aria-labelledby", "feeds-h")]) { html in
                html.element("h2", [("id", "feeds-h")], text: page.t(.kpiFeeds))
                if model.feeds.isEmpty {
                    html.element("p", [("class", "empty")], text: page.t(.kpiFeedsNone))
                } else {
                    html.element("ul") { html in
                        for fed in model.feeds {
                            html.element("li") { html in
                                html.element(
                                    "a",
                                    [
                                        (
                                            "href",
                                            Route.objective(.id(fed.objective.id)).path
                                                + "#kr-\(fed.keyResult.id.rawValue)"
                                        )
                                    ],
                                    text: fed.keyResult.title.text(page.language))
                                html.element(
                                    "span", [("class", "muted")], text: " · " + fed.objective.title.text(page.language))
                            }
                        }
                    }
                }
            }
            html.element("section", [("class", "card"), ("aria-labelledby", "values-h")]) { html in
                html.element("h2", [("id", "values-h")], text: page.t(.kpiValues))
                guard !model.values.isEmpty else {
                    html.element("p", [("class", "empty")], text: page.t(.kpiNoValues))
                    return
                }
                html.element("div", [("class", "table-scroll")]) { html in
                    html.element("table", [("class", "kpi-values")]) { html in
                        html.element("thead") { html in
                            html.element("tr") { html in
                                for key in [StringKey.kpiDay, .kpiValue, .kpiHealth] {
                                    html.element("th", [("scope", "col")], text: page.t(key))
                                }
                            }
                        }
                        html.element("tbody") { html in
                            for value in model.values.reversed() {
                                html.element("tr") { html in
                                    html.element("td", text: day(value.day, page))
                                    html.element(
                                        "td", text: NumberText.format(value.value, unit: kpi.unit, page.language))
                                    html.element("td") { html in health(page, kpi.health(of: value.value), &html) }
                                }
                            }
                        }
                    }
                }
            }
            kpiOrOKR(page, &html)
        }
    }

    static func form(_ page: Page, _ form: KPIForm) -> String {
        let title = form.editing == nil ? page.t(.kpiNew) : page.t(.kpiEdit)
        let action = form.editing.map { Route.editKPI(.id($0.value.id)).path } ?? Route.newKPI.path
        return Layout.render(page, title: title) { html in
            html.element("h1", text: title)
            if !form.errors.isEmpty {
                html.element("p", [("class", "form-error"), ("role", "alert")], text: page.t(.editorInvalid))
            }
            kpiOrOKR(page, &html)
            html.element("form", [("method", "post"), ("action", action), ("class", "editor kpi-form")]) { html in
                Layout.csrfField(page, &html)
                if form.editing != nil {
                    html.open("input", [("type", "hidden"), ("name", "version"), ("value", form["version"])])
                }
                html.element("fieldset") { html in
                    html.element("legend", text: page.t(.kpiDefinition))
                    input(page, form, "name", page.t(.kpiName), required: true, &html)
                    input(page, form, "name_en", page.t(.kpiNameEn), &html)
                    input(page, form, "unit", page.t(.editorKrUnit), hint: page.t(.editorKrUnitHint), &html)
                    select(
                        form, "direction", page.t(.kpiDirection),
                        [
                            ("higher_is_better", page.t(.kpiHigherIsBetter)),
                            ("lower_is_better", page.t(.kpiLowerIsBetter)),
                        ], &html)
                    input(page, form, "healthy", page.t(.kpiHealthy), hint: page.t(.kpiHealthyHint), &html)
                    input(page, form, "unhealthy", page.t(.kpiUnhealthy), hint: page.t(.kpiUnhealthyHint), &html)
                    select(form, "owner", page.t(.kpiOwner), form.owners, &html)
                }
                html.element(
                    "button", [("type", "submit"), ("class", "primary"), ("id", "save-kpi")], text: page.t(.kpiSave))
            }
        }
    }

    // MARK: Parts

    /// The guide on KPIs and OKRs, with its example: a KPI tells the health of what runs, an OKR the change.
    static func kpiOrOKR(_ page: Page, _ html: inout HTML) {
        html.element("details", [("class", "card kpi-or-okr"), ("id", "kpi-or-okr")]) { html in
            html.element("summary", text: page.t(.kpiOrOKRTitle))
            html.element("p", text: page.t(.kpiOrOKRBody))
            html.element("p", text: page.t(.kpiOrOKRExample))
        }
    }

    private static func recordForm(_ page: Page, _ model: KPIDetail, _ html: inout HTML) {
        let id = model.kpi.value.id
        html.element("section", [("class", "card"), ("aria-labelledby", "record-h")]) { html in
            html.element("h2", [("id", "record-h")], text: page.t(.kpiRecord))
            html.element(
                "form", [("method", "post"), ("action", Route.kpiValues(.id(id)).path), ("class", "kpi-record")]
            ) {
                html in
                Layout.csrfField(page, &html)
                for (name, type, label, fallback) in [
                    ("day", "date", page.t(.kpiDay), model.today.iso), ("value", "text", page.t(.kpiValue), ""),
                ] {
                    let error = model.errors[name]
                    html.element("div", [("class", error == nil ? "field" : "field invalid")]) { html in
                        html.element("label", [("for", "kpi-" + name)], text: label)
                        html.open(
                            "input",
                            [
                                ("type", type), ("id", "kpi-" + name), ("name", name),
                                ("value", model.typed[name] ?? fallback), ("required", ""),
                                ("inputmode", name == "value" ? "decimal" : nil),
                                ("aria-invalid", error == nil ? nil : "true"),
                                ("aria-describedby", error == nil ? nil : "kpi-\(name)-error"),
                            ])
                        if let error {
                            html.element("p", [("class", "field-error"), ("id", "kpi-\(name)-error")], text: error)
                        }
                    }
                }
                html.element("button", [("type", "submit"), ("id", "record-value")], text: page.t(.kpiRecordButton))
            }
        }
    }

    /// The values as a line against the two thresholds, with the same in words for those who cannot see it.
    private static func chart(_ page: Page, _ model: KPIDetail, _ html: inout HTML) {
        let kpi = model.kpi.value
        let values = model.values.suffix(60)
        let numbers = values.map { NSDecimalNumber(decimal: $0.value).doubleValue }
        let healthy = NSDecimalNumber(decimal: kpi.healthy).doubleValue
        let unhealthy = NSDecimalNumber(decimal: kpi.unhealthy).doubleValue
        let low = min(numbers.min() ?? 0, healthy, unhealthy)
        let high = max(numbers.max() ?? 1, healthy, unhealthy)
        let span = high - low == 0 ? 1 : high - low
        let (width, height, pad) = (600.0, 180.0, 12.0)
        func y(_ value: Double) -> String { String(format: "%.1f", pad + (high - value) / span * (height - 2 * pad)) }
        func x(_ index: Int) -> String {
            String(
                format: "%.1f",
                values.count == 1 ? width / 2 : pad + Double(index) / Double(values.count - 1) * (width - 2 * pad))
        }
        let described = page.t(
            .kpiChartDescription,
            [
                "count": String(values.count), "first": day(values.first!.day, page),
                "last": day(values.last!.day, page),
                "latest": NumberText.format(values.last!.value, unit: kpi.unit, page.language),
            ])
        html.element(
            "svg",
            [
                ("class", "kpi-chart"), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"),
                ("aria-labelledby", "kpi-chart-title kpi-chart-desc"),
            ]
        ) { html in
            html.element("title", [("id", "kpi-chart-title")], text: page.t(.kpiChartTitle))
            html.element("desc", [("id", "kpi-chart-desc")], text: described)
            for (threshold, kind) in [(healthy, "healthy"), (unhealthy, "unhealthy")] {
                html.open(
                    "line",
                    [
                        ("class", "threshold t-\(kind)"), ("x1", "0"), ("x2", String(Int(width))), ("y1", y(threshold)),
                        ("y2", y(threshold)),
                    ])
            }
            let points = numbers.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            html.open("polyline", [("class", "values"), ("points", points)])
            for (index, number) in numbers.enumerated() {
                html.open("circle", [("class", "value"), ("cx", x(index)), ("cy", y(number)), ("r", "3")])
            }
        }
        html.element("p", [("class", "visually-hidden")], text: described)
    }

    static func health(_ page: Page, _ health: KPI.Health?, _ html: inout HTML) {
        guard let health else {
            html.element("span", [("class", "muted")], text: "—")
            return
        }
        let key: StringKey =
            switch health {
            case .healthy: .kpiHealthHealthy
            case .watch: .kpiHealthWatch
            case .unhealthy: .kpiHealthUnhealthy
            }
        html.element(
            "span", [("class", "chip health h-\(health.rawValue)"), ("data-health", health.rawValue)], text: page.t(key)
        )
    }

    static func thresholds(_ page: Page, _ kpi: KPI) -> String {
        let higher = kpi.direction == .higherIsBetter
        return page.t(
            higher ? .kpiThresholdsHigher : .kpiThresholdsLower,
            [
                "healthy": NumberText.format(kpi.healthy, unit: kpi.unit, page.language),
                "unhealthy": NumberText.format(kpi.unhealthy, unit: kpi.unit, page.language),
            ])
    }

    private static func owner(_ page: Page, _ team: Team?, _ html: inout HTML) {
        if let team {
            html.element("a", [("href", Route.team(.id(team.id)).path)], text: team.name.text(page.language))
        } else {
            html.element("span", [("class", "muted")], text: page.t(.kpiNoOwner))
        }
    }

    static func day(_ day: Day, _ page: Page) -> String { page.day(day) }

    private static func input(
        _ page: Page, _ form: KPIForm, _ name: String, _ label: String, hint: String? = nil, required: Bool = false,
        _ html: inout HTML
    ) {
        let error = form.errors[name]
        html.element("div", [("class", error == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", name)], text: label)
            let described = [hint == nil ? nil : name + "-hint", error == nil ? nil : name + "-error"].compactMap { $0 }
            html.open(
                "input",
                [
                    ("type", "text"), ("id", name), ("name", name), ("value", form[name]), ("maxlength", "200"),
                    ("required", required ? "" : nil), ("aria-invalid", error == nil ? nil : "true"),
                    ("aria-describedby", described.isEmpty ? nil : described.joined(separator: " ")),
                ])
            if let hint { html.element("small", [("class", "hint"), ("id", name + "-hint")], text: hint) }
            if let error { html.element("p", [("class", "field-error"), ("id", name + "-error")], text: error) }
        }
    }

    private static func select(
        _ form: KPIForm, _ name: String, _ label: String, _ choices: [(value: String, label: String)],
        _ html: inout HTML
    ) {
        let error = form.errors[name]
        html.element("div", [("class", error == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", name)], text: label)
            html.element(
                "select",
                [
                    ("id", name), ("name", name), ("aria-invalid", error == nil ? nil : "true"),
                    ("aria-describedby", error == nil ? nil : name + "-error"),
                ]
            ) { html in
                for choice in choices {
                    html.element(
                        "option", [("value", choice.value), ("selected", choice.value == form[name] ? "" : nil)],
                        text: choice.label)
                }
            }
            if let error { html.element("p", [("class", "field-error"), ("id", name + "-error")], text: error) }
        }
    }
}
