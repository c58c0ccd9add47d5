import Foundation

/// Which page of a list the caller wants: at most `limit` items after the one whose sort key is `after`.
///
/// Lists are sorted by a unique key (an id, or a time and an id), so a cursor — the last key of a page,
/// base64url-encoded — finds the next page even when items are added meanwhile: nothing is skipped or repeated.
struct PageRequest: Sendable {
    static let defaultLimit = 50
    static let maxLimit = 200

    let limit: Int
    /// The sort key the page starts after; nil for the first page.
    let after: String?

    /// One page of `items`, which must be sorted by `key` (ascending and unique).
    func slice<T>(_ items: [T], key: (T) -> String) -> (items: [T], nextCursor: String?) {
        let start = after.map { after in items.firstIndex { key($0) > after } ?? items.endIndex } ?? items.startIndex
        let end = min(items.endIndex, start + limit)
        let page = Array(items[start..<end])
        let next = end < items.endIndex ? page.last.map { Self.cursor(key: key($0)) } : nil
        return (page, next)
    }

    /// Unpadded base64url: groups of four characters and an optional last group of two or three.
    static let cursorPattern = "^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$"
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func cursor(key: String) -> String {
        let bytes = Array(key.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for position in 0...chunk.count { out.append(alphabet[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The key a cursor names. Any text that fits `cursorPattern` names some key (a cursor that was never
    /// given out simply starts the page somewhere); anything else is nil, a 400.
    static func key(cursor: String) -> String? {
        guard cursor.utf8.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in cursor.utf8 {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> bits) & 0xff))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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

extension ListPage: APIJSONWritable where Item: APIJSONWritable {
    func write(to out: inout JSONOut) {
        out.object { out in
            out.field("data", data)
            out.field("next_cursor", nextCursor)
        }
    }
}
