/// A buffer of HTML that escapes every piece of text put into it. Views write into one of these directly,
/// without reflection or a template language, so a page renders in one pass and a title like
/// `<script>alert(1)</script>` can only ever show as text.
public struct HTML: Sendable {
    /// The page so far, as two parts: `written`, then the small pieces since, as UTF-8 bytes in `pending`.
    /// Appending a few bytes to an array costs a copy, where appending them to a `String` also updates its
    /// counts and flags, for each of the thousands of pieces a page writes. The bytes join the string when a
    /// large piece comes (a card kept from an earlier request, appended as it is) and at the end: turning bytes
    /// into a `String` checks their encoding, so a large piece never goes through the bytes.
    private var written = ""
    private var pending: [UInt8] = []

    /// The page written, ending the writing (no copy of what was written).
    public consuming func finish() -> String {
        flush()
        return written
    }

    public init(capacity: Int = 16_384) {
        written.reserveCapacity(capacity)
        pending.reserveCapacity(min(capacity, 8_192))
    }

    /// A piece this long or longer joins the string directly, with what was pending before it.
    private static let largePiece = 512

    private mutating func append(_ piece: String) {
        let count = piece.utf8.count
        if count >= HTML.largePiece {
            flush()
            written.append(piece)
        } else {
            pending.append(contentsOf: piece.utf8)
            if pending.count >= 8_192 { flush() }
        }
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        written.append(String(decoding: pending, as: UTF8.self))
        pending.removeAll(keepingCapacity: true)
    }

    /// Markup written as is; only ever call this with literals of our own.
    public mutating func raw(_ markup: String) {
        append(markup)
    }

    /// Text content, escaped.
    public mutating func text(_ content: String) {
        appendEscaped(content)
    }

    /// `<tag attr="value"…>`, attribute values escaped; a nil value drops the attribute, "" writes it bare.
    /// Pieces are appended one by one: a page writes thousands of these, and no piece needs a string of its own.
    public mutating func open(_ tag: String, _ attributes: [(String, String?)] = []) {
        pending.append(UInt8(ascii: "<"))
        append(tag)
        for (name, value) in attributes {
            guard let value else { continue }
            pending.append(UInt8(ascii: " "))
            append(name)
            guard !value.isEmpty else { continue }
            pending.append(UInt8(ascii: "="))
            pending.append(UInt8(ascii: "\""))
            appendEscaped(value)
            pending.append(UInt8(ascii: "\""))
        }
        pending.append(UInt8(ascii: ">"))
    }

    public mutating func close(_ tag: String) {
        pending.append(UInt8(ascii: "<"))
        pending.append(UInt8(ascii: "/"))
        append(tag)
        pending.append(UInt8(ascii: ">"))
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
        var escaped = HTML(capacity: text.utf8.count + 16)
        escaped.appendEscaped(text)
        return escaped.finish()
    }

    /// `text` escaped, appended (as is when it has nothing to escape). The five special characters are ASCII, so
    /// any other byte, whatever character it belongs to, is copied as it is.
    private mutating func appendEscaped(_ text: String) {
        guard HTML.needsEscaping(text) else {
            append(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append("&quot;")
            case UInt8(ascii: "'"): append("&#39;")
            default: pending.append(byte)
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
