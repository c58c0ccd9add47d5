import Foundation

/// What gives away text that is not written for a Vietnamese reader: an ISO date (`2026-11-27` rather than
/// `27/11/2026`), a decimal point between digits (`0.6923` rather than `0,6923`; `1.234` is a Vietnamese
/// thousands group and passes, as do versions such as SCIM 2.0 and addresses with several dots), and English words of the
/// product (status names, rule names, kinds, states, units).
public enum VietnameseText {
    /// English words and enum spellings that must not reach a Vietnamese reader.
    public static let englishWords = [
        "on_track", "off_track", "at_risk", "not_started", "on track", "off track", "at risk", "not started",
        "threshold", "ratio", "weakest", "objective", "objectives", "key result", "key results", "initiative",
        "initiatives", "draft", "published", "committed", "aspirational", "number", "percent", "currency",
        "increase", "decrease", "at least", "at most", "milestone", "baseline", "not held", "held", "met",
        "done", "due", "planned", "recorded", "not done", "label", "gap", "policy", "success",
    ]

    /// Each problem with a little of the text around it; empty when the text reads as Vietnamese should.
    public static func problems(_ text: String) -> [String] {
        let alternatives = englishWords.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let patterns = [
            ("ISO date", "(?<![0-9])[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])"),
            ("dot decimal", "(?<![0-9.,])[0-9]+(?:\\.[0-9]+)+(?![0-9]|[.,][0-9])"),
            ("English", "(?i)(?<![\\p{L}\\p{N}_@./:-])(?:" + alternatives + ")(?![\\p{L}\\p{N}_@/-])"),
        ]
        let whole = text as NSString
        var found: [String] = []
        for (what, pattern) in patterns {
            let expression = try! NSRegularExpression(pattern: pattern)
            for match in expression.matches(in: text, range: NSRange(location: 0, length: whole.length)) {
                let token = whole.substring(with: match.range)
                if what == "dot decimal" {
                    let dots = token.filter { $0 == "." }.count
                    let grouped = token.wholeMatch(of: /[1-9][0-9]{0,2}(\.[0-9]{3})+/) != nil
                    // A version after its name: SCIM 2.0, HTTP/1.1.
                    let before = whole.substring(to: match.range.location).suffix(6)
                    let version = before.wholeMatch(of: /.*[A-Z]{2,}[ \/]/) != nil
                    if grouped || dots > 1 || version { continue }
                }
                let start = max(0, match.range.location - 30)
                let end = min(whole.length, match.range.location + match.range.length + 30)
                let context = whole.substring(with: NSRange(location: start, length: end - start))
                found.append("\(what) “\(token)”: …\(context.replacingOccurrences(of: "\n", with: " "))…")
            }
        }
        return found
    }

    /// The text a person sees on an HTML page: no scripts, styles, code or templates, no tags and attributes,
    /// the common entities decoded.
    public static func visible(_ html: String) -> String {
        var text = html
        for element in ["script", "style", "code", "pre", "template"] {
            text = text.replacing(
                try! Regex("(?is)<\(element)\\b.*?</\(element)>"), with: " ")
        }
        text = text.replacing(/<[^>]*>/, with: " ")
        let entities = [
            "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'", "&nbsp;": " ", "&amp;": "&",
        ]
        for (entity, character) in entities { text = text.replacingOccurrences(of: entity, with: character) }
        return text
    }
}
