import Foundation

/// A number as people type it in either language: "1.234,5", "1,234.5", "12,5" and "12.5" all read.
/// When both separators appear the last one is the decimal point; one kind appearing once is the decimal
/// point; one kind appearing more than once groups thousands. The web's check-in form and `okra checkin` read
/// values the same way.
public enum TypedNumber {
    public static func parse(_ text: String) -> Decimal? {
        var compact = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" }
        let dots = compact.filter { $0 == "." }.count
        let commas = compact.filter { $0 == "," }.count
        if let lastDot = compact.lastIndex(of: "."), let lastComma = compact.lastIndex(of: ",") {
            let decimal: Character = lastDot > lastComma ? "." : ","
            let grouping: Character = decimal == "." ? "," : "."
            guard compact.filter({ $0 == decimal }).count == 1 else { return nil }
            compact.removeAll { $0 == grouping }
            compact = compact.replacingOccurrences(of: ",", with: ".")
        } else if dots > 1 || commas > 1 {
            compact.removeAll { $0 == "." || $0 == "," }
        } else {
            compact = compact.replacingOccurrences(of: ",", with: ".")
        }
        guard compact.wholeMatch(of: /[-+]?[0-9]+(\.[0-9]+)?/) != nil else { return nil }
        return Decimal(string: compact, locale: Locale(identifier: "en_US_POSIX"))
    }
}
