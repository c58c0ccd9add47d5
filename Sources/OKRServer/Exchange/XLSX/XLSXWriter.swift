import Foundation
import ZIPFoundation

/// Writes workbooks as .xlsx files (Office Open XML spreadsheets) that Excel, LibreOffice and openpyxl open.
public enum XLSXWriter {
    /// The bytes of an .xlsx file holding `workbook`: text in a shared strings table, numbers as written, dates as serial
    /// numbers in the 1900 date system shown with the short-date format, booleans as TRUE/FALSE; the first row in bold
    /// where a sheet asks for it. Sheet names are made valid for Excel (see `XLSXSheet.name`); a number that is not
    /// one (e.g. "1,5") and a date Excel cannot hold (before 1900) are written as text. Characters XML cannot carry
    /// (U+0000–U+0008 and other controls) are dropped. Throws when the workbook has no sheet, or a sheet more than
    /// 1,048,576 rows, 16,384 columns, or a text longer than 32,767 characters.
    public static func write(_ workbook: XLSXWorkbook) throws(XLSXError) -> Data {
        guard !workbook.sheets.isEmpty else { throw XLSXError("a workbook needs at least one sheet") }
        let names = SheetNames.sanitized(workbook.sheets.map(\.name))
        var parts: [(path: String, text: String)] = [
            ("[Content_Types].xml", Package.contentTypes(sheetCount: names.count)),
            ("_rels/.rels", Package.rootRelationships),
            ("xl/workbook.xml", Package.workbook(sheetNames: names)),
            ("xl/_rels/workbook.xml.rels", Package.workbookRelationships(sheetCount: names.count)),
            ("xl/styles.xml", Package.styles),
        ]
        var strings = SharedStrings()
        for (index, sheet) in workbook.sheets.enumerated() {
            let text = try WorksheetWriter.xml(for: sheet, name: names[index], strings: &strings)
            parts.append(("xl/worksheets/sheet\(index + 1).xml", text))
        }
        parts.append(("xl/sharedStrings.xml", strings.xml))
        return try zip(parts)
    }

    private static func zip(_ parts: [(path: String, text: String)]) throws(XLSXError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = Data(part.text.utf8)
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
                ) { position, size in
                    let start = data.startIndex + Int(position)
                    return data.subdata(in: start..<min(start + size, data.endIndex))
                }
            }
            guard let data = archive.data else { throw XLSXError("could not build the ZIP archive") }
            return data
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError("could not build the ZIP archive (\(error))")
        }
    }
}

// MARK: - Package parts

/// The parts every file has, whatever its cells.
private enum Package {
    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    static func contentTypes(sheetCount: Int) -> String {
        var xml = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += override("/xl/workbook.xml", "\(contentType).sheet.main+xml")
        xml += override("/xl/styles.xml", "\(contentType).styles+xml")
        xml += override("/xl/sharedStrings.xml", "\(contentType).sharedStrings+xml")
        for number in stride(from: 1, through: sheetCount, by: 1) {
            xml += override("/xl/worksheets/sheet\(number).xml", "\(contentType).worksheet+xml")
        }
        return xml + "</Types>"
    }

    private static func override(_ part: String, _ type: String) -> String {
        #"<Override PartName="\#(part)" ContentType="\#(type)"/>"#
    }

    static let rootRelationships =
        header + #"<Relationships xmlns="\#(packageRelationshipsNamespace)">"#
        + relationship(id: "rId1", type: "officeDocument", target: "xl/workbook.xml") + "</Relationships>"

    static func workbook(sheetNames: [String]) -> String {
        var xml = header + #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipsNamespace)">"#
        xml += "<bookViews><workbookView/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml += #"<sheet name="\#(XMLText.escaped(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return xml + "</sheets></workbook>"
    }

    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = header + #"<Relationships xmlns="\#(packageRelationshipsNamespace)">"#
        for number in stride(from: 1, through: sheetCount, by: 1) {
            xml += relationship(id: "rId\(number)", type: "worksheet", target: "worksheets/sheet\(number).xml")
        }
        xml += relationship(id: "rId\(sheetCount + 1)", type: "styles", target: "styles.xml")
        xml += relationship(id: "rId\(sheetCount + 2)", type: "sharedStrings", target: "sharedStrings.xml")
        return xml + "</Relationships>"
    }

    private static func relationship(id: String, type: String, target: String) -> String {
        let typeURI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/\(type)"
        return #"<Relationship Id="\#(id)" Type="\#(typeURI)" Target="\#(target)"/>"#
    }

    /// Cell formats (`cellXfs`), by index: see `CellFormat`.
    static let styles =
        header + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill>"#
        + #"<fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="14" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>"#
        + #"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}

/// The index of a cell format in the `cellXfs` of `Package.styles`.
private enum CellFormat: Int {
    case plain = 0
    case date = 1
    case bold = 2
    case boldDate = 3
}

// MARK: - Worksheets

/// The XML of one worksheet.
private enum WorksheetWriter {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxTextLength = 32_767

    static func xml(for sheet: XLSXSheet, name: String, strings: inout SharedStrings) throws(XLSXError) -> String {
        guard sheet.rows.count <= maxRows else { throw XLSXError("sheet \"\(name)\" has more than 1048576 rows") }
        var xml = Package.header + #"<worksheet xmlns="\#(Package.mainNamespace)">"#
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            guard row.count <= maxColumns else {
                throw XLSXError("sheet \"\(name)\" has more than 16384 columns in row \(rowIndex + 1)")
            }
            let bold = rowIndex == 0 && sheet.boldFirstRow
            var cells = ""
            for (columnIndex, cell) in row.enumerated() {
                let reference = columnName(columnIndex) + String(rowIndex + 1)
                cells += try cellXML(cell, reference: reference, bold: bold, sheetName: name, strings: &strings)
            }
            if !cells.isEmpty { xml += #"<row r="\#(rowIndex + 1)">"# + cells + "</row>" }
        }
        return xml + "</sheetData></worksheet>"
    }

    private static func cellXML(
        _ cell: XLSXCell, reference: String, bold: Bool, sheetName: String, strings: inout SharedStrings
    ) throws(XLSXError) -> String {
        let plainStyle = bold ? CellFormat.bold : .plain
        switch cell {
        case .empty:
            return ""
        case .text(let text):
            guard text.utf16.count <= maxTextLength else {
                throw XLSXError("cell \(reference) of sheet \"\(sheetName)\" has more than 32767 characters")
            }
            return sharedString(strings.index(of: text), reference: reference, style: plainStyle)
        case .number(let number):
            guard XLSXNumber.isValid(number) else {
                return sharedString(strings.index(of: number), reference: reference, style: plainStyle)
            }
            return #"<c r="\#(reference)"\#(styleAttribute(plainStyle))><v>\#(number)</v></c>"#
        case .date(let date):
            guard let serial = date.serial1900 else {
                return sharedString(strings.index(of: date.description), reference: reference, style: plainStyle)
            }
            let style = bold ? CellFormat.boldDate : .date
            return #"<c r="\#(reference)"\#(styleAttribute(style))><v>\#(serial)</v></c>"#
        case .bool(let value):
            return #"<c r="\#(reference)"\#(styleAttribute(plainStyle)) t="b"><v>\#(value ? 1 : 0)</v></c>"#
        }
    }

    private static func sharedString(_ index: Int, reference: String, style: CellFormat) -> String {
        #"<c r="\#(reference)"\#(styleAttribute(style)) t="s"><v>\#(index)</v></c>"#
    }

    private static func styleAttribute(_ style: CellFormat) -> String {
        style == .plain ? "" : #" s="\#(style.rawValue)""#
    }

    /// The letters of a zero-based column index: 0 is "A", 25 "Z", 26 "AA".
    static func columnName(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }
}

/// The shared strings table: each distinct text once, cells referring to it by index.
private struct SharedStrings {
    /// Keyed by the exact bytes, since Swift's `==` would merge composed and decomposed spellings.
    private var indices: [[UInt8]: Int] = [:]
    private var texts: [String] = []
    private var references = 0

    /// The index of `text` in the table, adding it when new.
    mutating func index(of text: String) -> Int {
        references += 1
        let key = Array(text.utf8)
        if let index = indices[key] { return index }
        texts.append(text)
        indices[key] = texts.count - 1
        return texts.count - 1
    }

    var xml: String {
        var xml = Package.header
        xml += #"<sst xmlns="\#(Package.mainNamespace)" count="\#(references)" uniqueCount="\#(texts.count)">"#
        for text in texts {
            xml += #"<si><t xml:space="preserve">"# + XMLText.escaped(XMLText.escapingUnderscores(text)) + "</t></si>"
        }
        return xml + "</sst>"
    }
}

// MARK: - Text

/// Text made safe for XML and for spreadsheet strings.
enum XMLText {
    /// `text` with &, <, >, quotes escaped, carriage returns kept as references (XML would read them as line
    /// feeds), and the characters XML 1.0 cannot carry dropped.
    static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\r": output += "&#13;"
            case "\t": output += "&#9;"
            case "\n": output += "&#10;"
            default:
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// `text` with every literal `_xHHHH_` protected as `_x005F_xHHHH_`, so spreadsheet programs, which decode
    /// such escapes, show it as written.
    static func escapingUnderscores(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let units = Array(text.utf16)
        var output: [UInt16] = []
        output.reserveCapacity(units.count + 7)
        for (index, unit) in units.enumerated() {
            output.append(unit)
            if unit == 0x5F, startsEscape(units, at: index) { output.append(contentsOf: "x005F_".utf16) }
        }
        return String(decoding: output, as: UTF16.self)
    }

    private static func startsEscape(_ units: [UInt16], at index: Int) -> Bool {
        guard index + 7 <= units.count, units[index + 1] == 0x78, units[index + 6] == 0x5F else { return false }
        return units[(index + 2)..<(index + 6)].allSatisfy { unit in
            (0x30...0x39).contains(unit) || (0x41...0x46).contains(unit) || (0x61...0x66).contains(unit)
        }
    }
}

/// Sheet names Excel accepts.
enum SheetNames {
    private static let maxLength = 31
    private static let forbidden: Set<Unicode.Scalar> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// `names` made valid and unique (ignoring case): characters Excel forbids ([]:*?/\ and controls) replaced by
    /// "_", no apostrophe first or last, at most 31 characters, "SheetN" for an empty name or the reserved
    /// "History", " (2)" and so on added to repeats.
    static func sanitized(_ names: [String]) -> [String] {
        var used: Set<String> = []
        var result: [String] = []
        for (index, name) in names.enumerated() {
            var clean = cleaned(name)
            if clean.isEmpty || clean.lowercased() == "history" { clean = "Sheet\(index + 1)" }
            var candidate = clean
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = truncated(clean, to: maxLength - suffix.utf16.count) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    private static func cleaned(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where XMLText.isAllowed(scalar) {
            let isControl = scalar.properties.generalCategory == .control
            scalars.append(forbidden.contains(scalar) || isControl ? "_" : scalar)
        }
        var clean = String(scalars)
        while clean.hasPrefix("'") { clean.removeFirst() }
        clean = truncated(clean, to: maxLength)
        while clean.hasSuffix("'") { clean.removeLast() }
        return clean
    }

    /// The longest prefix of whole characters of `text` that is at most `length` UTF-16 code units long.
    private static func truncated(_ text: String, to length: Int) -> String {
        var result = ""
        var count = 0
        for character in text {
            count += character.utf16.count
            if count > length { break }
            result.append(character)
        }
        return result
    }
}
