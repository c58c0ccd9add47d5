import Foundation

/// A plain-text e-mail in UTF-8, rendered for SMTP's DATA: CRLF line ends, the subject as RFC 2047 encoded
/// words when it is not ASCII (Vietnamese always is), and lines that start with a dot doubled (RFC 5321 §4.5.2)
/// so a line holding a single "." cannot end the message early.
public struct MailMessage: Sendable, Hashable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// An address we are willing to put in an envelope: one `@`, no spaces, angle brackets or line breaks.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && text.count <= 254
            && !text.contains(where: { $0.isWhitespace || "<>\r\n,;\"".contains($0) })
    }

    /// The message as sent after DATA, without the final "." line; `eightBit` when the server offers 8BITMIME,
    /// else the body goes as base64.
    func rendered(from: String, date: Date, messageID: String, eightBit: Bool) -> String {
        var lines = [
            "From: Okra <\(from)>",
            "To: <\(to)>",
            "Subject: " + Self.encodedHeader(subject),
            "Date: " + Self.rfc5322(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ]
        if eightBit {
            lines.append("Content-Transfer-Encoding: 8bit")
            lines.append("")
            lines.append(contentsOf: Self.lines(body))
        } else {
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            let encoded = Data(Self.lines(body).joined(separator: "\r\n").utf8).base64EncodedString()
            var rest = encoded[...]
            while !rest.isEmpty {
                lines.append(String(rest.prefix(76)))
                rest = rest.dropFirst(76)
            }
        }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }

    /// The body's lines, whatever line ends it was written with.
    static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// ASCII stays as it is; anything else becomes `=?UTF-8?B?…?=` words of at most 75 characters, folded onto
    /// continuation lines, never splitting a character's bytes between two words.
    static func encodedHeader(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) && flat.count <= 900 { return flat }
        var words: [String] = []
        var chunk = ""
        for character in flat {
            // 45 bytes of UTF-8 make 60 characters of base64; with "=?UTF-8?B?" and "?=" that is 72.
            if chunk.utf8.count + String(character).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
