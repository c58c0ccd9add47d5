/// A person's initials in a coloured circle, beside their name (which carries the meaning: the circle is
/// hidden from assistive technology). The colour comes from the name, the same on every page and every run.
enum Avatar {
    /// How many colours the stylesheet has (`.avatar.c-0` … `.avatar.c-7`), each with white text at AA.
    static let colours = 8

    /// Up to two initials: the first letters of the first and the last word ("Trần Thu Hà" → "TH").
    static func initials(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "(" || $0 == ")" })
        guard let first = words.first?.first else { return "?" }
        guard words.count > 1, let last = words.last?.first else { return String(first).uppercased() }
        return (String(first) + String(last)).uppercased()
    }

    /// The colour class of `name`: a stable hash of its Unicode scalars (not Swift's seeded `hashValue`).
    static func colour(_ name: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for scalar in name.unicodeScalars {
            hash = (hash ^ scalar.value) &* 16_777_619
        }
        return Int(hash % UInt32(colours))
    }

    /// The circle alone, for a place that shows the name next to it.
    static func render(_ name: String, _ html: inout HTML) {
        html.element(
            "span", [("class", "avatar c-\(colour(name))"), ("aria-hidden", "true")], text: initials(name))
    }

    /// The circle followed by the name, as one chip.
    static func chip(_ name: String, class extra: String? = nil, _ html: inout HTML) {
        html.element("span", [("class", ["person", extra].compactMap { $0 }.joined(separator: " "))]) { html in
            render(name, &html)
            html.element("span", [("class", "person-name")], text: name)
        }
    }
}
