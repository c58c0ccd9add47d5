import Foundation

/// Which page of a list the caller wants: at most `limit` items after the one whose sort key is `after`.
///
/// Lists are sorted by a unique key (an id, or a time and an id), so a cursor — the last key of a page,
/// base64url-encoded — finds the next page even when items are added meanwhile: nothing is skipped or repeated.
struct PageRequest: Sendable {
    static let defaultLimit = 50
    static let maxLimit = 200

    let limit: Int
    let after: String?

    /// One page of `items`, which must be sorted by `key` (ascending and unique).
    func slice<T>(_ items: [T], key: (T) -> String) -> (items: [T], nextCursor: String?) {
        let start = after.map { after in items.firstIndex { key($0) > after } ?? items.endIndex } ?? items.startIndex
        let end = min(items.endIndex, start + limit)
        let page = Array(items[start..<end])
        let next = end < items.endIndex ? page.last.map { Self.cursor(key: key($0)) } : nil
        return (page, next)
    }

    static func cursor(key: String) -> String {
        Data(key.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func key(cursor: String) -> String? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.isEmpty, base64.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" }) else {
            return nil
        }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let key = String(data: data, encoding: .utf8), !key.isEmpty
        else { return nil }
        return key
    }
}

/// A page of a list: `{"data": […], "next_cursor": "…"}`; `next_cursor` is absent on the last page.
struct ListPage<Item: Encodable & Sendable>: Encodable, Sendable {
    let data: [Item]
    let nextCursor: String?

    init(data: [Item], nextCursor: String?) {
        self.data = data
        self.nextCursor = nextCursor
    }

    /// The page of `items` (sorted by `key`) that `request` asks for.
    init<Source>(_ items: [Source], key: (Source) -> String, page request: PageRequest, map: (Source) throws -> Item)
        rethrows
    {
        let (slice, next) = request.slice(items, key: key)
        data = try slice.map(map)
        nextCursor = next
    }

    static func schema(of item: String) -> Schema {
        .object([
            .required("data", .array(.ref(item))),
            .optional("next_cursor", .string, "Pass as `cursor` for the next page; absent on the last page."),
        ])
    }
}
