import Foundation

/// Text folded for search and for matching words in either language: Unicode decomposition, marks dropped,
/// `đ` → `d`, lower case, runs of white space collapsed. "Mục tiêu" and "muc tieu" fold to the same key,
/// the same way on SQLite and PostgreSQL, because the folding happens here and the key is stored.
public enum Folding {
    public static func fold(_ text: String) -> String {
        let lowered = text.lowercased().replacingOccurrences(of: "đ", with: "d")
        var scalars = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x0300...0x036F).contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
