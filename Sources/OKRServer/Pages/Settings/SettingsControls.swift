/// The form controls of the settings pages, written one way: every control has its `<label for>`, its hint and
/// its message are tied to it by `aria-describedby`, and a control with a message is marked `aria-invalid`.
enum SettingsControls {
    /// A choice of a `<select>` or a group of checkboxes: the submitted value and what people read.
    struct Choice: Sendable, Equatable {
        let value: String
        let label: String
    }

    /// The message above a form that was refused: about the whole form, or a pointer to the fields' messages.
    static func notice(_ message: String?, invalid: Bool, _ page: Page, _ html: inout HTML) {
        if let message {
            html.element("p", [("class", "form-error"), ("role", "alert")], text: message)
        } else if invalid {
            html.element("p", [("class", "form-error"), ("role", "alert")], text: page.t(.adminInvalid))
        }
    }

    static func text(
        id: String, label: String, value: String, error: String?, hint: String? = nil, type: String = "text",
        required: Bool = false, maxLength: Int = 300, autocomplete: String? = nil, _ html: inout HTML
    ) {
        field(id: id, label: label, hint: hint, error: error, &html) { html, describedBy in
            html.open(
                "input",
                [
                    ("type", type), ("id", id), ("name", id), ("value", type == "password" ? "" : value),
                    ("required", required ? "" : nil), ("maxlength", String(maxLength)),
                    ("autocomplete", autocomplete), ("aria-invalid", error == nil ? nil : "true"),
                    ("aria-describedby", describedBy),
                ])
        }
    }

    static func select(
        id: String, label: String, choices: [Choice], chosen: String, error: String?, hint: String? = nil,
        _ html: inout HTML
    ) {
        field(id: id, label: label, hint: hint, error: error, &html) { html, describedBy in
            html.element(
                "select",
                [
                    ("id", id), ("name", id), ("aria-invalid", error == nil ? nil : "true"),
                    ("aria-describedby", describedBy),
                ]
            ) { html in
                for choice in choices {
                    html.element(
                        "option", [("value", choice.value), ("selected", choice.value == chosen ? "" : nil)],
                        text: choice.label)
                }
            }
        }
    }

    /// A group of checkboxes named `name`, one per choice, each with the id `name-value`; the group's message
    /// is read with the group.
    static func checkboxes(
        name: String, legend: String, choices: [Choice], chosen: Set<String>, error: String?, _ html: inout HTML
    ) {
        html.element(
            "fieldset",
            [
                ("id", name), ("class", error == nil ? "choices" : "choices invalid"),
                ("aria-describedby", error == nil ? nil : name + "-error"),
            ]
        ) { html in
            html.element("legend", text: legend)
            for choice in choices {
                let id = name + "-" + choice.value
                html.element("div", [("class", "field check")]) { html in
                    html.open(
                        "input",
                        [
                            ("type", "checkbox"), ("id", id), ("name", name), ("value", choice.value),
                            ("checked", chosen.contains(choice.value) ? "" : nil),
                        ])
                    html.element("label", [("for", id)], text: choice.label)
                }
            }
            if let error { html.element("p", [("id", name + "-error"), ("class", "field-error")], text: error) }
        }
    }

    /// A checkbox on its own, e.g. "read-only".
    static func checkbox(id: String, label: String, checked: Bool, hint: String? = nil, _ html: inout HTML) {
        html.element("div", [("class", "field check")]) { html in
            html.open(
                "input",
                [
                    ("type", "checkbox"), ("id", id), ("name", id), ("value", "on"), ("checked", checked ? "" : nil),
                    ("aria-describedby", hint == nil ? nil : id + "-hint"),
                ])
            html.element("label", [("for", id)], text: label)
            if let hint { html.element("small", [("id", id + "-hint"), ("class", "hint")], text: hint) }
        }
    }

    /// A labelled control with its hint and its message.
    private static func field(
        id: String, label: String, hint: String?, error: String?, _ html: inout HTML,
        control: (inout HTML, String?) -> Void
    ) {
        let describedBy = [hint == nil ? nil : id + "-hint", error == nil ? nil : id + "-error"].compactMap { $0 }
        html.element("div", [("class", error == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", id)], text: label)
            control(&html, describedBy.isEmpty ? nil : describedBy.joined(separator: " "))
            if let hint { html.element("small", [("id", id + "-hint"), ("class", "hint")], text: hint) }
            if let error { html.element("p", [("id", id + "-error"), ("class", "field-error")], text: error) }
        }
    }
}
