import OKRCore

/// Renders `/settings/data`: the import form, what a checked file would do (or why it cannot), the exports and the
/// template.
enum DataPageView {
    static func render(_ page: Page, _ model: DataPage) -> String {
        SettingsNav.frame(page, title: page.t(.dataTitle), current: .data) { html in
            html.element("p", [("class", "muted")], text: page.t(.dataLead))
            if let done = model.done {
                html.element(
                    "p", [("class", "flash"), ("role", "status"), ("id", "imported")],
                    text: page.t(done == "people" ? .dataImportedPeople : .dataImportedOKRs))
            }
            importSection(page, model, &html)
            if model.summary != nil { result(page, model, &html) }
            exportSection(page, model, &html)
        }
    }

    static func importSection(_ page: Page, _ model: DataPage, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("aria-labelledby", "import-h")]) { html in
            html.element("h2", [("id", "import-h")], text: page.t(.dataImportTitle))
            html.element("p", [("class", "muted")], text: page.t(.dataImportLead))
            SettingsControls.notice(model.notice, invalid: false, page, &html)
            html.element(
                "form",
                [
                    ("method", "post"), ("action", Route.dataImport.path), ("enctype", "multipart/form-data"),
                    ("class", "editor settings-form"), ("id", "import-form"),
                ]
            ) { html in
                Layout.csrfField(page, &html)
                SettingsControls.select(
                    id: "kind", label: page.t(.dataKind),
                    choices: [
                        .init(value: "okrs", label: page.t(.dataKindOKRs)),
                        .init(value: "people", label: page.t(.dataKindPeople)),
                    ], chosen: model.kind.rawValue, error: nil, &html)
                html.element("div", [("class", "field")]) { html in
                    html.element("label", [("for", "file")], text: page.t(.dataFile))
                    html.open(
                        "input",
                        [
                            ("type", "file"), ("id", "file"), ("name", "file"), ("required", ""),
                            ("accept", ".csv,.xlsx,.json,text/csv,application/json"),
                            ("aria-describedby", "file-hint"),
                        ])
                    html.element("p", [("class", "hint"), ("id", "file-hint")], text: page.t(.dataFileHint))
                }
                cycleChoice(page, model, &html)
                html.element("button", [("type", "submit"), ("class", "primary"), ("id", "check-file")]) { html in
                    html.text(page.t(.dataCheck))
                }
            }
        }
    }

    static func cycleChoice(_ page: Page, _ model: DataPage, _ html: inout HTML) {
        SettingsControls.select(
            id: "cycle", label: page.t(.dataCycle),
            choices: [.init(value: "", label: page.t(.dataCycleNone))]
                + model.cycles.map { .init(value: $0.id.rawValue, label: $0.name) },
            chosen: model.cycle, error: nil, hint: page.t(.dataCycleHint), &html)
    }

    /// What the checked file would do, each refused row, and the button that imports it.
    static func result(_ page: Page, _ model: DataPage, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("aria-labelledby", "result-h"), ("id", "import-result")]) {
            html in
            html.element("h2", [("id", "result-h")], text: page.t(.dataResultTitle, ["file": model.fileName]))
            if let summary = model.summary { html.element("p", [("id", "import-summary")], text: summary) }
            if !model.problems.isEmpty {
                html.element(
                    "p", [("class", "form-error"), ("role", "alert")],
                    text: page.t(.importRefused, ["count": String(model.problems.count)]))
                html.element("ul", [("class", "import-problems"), ("id", "import-problems")]) { html in
                    for problem in model.problems.prefix(200) { html.element("li", text: problem.message) }
                }
                if model.problems.count > 200 {
                    html.element(
                        "p", [("class", "muted")],
                        text: page.t(.dataMoreProblems, ["count": String(model.problems.count - 200)]))
                }
            } else if !model.changes {
                html.element("p", [("class", "muted"), ("id", "import-nothing")], text: page.t(.dataNothingNew))
            } else if let content = model.content {
                html.element(
                    "form",
                    [
                        ("method", "post"), ("action", Route.dataImport.path), ("enctype", "multipart/form-data"),
                        ("id", "apply-form"),
                    ]
                ) { html in
                    Layout.csrfField(page, &html)
                    for (name, value) in [
                        ("kind", model.kind.rawValue), ("cycle", model.cycle), ("file_name", model.fileName),
                        ("content", content), ("apply", "1"),
                    ] {
                        html.open("input", [("type", "hidden"), ("name", name), ("value", value)])
                    }
                    html.element("button", [("type", "submit"), ("class", "primary"), ("id", "apply-import")]) { html in
                        html.text(page.t(.dataApply))
                    }
                }
            }
        }
    }

    static func exportSection(_ page: Page, _ model: DataPage, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("aria-labelledby", "export-h")]) { html in
            html.element("h2", [("id", "export-h")], text: page.t(.dataExportTitle))
            html.element("p", [("class", "muted")], text: page.t(.dataExportLead))
            let lang = "&lang=" + page.language.rawValue
            html.element("ul", [("class", "export-links")]) { html in
                for cycle in model.cycles {
                    html.element("li") { html in
                        html.text(cycle.name + ": ")
                        for format in [OKRExport.Format.xlsx, .csv, .json, .yaml] {
                            html.element(
                                "a",
                                [
                                    (
                                        "href",
                                        "/api/v1/exports?kind=okrs&format=\(format.rawValue)&cycle=\(cycle.id.rawValue)"
                                            + lang
                                    ),
                                    ("download", ""),
                                ], text: format.rawValue.uppercased())
                            html.text(" ")
                        }
                    }
                }
                html.element("li") { html in
                    html.text(page.t(.dataExportEverything) + ": ")
                    html.element(
                        "a", [("href", "/api/v1/exports?kind=okrs&format=json" + lang), ("download", "")], text: "JSON")
                    html.text(" ")
                    html.element(
                        "a", [("href", "/api/v1/exports?kind=okrs&format=xlsx" + lang), ("download", "")], text: "XLSX")
                }
                html.element("li") { html in
                    html.text(page.t(.dataExportPeople) + ": ")
                    html.element(
                        "a", [("href", "/api/v1/exports?kind=people&format=xlsx" + lang), ("download", "")],
                        text: "XLSX")
                    html.text(" ")
                    html.element(
                        "a", [("href", "/api/v1/exports?kind=people&format=csv" + lang), ("download", "")], text: "CSV")
                }
            }
            html.element("h3", text: page.t(.dataTemplateTitle))
            html.element("p", [("class", "muted")], text: page.t(.dataTemplateLead))
            html.element("p") { html in
                html.element(
                    "a",
                    [("href", Route.dataTemplate.path(["format": "xlsx"])), ("download", ""), ("id", "template-xlsx")],
                    text: page.t(.dataTemplateXLSX))
                html.text(" · ")
                html.element(
                    "a",
                    [("href", Route.dataTemplate.path(["format": "csv"])), ("download", ""), ("id", "template-csv")],
                    text: page.t(.dataTemplateCSV))
            }
        }
    }
}
