import Foundation
import SWXMLHash
import ZIPFoundation

/// Reads .xlsx files (Office Open XML spreadsheets) from memory into plain values.
public enum XLSXReader {
    /// The workbook in `data`, the bytes of an .xlsx file: every worksheet in tab order, with its cells' values
    /// (cached results for formulas). Throws, never traps, on data that is not such a file, is damaged, or would
    /// unpack to more than 200 MB per part.
    public static func read(_ data: Data) throws(XLSXError) -> XLSXWorkbook {
        try read(data, limits: XLSXReadLimits())
    }

    /// `read(_:)` with other limits, for tests.
    static func read(_ data: Data, limits: XLSXReadLimits) throws(XLSXError) -> XLSXWorkbook {
        let package = try XLSXPackage(data: data, limits: limits)
        let workbookPath = try package.workbookPath()
        let workbook = try package.xml(workbookPath)
        let relationships = try package.relationships(of: workbookPath)
        let context = try SheetContext(
            sharedStrings: sharedStrings(package, relationships),
            styles: styles(package, relationships),
            date1904: isDate1904(workbook),
            limits: limits
        )
        var sheets: [XLSXSheet] = []
        for sheet in workbook.child("sheets")?.children("sheet") ?? [] {
            if let sheet = try readSheet(sheet, package: package, relationships: relationships, context: context) {
                sheets.append(sheet)
            }
        }
        return XLSXWorkbook(sheets: sheets)
    }

    private static func isDate1904(_ workbook: Element) -> Bool {
        guard let value = workbook.child("workbookPr")?.value(of: "date1904") else { return false }
        return value == "1" || value == "true"
    }

    private static func sharedStrings(_ package: XLSXPackage, _ relationships: Relationships) throws(XLSXError)
        -> [String]
    {
        let path = relationships.target(ofType: "sharedStrings") ?? "xl/sharedStrings.xml"
        guard let sst = try package.optionalXML(path) else { return [] }
        return sst.children("si").map(stringItemText)
    }

    private static func styles(_ package: XLSXPackage, _ relationships: Relationships) throws(XLSXError)
        -> [CellStyle]
    {
        let path = relationships.target(ofType: "styles") ?? "xl/styles.xml"
        guard let styleSheet = try package.optionalXML(path) else { return [] }
        return CellStyle.all(in: styleSheet)
    }

    /// The sheet a workbook.xml `<sheet>` names, or nil for a chart sheet, which holds no cells.
    private static func readSheet(
        _ sheet: Element, package: XLSXPackage, relationships: Relationships, context: SheetContext
    ) throws(XLSXError) -> XLSXSheet? {
        let name = sheet.value(of: "name") ?? ""
        guard let id = sheet.relationshipID, let relationship = relationships.byID[id] else {
            throw XLSXError("xl/workbook.xml names sheet \"\(name)\" without a part for it")
        }
        if relationship.type.hasSuffix("/chartsheet") { return nil }
        let worksheet = try package.xml(relationship.target)
        var reader = SheetReader(part: relationship.target, context: context)
        for row in worksheet.child("sheetData")?.children("row") ?? [] {
            try reader.read(row: row)
        }
        return XLSXSheet(name: name, rows: reader.finishedRows(), boldFirstRow: reader.boldFirstRow)
    }

    /// The text of a shared string or inline string (`<si>` or `<is>`): its plain `<t>` or all its rich-text runs,
    /// without phonetic guides (`<rPh>`).
    fileprivate static func stringItemText(_ item: Element) -> String {
        var text = ""
        for child in item.childElements {
            if child.name == "t" {
                text += child.text
            } else if child.name == "r" {
                text += child.children("t").map(\.text).joined()
            }
        }
        return decodeEscapes(text)
    }

    /// `text` with OOXML's `_xHHHH_` escapes (a UTF-16 code unit in hex, as in `_x000D_`) decoded.
    static func decodeEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let units = Array(text.utf16)
        var output: [UInt16] = []
        output.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            if let unit = escapedUnit(units, at: index) {
                output.append(unit)
                index += 7
            } else {
                output.append(units[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF16.self)
    }

    /// The code unit that an `_xHHHH_` escape starting at `index` stands for, if one starts there.
    private static func escapedUnit(_ units: [UInt16], at index: Int) -> UInt16? {
        guard index + 7 <= units.count, units[index] == 0x5F, units[index + 1] == 0x78, units[index + 6] == 0x5F
        else { return nil }
        var value: UInt16 = 0
        for unit in units[(index + 2)..<(index + 6)] {
            guard let digit = hexValue(unit) else { return nil }
            value = value * 16 + digit
        }
        return value
    }

    private static func hexValue(_ unit: UInt16) -> UInt16? {
        switch unit {
        case 0x30...0x39: return unit - 0x30
        case 0x41...0x46: return unit - 0x37
        case 0x61...0x66: return unit - 0x57
        default: return nil
        }
    }
}

/// Limits that keep a hostile file from exhausting memory.
struct XLSXReadLimits {
    /// The most bytes one part of the archive may unpack to.
    var maxPartBytes = 200 * 1024 * 1024
    /// The most cells one sheet's dense rows may hold, empty ones in gaps included.
    var maxCellsPerSheet = 10_000_000
}

// MARK: - The archive

/// The parts of an .xlsx file, a ZIP archive, read with limits.
private struct XLSXPackage {
    let archive: Archive
    let entries: [String: Entry]
    let entriesByLowercasedPath: [String: Entry]
    let limits: XLSXReadLimits

    init(data: Data, limits: XLSXReadLimits) throws(XLSXError) {
        if let problem = ZIPLayout.problem(in: data) { throw XLSXError(problem) }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw XLSXError("not a ZIP archive")
        }
        var entries: [String: Entry] = [:]
        var entriesByLowercasedPath: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            let path = entry.path.hasPrefix("/") ? String(entry.path.dropFirst()) : entry.path
            if entries[path] == nil { entries[path] = entry }
            if entriesByLowercasedPath[path.lowercased()] == nil { entriesByLowercasedPath[path.lowercased()] = entry }
        }
        self.entries = entries
        self.entriesByLowercasedPath = entriesByLowercasedPath
        self.limits = limits
    }

    /// The path of the main workbook part, as the package's root relationships give it.
    func workbookPath() throws(XLSXError) -> String {
        let root = try relationships(of: "")
        return root.target(ofType: "officeDocument") ?? "xl/workbook.xml"
    }

    /// The relationships of the part at `path` (the package's own when `path` is empty), none if it has no
    /// relationships part.
    func relationships(of path: String) throws(XLSXError) -> Relationships {
        let (directory, file) = PartPath.split(path)
        let relationshipsPath = PartPath.join(directory, "_rels/\(file).rels")
        guard let element = try optionalXML(relationshipsPath) else { return Relationships(byID: [:]) }
        return Relationships(element, base: directory)
    }

    /// The root element of the XML part at `path`; throws when there is none.
    func xml(_ path: String) throws(XLSXError) -> Element {
        guard let element = try optionalXML(path) else { throw XLSXError("\(path) is missing") }
        return element
    }

    /// The root element of the XML part at `path`, or nil when the archive has no such part.
    func optionalXML(_ path: String) throws(XLSXError) -> Element? {
        guard let entry = entries[path] ?? entriesByLowercasedPath[path.lowercased()] else { return nil }
        return try XMLPart.parse(contents(of: entry, path: path), part: path)
    }

    private struct TooLarge: Error {}

    private func contents(of entry: Entry, path: String) throws(XLSXError) -> Data {
        let limit = limits.maxPartBytes
        let megabyte = 1024 * 1024
        let size = limit % megabyte == 0 ? "\(limit / megabyte) MB" : "\(limit) bytes"
        let tooLarge = XLSXError("\(path) unpacks to more than \(size)")
        guard entry.uncompressedSize <= UInt64(limit) else { throw tooLarge }
        var output = Data()
        do {
            let checksum = try archive.extract(entry) { chunk in
                guard output.count + chunk.count <= limit else { throw TooLarge() }
                output.append(chunk)
            }
            guard entry.checksum == 0 || checksum == entry.checksum else {
                throw XLSXError("\(path) is damaged (wrong checksum)")
            }
        } catch is TooLarge {
            throw tooLarge
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError("\(path) is damaged (\(error))")
        }
        return output
    }
}

/// A check of a ZIP archive's directory against its bytes, before ZIPFoundation reads it: ZIPFoundation's in-memory
/// reader traps when an offset points past the end of the data.
private enum ZIPLayout {
    private static let localHeaderSignature = 0x0403_4B50
    private static let centralHeaderSignature = 0x0201_4B50
    private static let endSignature = 0x0605_4B50
    private static let zip64LocatorSignature = 0x0706_4B50

    /// Why `data` is not a ZIP archive that can be read safely, or nil when it is one.
    static func problem(in data: Data) -> String? {
        data.withUnsafeBytes { raw in problem(in: ByteReader(bytes: raw)) }
    }

    private static func problem(in reader: ByteReader) -> String? {
        guard reader.uint32(at: 0) == localHeaderSignature, let end = endRecordOffset(reader) else {
            return "not a ZIP archive"
        }
        if end >= 20, reader.uint32(at: end - 20) == zip64LocatorSignature {
            return "ZIP64 archives are not supported"
        }
        let damaged = "the ZIP archive is damaged"
        guard let count = reader.uint16(at: end + 10), let size = reader.uint32(at: end + 12),
            let start = reader.uint32(at: end + 16), start + size <= end
        else { return damaged }
        var position = start
        for _ in 0..<count {
            guard let next = entryEnd(reader, at: position, directoryEnd: start + size) else { return damaged }
            position = next
        }
        return nil
    }

    /// Where the end-of-central-directory record starts: the last one in the final 64 KiB, as ZIPFoundation
    /// finds it.
    private static func endRecordOffset(_ reader: ByteReader) -> Int? {
        let last = reader.bytes.count - 22
        guard last >= 0 else { return nil }
        for offset in stride(from: last, through: max(0, last - 65_535), by: -1)
        where reader.uint32(at: offset) == endSignature {
            return offset
        }
        return nil
    }

    /// Where the central directory entry at `position` ends, when it and its local header and data lie inside
    /// the archive.
    private static func entryEnd(_ reader: ByteReader, at position: Int, directoryEnd: Int) -> Int? {
        guard position + 46 <= directoryEnd, reader.uint32(at: position) == centralHeaderSignature,
            let compressed = reader.uint32(at: position + 20), let uncompressed = reader.uint32(at: position + 24),
            let nameLength = reader.uint16(at: position + 28), let extraLength = reader.uint16(at: position + 30),
            let commentLength = reader.uint16(at: position + 32), let local = reader.uint32(at: position + 42)
        else { return nil }
        let zip64Marker = 0xFFFF_FFFF
        guard compressed != zip64Marker, uncompressed != zip64Marker, local != zip64Marker else { return nil }
        let end = position + 46 + nameLength + extraLength + commentLength
        guard end <= directoryEnd, reader.uint32(at: local) == localHeaderSignature,
            let method = reader.uint16(at: local + 8), let localName = reader.uint16(at: local + 26),
            let localExtra = reader.uint16(at: local + 28)
        else { return nil }
        let dataStart = local + 30 + localName + localExtra
        let stored = method == 0
        guard dataStart + compressed <= reader.bytes.count, !stored || dataStart + uncompressed <= reader.bytes.count
        else { return nil }
        return end
    }

    private struct ByteReader {
        let bytes: UnsafeRawBufferPointer

        func uint16(at offset: Int) -> Int? {
            guard offset >= 0, offset <= bytes.count - 2 else { return nil }
            return Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
        }

        func uint32(at offset: Int) -> Int? {
            guard offset >= 0, offset <= bytes.count - 4 else { return nil }
            return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
    }
}

/// Paths of parts inside the package, without a leading slash.
private enum PartPath {
    /// The folder of `path` (with a trailing slash, or empty) and its file name.
    static func split(_ path: String) -> (directory: String, file: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// `target`, a relationship's URI, resolved against the folder `directory`: absolute when it starts with "/",
    /// with "." and ".." segments and percent escapes resolved.
    static func join(_ directory: String, _ target: String) -> String {
        let target = target.replacingOccurrences(of: "\\", with: "/")
        let combined = target.hasPrefix("/") ? target : directory + target
        var segments: [Substring] = []
        for segment in combined.split(separator: "/") {
            if segment == ".." {
                _ = segments.popLast()
            } else if segment != "." {
                segments.append(segment)
            }
        }
        let path = segments.joined(separator: "/")
        return path.removingPercentEncoding ?? path
    }
}

/// The relationships of one part: where its sheets, shared strings and styles are.
private struct Relationships {
    struct Relationship {
        let type: String
        let target: String
    }

    let byID: [String: Relationship]

    init(byID: [String: Relationship]) {
        self.byID = byID
    }

    init(_ element: Element, base: String) {
        var byID: [String: Relationship] = [:]
        for relationship in element.children("Relationship") where relationship.value(of: "TargetMode") != "External" {
            guard let id = relationship.value(of: "Id"), let target = relationship.value(of: "Target") else { continue }
            let type = relationship.value(of: "Type") ?? ""
            byID[id] = Relationship(type: type, target: PartPath.join(base, target))
        }
        self.byID = byID
    }

    /// The target of the first relationship whose type ends in "/`type`" (in id order, so the choice is stable).
    func target(ofType type: String) -> String? {
        let matching = byID.filter { $0.value.type.hasSuffix("/" + type) }
        return matching.min { $0.key < $1.key }?.value.target
    }
}

// MARK: - XML

private typealias Element = SWXMLHash.XMLElement

/// Parsing one XML part of the package.
private enum XMLPart {
    /// The root element of `data`; throws when it is not well-formed XML or declares a DTD (which no spreadsheet
    /// part has, and which could expand entities without bound).
    static func parse(_ data: Data, part: String) throws(XLSXError) -> Element {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw XLSXError("\(part) declares a DTD, which spreadsheets never do")
        }
        let indexer = XMLHash.config { options in
            options.shouldProcessNamespaces = true
            options.detectParsingErrors = true
        }
        .parse(data)
        guard case .element(let document) = indexer, let root = document.childElements.first else {
            throw XLSXError("\(part) is not valid XML")
        }
        return root
    }
}

extension SWXMLHash.XMLElement {
    /// The child elements, in document order.
    fileprivate var childElements: [SWXMLHash.XMLElement] {
        children.compactMap { $0 as? SWXMLHash.XMLElement }
    }

    /// The child elements with local name `name`.
    fileprivate func children(_ name: String) -> [SWXMLHash.XMLElement] {
        childElements.filter { $0.name == name }
    }

    /// The first child element with local name `name`.
    fileprivate func child(_ name: String) -> SWXMLHash.XMLElement? {
        children.lazy.compactMap { $0 as? SWXMLHash.XMLElement }.first { $0.name == name }
    }

    /// The value of the attribute `name`.
    fileprivate func value(of name: String) -> String? {
        allAttributes[name]?.text
    }

    /// The `r:id` attribute, whatever prefix the file gives the relationships namespace.
    fileprivate var relationshipID: String? {
        if let id = allAttributes["r:id"] { return id.text }
        return allAttributes.first { $0.key.hasSuffix(":id") }?.value.text
    }
}

// MARK: - Styles

/// What matters of a cell format (`<xf>` in `<cellXfs>`): whether it shows a date, and whether in bold.
private struct CellStyle {
    let isDate: Bool
    let isBold: Bool

    /// The cell formats of a styles part, by index.
    static func all(in styleSheet: Element) -> [CellStyle] {
        var customFormats: [Int: String] = [:]
        for format in styleSheet.child("numFmts")?.children("numFmt") ?? [] {
            if let id = format.value(of: "numFmtId").flatMap(Int.init), let code = format.value(of: "formatCode") {
                customFormats[id] = code
            }
        }
        let boldFonts = (styleSheet.child("fonts")?.children("font") ?? []).map(isBold)
        return (styleSheet.child("cellXfs")?.children("xf") ?? []).map { xf in
            let formatID = xf.value(of: "numFmtId").flatMap(Int.init) ?? 0
            let fontID = xf.value(of: "fontId").flatMap(Int.init) ?? 0
            return CellStyle(
                isDate: NumberFormat.isDate(id: formatID, code: customFormats[formatID]),
                isBold: boldFonts.indices.contains(fontID) && boldFonts[fontID]
            )
        }
    }

    private static func isBold(_ font: Element) -> Bool {
        guard let bold = font.child("b") else { return false }
        let value = bold.value(of: "val") ?? "1"
        return value != "0" && value != "false"
    }
}

/// Telling date formats from number formats.
enum NumberFormat {
    /// The built-in formats that show dates or times.
    private static let builtInDateIDs: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Whether the number format `id` (with format code `code` when the file defines one) shows a date.
    static func isDate(id: Int, code: String?) -> Bool {
        guard let code else { return builtInDateIDs.contains(id) }
        return isDate(code: code)
    }

    /// Whether a format code shows a date: d, m or y outside quotes, brackets and escapes, where an elapsed-time
    /// section ([h], [mm], [ss]) makes m mean minutes.
    static func isDate(code: String) -> Bool {
        var hasDayOrYear = false
        var hasM = false
        var hasElapsedTime = false
        var characters = code.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\"":
                while let next = characters.next(), next != "\"" {}
            case "[":
                var bracketed = ""
                while let next = characters.next(), next != "]" { bracketed.append(next) }
                let lowered = bracketed.lowercased()
                if !lowered.isEmpty, lowered.allSatisfy({ "hms".contains($0) }) { hasElapsedTime = true }
            case "\\", "_", "*":
                _ = characters.next()
            case "d", "D", "y", "Y":
                hasDayOrYear = true
            case "m", "M":
                hasM = true
            default:
                break
            }
        }
        return hasDayOrYear || (hasM && !hasElapsedTime)
    }
}

// MARK: - Cells

/// What every sheet of a workbook reads its cells with.
private struct SheetContext {
    let sharedStrings: [String]
    let styles: [CellStyle]
    let date1904: Bool
    let limits: XLSXReadLimits
}

/// The cells of one worksheet, gathered row by row into dense rows.
private struct SheetReader {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    let part: String
    let context: SheetContext
    private var rows: [[XLSXCell]] = []
    private var cellCount = 0
    private var previousRow = -1
    private(set) var boldFirstRow = true

    init(part: String, context: SheetContext) {
        self.part = part
        self.context = context
    }

    /// Adds the cells of a `<row>`.
    mutating func read(row: Element) throws(XLSXError) {
        var rowIndex = previousRow + 1
        if let number = row.value(of: "r") {
            guard let value = Int(number.trimmingCharacters(in: .whitespaces)), (1...Self.maxRows).contains(value)
            else { throw XLSXError("\(part): row number \"\(number)\" is outside the sheet (1 to 1048576)") }
            rowIndex = value - 1
        }
        guard rowIndex < Self.maxRows else { throw XLSXError("\(part) has more than 1048576 rows") }
        previousRow = rowIndex
        var previousColumn = -1
        for cell in row.children("c") {
            var column = previousColumn + 1
            var cellRow = rowIndex
            if let reference = cell.value(of: "r") {
                guard let position = CellReference.parse(reference) else {
                    throw XLSXError("\(part): cell reference \"\(reference)\" is outside the sheet (A1 to XFD1048576)")
                }
                (column, cellRow) = (position.column, position.row)
            }
            guard column < Self.maxColumns else { throw XLSXError("\(part) has more than 16384 columns") }
            previousColumn = column
            try place(cell, row: cellRow, column: column)
        }
    }

    private mutating func place(_ cell: Element, row: Int, column: Int) throws(XLSXError) {
        let style = cell.value(of: "s").flatMap(Int.init).flatMap { context.styles.indices.contains($0) ? $0 : nil }
        let value = try value(of: cell, isDate: style.map { context.styles[$0].isDate } ?? false)
        if value == .empty { return }
        if row == 0, !(style.map { context.styles[$0].isBold } ?? false) { boldFirstRow = false }
        while rows.count <= row { rows.append([]) }
        if rows[row].count <= column {
            cellCount += column + 1 - rows[row].count
            guard cellCount <= context.limits.maxCellsPerSheet else {
                throw XLSXError("\(part) has more than \(context.limits.maxCellsPerSheet) cells")
            }
            rows[row].append(contentsOf: repeatElement(.empty, count: column + 1 - rows[row].count))
        }
        rows[row][column] = value
    }

    private func value(of cell: Element, isDate: Bool) throws(XLSXError) -> XLSXCell {
        let raw = cell.child("v")?.text
        switch cell.value(of: "t") ?? "n" {
        case "s":
            return try sharedString(raw, cell: cell)
        case "inlineStr":
            return cell.child("is").map { .text(XLSXReader.stringItemText($0)) } ?? .empty
        case "str", "e":
            return raw.map { .text(XLSXReader.decodeEscapes($0)) } ?? .empty
        case "b":
            return raw.map { .bool(["1", "true"].contains($0.trimmingCharacters(in: .whitespaces))) } ?? .empty
        case "d":
            return raw.map(isoDate) ?? .empty
        default:
            return raw.map { number($0, isDate: isDate) } ?? .empty
        }
    }

    private func sharedString(_ raw: String?, cell: Element) throws(XLSXError) -> XLSXCell {
        guard let raw, !raw.isEmpty else { return .empty }
        guard let index = Int(raw.trimmingCharacters(in: .whitespaces)), context.sharedStrings.indices.contains(index)
        else {
            let reference = cell.value(of: "r") ?? "?"
            throw XLSXError("\(part): cell \(reference) refers to shared string \(raw), which does not exist")
        }
        return .text(context.sharedStrings[index])
    }

    private func number(_ raw: String, isDate: Bool) -> XLSXCell {
        let written = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if written.isEmpty { return .empty }
        guard XLSXNumber.isValid(written) else { return .text(raw) }
        if isDate, let serial = Double(written), let date = XLSXDate(serial: serial, date1904: context.date1904) {
            return .date(date)
        }
        return .number(written)
    }

    /// A `t="d"` cell: an ISO 8601 date (time dropped), or its text when it is not one.
    private func isoDate(_ raw: String) -> XLSXCell {
        let parts = raw.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard raw.count >= 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2])
        else { return .text(raw) }
        return .date(XLSXDate(year: year, month: month, day: day))
    }

    /// The rows read, without trailing empty rows.
    func finishedRows() -> [[XLSXCell]] {
        var rows = rows
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows
    }
}

/// A1-style cell references.
enum CellReference {
    /// The zero-based column and row of a reference such as "C12" or "AB3", or nil when it is not one inside the
    /// sheet (columns A to XFD, rows 1 to 1048576).
    static func parse(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var letters = 0
        var row = 0
        var digits = 0
        for scalar in reference.unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z":
                guard digits == 0 else { return nil }
                column = column * 26 + Int(scalar.value >= 97 ? scalar.value - 96 : scalar.value - 64)
                letters += 1
                guard column <= SheetReader.maxColumns else { return nil }
            case "0"..."9":
                row = row * 10 + Int(scalar.value) - 48
                digits += 1
                guard row <= SheetReader.maxRows else { return nil }
            case "$":
                continue
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, row >= 1 else { return nil }
        return (column - 1, row - 1)
    }
}
