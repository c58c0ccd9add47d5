import Foundation

/// Identifiers chosen by a client: letters, digits, `.`, `_` and `-`, 1 to 64 characters (they appear in URLs),
/// exactly what the `identifier` schema's pattern says.
enum APIIdentifier {
    static func check(_ id: String, field: String) throws {
        guard isWellFormed(id) else { throw APIError.invalid(field, .outOfRange) }
    }

    static func isWellFormed(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.count <= 64
            && id.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    || $0 == "_" || $0 == "."
            }
    }
}
