import Foundation
import OKRCore
import Yams

/// A node of the OKR file's YAML tree together with where it sits: its field path and its line. Every typed
/// read either returns the value or throws an `OKRFileError` that names this line and field.
///
/// Numbers are read from the scalar's own text with `Decimal(string:locale:)`, never through `Double`, so
/// `8.6` in the file is exactly 8.6 in the math.
struct OKRFileNode {
    let node: Node
    /// The field path from the document root, e.g. `objectives[1].key_results[0].target`.
    let path: String
    let file: String

    /// The line of this node, from 1.
    var line: Int? { node.mark?.line }

    /// A YAML null (`~`, `null` or nothing at all) reads as an absent field.
    var isNull: Bool { node.null != nil }

    func problem(_ vi: String, _ en: String) -> OKRFileError {
        OKRFileError(file: file, line: line, field: path, reason: LocalizedText(vi: vi, en: en))
    }

    func problem(_ error: DomainError) -> OKRFileError {
        OKRFileError(file: file, line: line, field: path, domain: error)
    }

    // MARK: Structure

    /// The field `key` of this mapping; nil when absent or null.
    func field(_ key: String) throws(OKRFileError) -> OKRFileNode? {
        guard let mapping = node.mapping else {
            throw problem("phải là một bảng khóa: giá trị", "must be a mapping of key: value")
        }
        guard let value = mapping[key], value.null == nil else { return nil }
        let child = path.isEmpty ? key : "\(path).\(key)"
        return OKRFileNode(node: value, path: child, file: file)
    }

    /// The field `key`, which must be present.
    func required(_ key: String) throws(OKRFileError) -> OKRFileNode {
        if let value = try field(key) { return value }
        let child = path.isEmpty ? key : "\(path).\(key)"
        throw OKRFileError(
            file: file, line: line, field: child, reason: LocalizedText(vi: "bắt buộc phải có", en: "is required"))
    }

    /// The items of this sequence, each with its index in the path.
    func items() throws(OKRFileError) -> [OKRFileNode] {
        guard let sequence = node.sequence else { throw problem("phải là một danh sách", "must be a list") }
        return sequence.enumerated().map { index, item in
            OKRFileNode(node: item, path: "\(path)[\(index)]", file: file)
        }
    }

    // MARK: Scalars

    func text() throws(OKRFileError) -> String {
        guard let scalar = node.scalar else { throw problem("phải là một chuỗi", "must be text") }
        return scalar.string
    }

    /// A decimal number written as `150`, `-2.5`, `8.6`, `1e3`, read exactly.
    func number() throws(OKRFileError) -> Decimal {
        guard let scalar = node.scalar, OKRFileNode.isDecimalLiteral(scalar.string),
            let value = Decimal(string: scalar.string, locale: Locale(identifier: "en_US_POSIX"))
        else { throw problem("phải là một số", "must be a number") }
        return value
    }

    /// A whole number such as a confidence of 7.
    func integer() throws(OKRFileError) -> Int {
        guard let scalar = node.scalar, let value = Int(scalar.string) else {
            throw problem("phải là một số nguyên", "must be a whole number")
        }
        return value
    }

    /// A day written `YYYY-MM-DD`.
    func day() throws(OKRFileError) -> Day {
        guard let scalar = node.scalar, let value = Day(iso: scalar.string) else {
            throw problem("phải là một ngày dạng YYYY-MM-DD", "must be a date written YYYY-MM-DD")
        }
        return value
    }

    /// One of the raw values of `T`, e.g. `committed` or `aspirational`.
    func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws(OKRFileError) -> T where T.RawValue == String {
        let written = try text()
        if let value = T(rawValue: written) { return value }
        let allowed = T.allCases.map(\.rawValue).joined(separator: " | ")
        throw problem("phải là một trong: \(allowed)", "must be one of: \(allowed)")
    }

    /// Whether `text` is a plain decimal literal: a sign, digits with at most one point, an optional exponent.
    /// `Decimal(string:)` alone would accept a prefix such as `12abc` as 12.
    static func isDecimalLiteral(_ text: String) -> Bool {
        var characters = Substring(text)
        if characters.first == "+" || characters.first == "-" { characters = characters.dropFirst() }
        let mantissa = characters.prefix { $0 != "e" && $0 != "E" }
        let exponent = characters.dropFirst(mantissa.count)
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.contains(where: { !$0.isEmpty }),
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return false }
        guard !exponent.isEmpty else { return true }
        var power = exponent.dropFirst()
        if power.first == "+" || power.first == "-" { power = power.dropFirst() }
        return !power.isEmpty && power.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension OKRFileNode {
    /// A validation error of the core raised while building this node's value, placed at the field it names
    /// (its line when the field is written here, else this node's line).
    func placing(_ error: DomainError) -> OKRFileError {
        var field: String?
        switch error {
        case .invalid(let name, _): field = name
        case .alignmentCycle: field = "parent"
        case .transitionNotAllowed: field = nil
        }
        guard let field else { return problem(error) }
        let top = String(field.prefix { $0 != "." })
        let written = node.mapping?[top].flatMap { $0.mark?.line }
        return OKRFileError(
            file: file, line: written ?? line, field: path.isEmpty ? field : "\(path).\(field)", domain: error)
    }
}
