/// What passes for an e-mail address where people are created (the first run, an import): one `@`, something
/// before it, a dot after it but not at either end, no white space, at most 254 characters.
enum EmailAddress {
    static func isPlausible(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), text.count <= 254
        else { return false }
        return !text.contains(where: \.isWhitespace)
    }
}
