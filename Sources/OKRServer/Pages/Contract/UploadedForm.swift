import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A form the browser sent as `multipart/form-data` (one with a file input): its fields by name, each with the
/// file name when it is a file. Read up to `limit` bytes (413 beyond); a body that is not such a form is a 400.
struct UploadedForm: Sendable {
    struct Part: Sendable {
        let name: String
        let fileName: String?
        let data: Data
    }

    let parts: [Part]

    init(_ request: Request, limit: Int) async throws {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.boundary(contentType), !boundary.isEmpty, boundary.count <= 200
        else {
            throw HTTPError(.badRequest, message: "The form must be sent as multipart/form-data.")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "The file is larger than \(limit / 1_048_576) MB.")
        }
        parts = try Self.parse(body, boundary: boundary)
    }

    /// The text of the last field named `name`.
    subscript(_ name: String) -> String? {
        parts.last { $0.name == name }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// The last file sent as `name`, when one was chosen (a browser sends an empty part for none).
    func file(_ name: String) -> Part? {
        parts.last { $0.name == name && !($0.fileName ?? "").isEmpty && !$0.data.isEmpty }
    }

    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    private static func parse(_ body: ByteBuffer, boundary: String) throws -> [Part] {
        final class Collector {
            var parts: [Part] = []
            var headers: [(String, String)] = []
            var data = Data()
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.headers.append((name.lowercased(), value)) }
        parser.onBody = { buffer in collector.data.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            let disposition = collector.headers.last { $0.0 == "content-disposition" }?.1 ?? ""
            let parameters = Self.parameters(disposition)
            if let name = parameters["name"] {
                collector.parts.append(Part(name: name, fileName: parameters["filename"], data: collector.data))
            }
            collector.headers = []
            collector.data = Data()
        }
        do {
            try parser.execute(body)
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read.")
        }
        return collector.parts
    }

    /// `form-data; name="file"; filename="okr.xlsx"` → `["name": "file", "filename": "okr.xlsx"]`.
    static func parameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            result[pair[0].lowercased()] = value
        }
        return result
    }
}
