/// A buffer of HTML that escapes every piece of text put into it. Views write into one of these directly,
/// without reflection or a template language, so a page renders in one pass and a title like
/// `<script>alert(1)</script>` can only ever show as text.
public struct HTML: Sendable {
    public private(set) var output: String = ""

    public init(capacity: Int = 16_384) {
        output.reserveCapacity(capacity)
    }

    /// Markup written as is; only ever call this with literals of our own.
    public mutating func raw(_ markup: String) {
        output += markup
    }

    /// Text content, escaped.
    public mutating func text(_ content: String) {
        HTML.appendEscaped(content, to: &output)
    }

    /// `<tag attr="value"…>`, attribute values escaped; a nil value drops the attribute, "" writes it bare.
    /// Pieces are appended one by one: a page writes thousands of these, and no piece needs a string of its own.
    public mutating func open(_ tag: String, _ attributes: [(String, String?)] = []) {
        output.append("<")
        output.append(tag)
        for (name, value) in attributes {
            guard let value else { continue }
            output.append(" ")
            output.append(name)
            guard !value.isEmpty else { continue }
            output.append("=\"")
            HTML.appendEscaped(value, to: &output)
            output.append("\"")
        }
        output.append(">")
    }

    public mutating func close(_ tag: String) {
        output.append("</")
        output.append(tag)
        output.append(">")
    }

    /// `<tag …>text</tag>`.
    public mutating func element(_ tag: String, _ attributes: [(String, String?)] = [], text content: String) {
        open(tag, attributes)
        text(content)
        close(tag)
    }

    /// `<tag …>…</tag>` with a body written by `body`.
    public mutating func element(
        _ tag: String, _ attributes: [(String, String?)] = [], _ body: (inout HTML) -> Void
    ) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape: check the bytes first and hand the string back untouched.
        guard needsEscaping(text) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &escaped)
        return escaped
    }

    /// `text` escaped, appended to `output` (as is when it has nothing to escape).
    private static func appendEscaped(_ text: String, to output: inout String) {
        guard needsEscaping(text) else {
            output.append(text)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append("&amp;")
            case "<": output.append("&lt;")
            case ">": output.append("&gt;")
            case "\"": output.append("&quot;")
            case "'": output.append("&#39;")
            default: output.unicodeScalars.append(scalar)
            }
        }
    }

    /// Whether `text` holds one of `& < > " '`, read straight from its UTF-8 bytes (all five are below `?`).
    private static func needsEscaping(_ text: String) -> Bool {
        func special(_ byte: UInt8) -> Bool {
            byte < 0x3F && (byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27)
        }
        if let found = text.utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) { return found }
        return text.utf8.contains(where: special)
    }
}
