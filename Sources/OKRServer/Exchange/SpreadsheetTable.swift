import Foundation
import OKRCore
import SwiftCSV

/// A table as a spreadsheet holds it: the header row naming the columns, and the rows below it with each cell as
/// the text a person sees (a number as written, a date as `YYYY-MM-DD`), read from a CSV file or from one sheet of
/// an XLSX workbook. Row numbers in messages are the spreadsheet's: the header is row 1.
public struct SpreadsheetTable: Sendable, Equatable {
    /// The sheet's name (empty for CSV).
    public var name: String
    public var header: [String]
    /// The rows under the header, in order; `rows[i]` is row `i + 2` of the spreadsheet.
    public var rows: [[String]]

    public init(name: String = "", header: [String], rows: [[String]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }

    /// Why a file could not be read as a spreadsheet at all.
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The tables of `data`: every sheet of an XLSX workbook (a ZIP archive), or the one table of a CSV file
    /// (UTF-8 with or without BOM, or Windows-1258; comma, semicolon or tab).
    public static func read(_ data: Data) throws(Unreadable) -> [SpreadsheetTable] {
        if isWorkbook(data) { return try workbook(data) }
        return [try csv(SpreadsheetText.decode(data))]
    }

    /// Whether `data` starts like a ZIP archive, as every XLSX file does.
    public static func isWorkbook(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func csv(_ text: String) throws(Unreadable) -> SpreadsheetTable {
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: CSVDelimiter.guessed(string: text), loadColumns: false)
            return SpreadsheetTable(header: csv.header, rows: csv.rows)
        } catch {
            throw Unreadable(reason: "\(error)")
        }
    }

    static func workbook(_ data: Data) throws(Unreadable) -> [SpreadsheetTable] {
        let workbook: XLSXWorkbook
        do { workbook = try XLSXReader.read(data) } catch { throw Unreadable(reason: error.reason) }
        return workbook.sheets.map { sheet in
            let texts = sheet.rows.map { row in row.map { $0.text.precomposedStringWithCanonicalMapping } }
            return SpreadsheetTable(name: sheet.name, header: texts.first ?? [], rows: Array(texts.dropFirst()))
        }
    }

    /// Where each column of `Column` stands in the header (its first occurrence), by the header's words
    /// folded (no diacritics, lower case, spaces trimmed).
    func positions<Column: SpreadsheetColumn>(of _: Column.Type) -> [Column: Int] {
        var positions: [Column: Int] = [:]
        for (index, header) in header.enumerated() {
            let folded = Folding.fold(header.trimmingCharacters(in: .whitespaces))
            if let column = Column.allCases.first(where: { $0.headers.contains(folded) }), positions[column] == nil {
                positions[column] = index
            }
        }
        return positions
    }

    /// Whether a row holds nothing but blanks.
    static func isBlank(_ cells: [String]) -> Bool {
        cells.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// The spreadsheet's name of the column at `index`: A, B, …, Z, AA, …
    public static func letter(_ index: Int) -> String {
        var index = index
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(65 + index % 26))) + letters
            index = index / 26 - 1
        } while index >= 0
        return letters
    }

    /// The table as CSV: UTF-8 with a byte-order mark (so that Excel reads Vietnamese right), comma-separated,
    /// CRLF line ends, a cell quoted when it holds a comma, a quote or a line break.
    public func csvData() -> Data {
        var text = "\u{FEFF}"
        for row in [header] + rows {
            text += row.map(Self.csvCell).joined(separator: ",")
            text += "\r\n"
        }
        return Data(text.utf8)
    }

    static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A column a spreadsheet import reads, known by the words its header may use.
protocol SpreadsheetColumn: CaseIterable, Hashable {
    /// Header words, folded (no diacritics, lower case).
    var headers: Set<String> { get }
}

/// A column with a header of its own in each language, as an export writes it and messages name it.
protocol LabeledColumn: SpreadsheetColumn {
    func label(_ language: Language) -> String
}

/// Numbers as people type them in spreadsheets: `1234.5`, `1,234.5`, `1.234,5`, `1 234,5`, `12%`.
///
/// With both a dot and a comma, the last one is the decimal mark. With one of them only, it is a thousands
/// separator when it occurs more than once or stands before exactly three digits in a file of the other
/// convention, and a decimal mark otherwise: in a file with Vietnamese headers `1.234` is one thousand two hundred
/// thirty-four and `1,5` one and a half; in an English one `1,234` is one thousand two hundred thirty-four.
/// Numbers an XLSX file stores as numbers arrive as written by the file (`1234.5`, `1E-3`) and read exactly.
public enum SpreadsheetNumber {
    public static func parse(_ text: String, decimalComma: Bool) -> Decimal? {
        var text = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" && $0 != "'" }
        guard !text.isEmpty else { return nil }
        if text.hasSuffix("%") { text.removeLast() }
        let dots = text.filter { $0 == "." }.count
        let commas = text.filter { $0 == "," }.count
        var plain: String
        if dots > 0, commas > 0 {
            let lastDot = text.lastIndex(of: ".")!
            let lastComma = text.lastIndex(of: ",")!
            let decimal: Character = lastDot > lastComma ? "." : ","
            let grouping: Character = decimal == "." ? "," : "."
            guard text.filter({ $0 == decimal }).count == 1 else { return nil }
            plain = text.filter { $0 != grouping }
            if decimal == "," { plain = plain.replacingOccurrences(of: ",", with: ".") }
        } else if dots + commas > 0 {
            let mark: Character = dots > 0 ? "." : ","
            let count = max(dots, commas)
            let afterLast = text.distance(from: text.lastIndex(of: mark)!, to: text.endIndex) - 1
            let isGrouping =
                count > 1
                || (afterLast == 3 && (mark == "," ? !decimalComma : decimalComma) && !text.hasPrefix("0")
                    && !text.hasPrefix("-0"))
            if isGrouping {
                guard Self.isGrouped(text, by: mark) else { return nil }
                plain = text.filter { $0 != mark }
            } else {
                plain = text.replacingOccurrences(of: ",", with: ".")
            }
        } else {
            plain = text
        }
        guard plain.range(of: #"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"#, options: .regularExpression) != nil,
            let value = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        return value
    }

    /// Whether every group after the first has exactly three digits (`1.234.567`).
    private static func isGrouped(_ text: String, by mark: Character) -> Bool {
        let groups = text.split(separator: mark, omittingEmptySubsequences: false)
        return groups.count > 1 && !(groups.first ?? "").isEmpty && groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}
