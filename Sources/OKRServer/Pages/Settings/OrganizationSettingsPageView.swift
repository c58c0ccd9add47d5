import Foundation
import OKRCore

/// Renders `/settings`: for admins one form (every control labelled, each message next to its field, what was
/// typed kept after a refusal); for everyone else the same values to read.
enum OrganizationSettingsPageView {
    static func render(_ page: Page, _ model: OrganizationSettingsPage) -> String {
        SettingsNav.frame(page, title: page.t(.settingsOrganizationTitle), current: .settings) { html in
            if let notice = model.notice {
                html.element(
                    "p",
                    [
                        ("class", model.noticeIsError ? "form-error" : "saved"),
                        ("role", model.noticeIsError ? "alert" : "status"), ("id", "settings-notice"),
                    ], text: notice)
            }
            if model.canChange {
                form(page, model, &html)
            } else {
                html.element("p", [("class", "muted"), ("id", "settings-read-only")], text: page.t(.settingsReadOnly))
                values(page, model.settings, gate: model.gate, activation: model.activation, &html)
            }
        }
    }

    static func weekdayKey(_ day: Weekday) -> StringKey {
        switch day {
        case .monday: return .settingsMonday
        case .tuesday: return .settingsTuesday
        case .wednesday: return .settingsWednesday
        case .thursday: return .settingsThursday
        case .friday: return .settingsFriday
        case .saturday: return .settingsSaturday
        case .sunday: return .settingsSunday
        }
    }

    static func policyKey(_ name: String) -> StringKey {
        switch name {
        case "gap": return .settingsPolicyGap
        case "weakest": return .settingsPolicyWeakest
        default: return .settingsPolicyRatio
        }
    }

    static func languageName(_ language: Language) -> String { language == .vi ? "Tiếng Việt" : "English" }

    // MARK: Reading

    static func values(
        _ page: Page, _ settings: OrganizationSettings, gate: PublishGate, activation: ActivationGate,
        _ html: inout HTML
    ) {
        let rules = SettingsResource.StatusRulesResource(settings.statusRules)
        func threshold(_ value: Decimal?) -> String {
            value.map { NumberText.format($0, page.language, places: 4, trimZeros: true) } ?? "—"
        }
        let general: [(StringKey, String)] = [
            (.settingsName, settings.name), (.settingsTimeZone, settings.timeZone),
            (.settingsWeekStart, page.t(weekdayKey(settings.weekStart))),
            (.settingsDefaultLanguage, languageName(settings.defaultLanguage)),
            (.settingsObservesHolidays, page.t(settings.observesVietnameseHolidays ? .settingsYes : .settingsNo)),
            (.settingsCheckInDay, page.t(weekdayKey(settings.checkInDay))),
            (.settingsCheckInTime, settings.checkInTime),
            (.settingsMaxObjectives, String(settings.maxObjectivesPerOwner)),
        ]
        let policy: [(StringKey, String)] = [
            (.settingsPolicy, page.t(policyKey(rules.policy))), (.settingsOnTrack, threshold(rules.onTrack)),
            (.settingsAtRisk, threshold(rules.atRisk)), (.settingsOffTrack, threshold(rules.offTrack)),
            (.settingsLowConfidence, String(rules.lowConfidenceBelow)),
            (.settingsStaleAfter, String(rules.staleAfterDays)),
        ]
        html.element("section", [("class", "card")]) { html in
            list(page, general, &html)
        }
        html.element("section", [("class", "card"), ("aria-labelledby", "policy-h")]) { html in
            html.element("h2", [("id", "policy-h")], text: page.t(.settingsPolicyHeading))
            html.element("p", [("class", "muted")], text: page.t(.settingsPolicyLead))
            list(page, policy, &html)
        }
        html.element("section", [("class", "card"), ("aria-labelledby", "gate-h")]) { html in
            html.element("h2", [("id", "gate-h")], text: page.t(.settingsGateHeading))
            list(
                page,
                [
                    (.draftingGateQuestions, page.t(gate.requiresAnsweredQuestions ? .settingsYes : .settingsNo)),
                    (.draftingGateErrors, page.t(gate.requiresNoErrors ? .settingsYes : .settingsNo)),
                ], &html)
        }
        html.element("section", [("class", "card"), ("aria-labelledby", "activation-h")]) { html in
            html.element("h2", [("id", "activation-h")], text: page.t(.settingsActivationGate))
            list(
                page,
                [
                    (
                        .settingsActivationGateQuestions,
                        page.t(activation.requiresAnsweredQuestions ? .settingsYes : .settingsNo)
                    ),
                    (.settingsActivationGateAsks, page.t(activation.requiresAnsweredAsks ? .settingsYes : .settingsNo)),
                ], &html)
        }
    }

    static func list(_ page: Page, _ rows: [(StringKey, String)], _ html: inout HTML) {
        html.element("dl", [("class", "settings-values")]) { html in
            for (key, value) in rows {
                html.element("dt", text: page.t(key))
                html.element("dd", text: value)
            }
        }
    }

    // MARK: Changing

    static func form(_ page: Page, _ model: OrganizationSettingsPage, _ html: inout HTML) {
        if !model.errors.isEmpty && model.notice == nil {
            html.element("p", [("class", "form-error"), ("role", "alert")], text: page.t(.settingsInvalid))
        }
        let weekdays = Weekday.allCases.map { ($0.name, page.t(weekdayKey($0))) }
        var zones = TimeZone.knownTimeZoneIdentifiers.sorted()
        if !zones.contains(model["time_zone"]) { zones.insert(model["time_zone"], at: 0) }
        html.element("form", [("method", "post"), ("action", Route.settings.path), ("class", "editor settings-form")]) {
            html in
            Layout.csrfField(page, &html)
            html.open("input", [("type", "hidden"), ("name", "version"), ("value", model["version"])])
            html.element("fieldset") { html in
                html.element("legend", text: page.t(.settingsOrganizationTitle))
                input(page, model, id: "name", label: .settingsName, attributes: [("maxlength", "200")], &html)
                select(page, model, id: "time_zone", label: .settingsTimeZone, zones.map { ($0, $0) }, &html)
                select(page, model, id: "week_start", label: .settingsWeekStart, weekdays, &html)
                select(
                    page, model, id: "default_language", label: .settingsDefaultLanguage,
                    Language.allCases.map { ($0.rawValue, languageName($0)) }, &html)
                html.element("div", [("class", "field check")]) { html in
                    html.open(
                        "input",
                        [
                            ("type", "checkbox"), ("id", "observes_vietnamese_holidays"),
                            ("name", "observes_vietnamese_holidays"), ("value", "on"),
                            ("checked", model.fields["observes_vietnamese_holidays"] == nil ? nil : ""),
                        ])
                    html.element(
                        "label", [("for", "observes_vietnamese_holidays")], text: page.t(.settingsObservesHolidays))
                }
                select(page, model, id: "check_in_day", label: .settingsCheckInDay, weekdays, &html)
                input(
                    page, model, id: "check_in_time", label: .settingsCheckInTime,
                    attributes: [("pattern", "([01][0-9]|2[0-3]):[0-5][0-9]"), ("inputmode", "numeric")], &html)
                input(
                    page, model, id: "max_objectives_per_owner", label: .settingsMaxObjectives,
                    attributes: [("inputmode", "numeric")], &html)
            }
            html.element("fieldset") { html in
                html.element("legend", text: page.t(.settingsPolicyHeading))
                html.element("p", [("class", "muted")], text: page.t(.settingsPolicyLead))
                select(
                    page, model, id: "policy", label: .settingsPolicy,
                    ["ratio", "gap", "weakest"].map { ($0, page.t(policyKey($0))) }, &html)
                for (id, key) in [
                    ("on_track", StringKey.settingsOnTrack), ("at_risk", .settingsAtRisk),
                    ("off_track", .settingsOffTrack),
                ] {
                    input(
                        page, model, id: id, label: key, hint: page.t(.settingsThresholdHint),
                        attributes: [("inputmode", "decimal")], &html)
                }
                input(
                    page, model, id: "low_confidence_below", label: .settingsLowConfidence,
                    attributes: [("inputmode", "numeric")], &html)
                input(
                    page, model, id: "stale_after_days", label: .settingsStaleAfter,
                    attributes: [("inputmode", "numeric")], &html)
            }
            for (legend, switches) in [
                (StringKey.settingsGateHeading, OrganizationSettingsPage.gateSwitches),
                (.settingsActivationGate, OrganizationSettingsPage.activationSwitches),
            ] {
                html.element("fieldset") { html in
                    html.element("legend", text: page.t(legend))
                    for (field, key) in switches {
                        html.element("div", [("class", "field check")]) { html in
                            html.open(
                                "input",
                                [
                                    ("type", "checkbox"), ("id", field), ("name", field), ("value", "on"),
                                    ("checked", model.fields[field] == nil ? nil : ""),
                                ])
                            html.element("label", [("for", field)], text: page.t(key))
                        }
                    }
                }
            }
            html.element(
                "button", [("type", "submit"), ("class", "primary"), ("id", "save-settings")],
                text: page.t(.settingsSave))
        }
    }

    /// A labelled control with its hint and message, tied together by `aria-describedby`.
    static func field(
        _ page: Page, _ model: OrganizationSettingsPage, id: String, label: StringKey, hint: String?,
        _ html: inout HTML, control: (inout HTML, [(String, String?)]) -> Void
    ) {
        let error = model.errors[id]
        let hintID = hint == nil ? nil : "\(id)-hint"
        let described = [hintID, error == nil ? nil : "\(id)-error"].compactMap { $0 }.joined(separator: " ")
        html.element("div", [("class", error == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", id)], text: page.t(label))
            control(
                &html,
                [
                    ("id", id), ("name", id), ("aria-invalid", error == nil ? nil : "true"),
                    ("aria-describedby", described.isEmpty ? nil : described),
                ])
            if let hint, let hintID { html.element("small", [("id", hintID), ("class", "hint")], text: hint) }
            if let error { html.element("p", [("id", "\(id)-error"), ("class", "field-error")], text: error) }
        }
    }

    static func input(
        _ page: Page, _ model: OrganizationSettingsPage, id: String, label: StringKey, hint: String? = nil,
        attributes: [(String, String?)] = [], _ html: inout HTML
    ) {
        field(page, model, id: id, label: label, hint: hint, &html) { html, common in
            html.open("input", [("type", "text")] + common + [("value", model[id])] + attributes)
        }
    }

    static func select(
        _ page: Page, _ model: OrganizationSettingsPage, id: String, label: StringKey,
        _ options: [(value: String, label: String)], _ html: inout HTML
    ) {
        field(page, model, id: id, label: label, hint: nil, &html) { html, common in
            html.element("select", common) { html in
                for option in options {
                    html.element(
                        "option", [("value", option.value), ("selected", option.value == model[id] ? "" : nil)],
                        text: option.label)
                }
            }
        }
    }
}
