import Foundation
import OKRTestSupport
import Testing
import ZIPFoundation

@testable import OKRServer

@Suite("XLSX workbooks: read, written, and refused when damaged")
struct XLSXTests {
    // MARK: - Round trip

    @Test("A workbook written and read back is the same workbook")
    func roundTrip() throws {
        let decomposed = "Tăng doanh số".decomposedStringWithCanonicalMapping
        let workbook = XLSXWorkbook(sheets: [
            XLSXSheet(
                name: "Mục tiêu",
                rows: [
                    [.text("Tên"), .text("Giá trị"), .text("Ngày"), .text("Xong")],
                    [
                        .text("Tăng doanh số từ khách hàng dùng thử"), .number("1234.5"), .date(day(2024, 1, 31)),
                        .bool(true),
                    ],
                    [.text(decomposed), .number("0.001"), .empty, .bool(false)],
                    [],
                    [.empty, .number("-3"), .text(#"  a & b < c > d " e ' f  "#), .text("   ")],
                    [
                        .date(day(1900, 2, 28)), .date(day(1900, 3, 1)), .date(day(9999, 12, 31)),
                        .text("_x0041_ as typed"),
                    ],
                    [.text("line 1\nline 2\r\nline 3\tend"), .empty, .empty, .empty, .number("1E-3")],
                ]
            ),
            XLSXSheet(
                name: "Kết quả", rows: [[.number("42"), .text("")], [], [.empty, .bool(true)]], boldFirstRow: false),
        ])
        let read = try XLSXReader.read(XLSXWriter.write(workbook))
        #expect(read == workbook)
        let readDecomposed = read.sheets.first?.rows[2].first?.text ?? ""
        #expect(Array(readDecomposed.unicodeScalars) == Array(decomposed.unicodeScalars))
    }

    @Test("The writer drops characters XML cannot carry, makes sheet names valid and writes odd values as text")
    func writerCleansUp() throws {
        let workbook = XLSXWorkbook(sheets: [
            XLSXSheet(name: "a/b:c*d?e[f]g\\h — a very long name indeed", rows: [[.text("x\u{0}y\u{8}z\u{1}")]]),
            XLSXSheet(
                name: "A/B:C*D?E[F]G\\H — a very long name indeed", rows: [[.number("1,5"), .date(day(1899, 1, 1))]]),
            XLSXSheet(name: "'History'", rows: []),
            XLSXSheet(name: "", rows: []),
        ])
        let read = try XLSXReader.read(XLSXWriter.write(workbook))
        #expect(
            read.sheets.map(\.name) == [
                "a_b_c_d_e_f_g_h — a very long n", "A_B_C_D_E_F_G_H — a very lo (2)", "Sheet3", "Sheet4",
            ])
        #expect(read.sheets[0].rows == [[.text("xyz")]])
        #expect(read.sheets[1].rows == [[.text("1,5"), .text("1899-01-01")]])
        #expect(throws: XLSXError("a workbook needs at least one sheet")) {
            try XLSXWriter.write(XLSXWorkbook(sheets: []))
        }
    }

    // MARK: - openpyxl

    /// Python with openpyxl: `OKRA_TEST_PYTHON`, or `python3` from the path.
    private let python = ProcessInfo.processInfo.environment["OKRA_TEST_PYTHON"] ?? "python3"

    private let openpyxlHelp = """
        These tests need Python with openpyxl: python3 -m venv /tmp/xlsx-venv && /tmp/xlsx-venv/bin/pip install openpyxl, \
        then run with OKRA_TEST_PYTHON=/tmp/xlsx-venv/bin/python
        """

    /// Runs `script` with Python and returns what it printed; records a failure naming the fix when Python or openpyxl
    /// is missing.
    private func runPython(_ script: String, arguments: [String]) throws -> String {
        let ran = try ChildProcess.run("/usr/bin/env", [python, "-c", script] + arguments)
        let printed = String(decoding: ran.output, as: UTF8.self)
        let complaint = String(decoding: ran.errors, as: UTF8.self)
        let status = ran.status
        try #require(status != 127, "Python (\(python)) was not found. \(openpyxlHelp)")
        try #require(status != 3, "openpyxl is not installed for \(python). \(openpyxlHelp)")
        try #require(status == 0, "Python failed (\(status)): \(complaint)")
        return printed
    }

    private let makeWorkbookScript = #"""
        import datetime, json, sys
        try:
            import openpyxl
        except ImportError:
            sys.exit(3)
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Mục tiêu"
        ws.append(["Tên", "Giá trị", "Ngày"])
        ws["A2"] = "Tăng doanh số từ khách hàng dùng thử"
        ws["B2"] = 1234.5
        ws["B2"].number_format = "#,##0.00"
        ws["C2"] = datetime.date(2024, 1, 31)
        ws["A3"] = "  a & b < c  "
        ws["B3"] = 0.25
        ws["B3"].number_format = "0.00%"
        ws["C3"] = datetime.datetime(2023, 3, 15, 18, 30)
        ws["C3"].number_format = "dd/mm/yyyy hh:mm"
        ws["D3"] = True
        ws["A4"] = "Tăng doanh số từ khách hàng dùng thử"
        ws["C4"] = datetime.date(2020, 2, 29)
        ws["C4"].number_format = "mm-dd-yy"
        ws["E5"] = -3
        rich = False
        try:
            from openpyxl.cell.rich_text import CellRichText, TextBlock
            from openpyxl.cell.text import InlineFont
            ws["A6"] = CellRichText(["Đạt ", TextBlock(InlineFont(b=True), "70%"), " mục tiêu"])
            rich = True
        except ImportError:
            pass
        ws2 = wb.create_sheet("Kết quả")
        ws2["B2"] = "Số liệu"
        ws2["AB3"] = 42
        wb.save(sys.argv[1])
        print(json.dumps({"rich": rich}))
        """#

    @Test("A file openpyxl made reads with every value")
    func readsOpenpyxlFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("openpyxl-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: path) }
        let printed = try runPython(makeWorkbookScript, arguments: [path.path])
        let rich = try JSONDecoder().decode([String: Bool].self, from: Data(printed.utf8))["rich"] ?? false
        let workbook = try XLSXReader.read(Data(contentsOf: path))
        let goal = "Tăng doanh số từ khách hàng dùng thử"
        var firstRows: [[XLSXCell]] = [
            [.text("Tên"), .text("Giá trị"), .text("Ngày")],
            [.text(goal), .number("1234.5"), .date(day(2024, 1, 31))],
            [.text("  a & b < c  "), .number("0.25"), .date(day(2023, 3, 15)), .bool(true)],
            [.text(goal), .empty, .date(day(2020, 2, 29))],
            [.empty, .empty, .empty, .empty, .number("-3")],
        ]
        if rich { firstRows.append([.text("Đạt 70% mục tiêu")]) }
        let secondRows: [[XLSXCell]] = [
            [], [.empty, .text("Số liệu")], Array(repeating: .empty, count: 27) + [.number("42")],
        ]
        #expect(workbook.sheets.map(\.name) == ["Mục tiêu", "Kết quả"])
        #expect(workbook.sheets.first?.rows == firstRows)
        #expect(workbook.sheets.first?.boldFirstRow == false)
        #expect(workbook.sheets.last?.rows == secondRows)
    }

    private let dumpWorkbookScript = #"""
        import datetime, json, sys
        try:
            import openpyxl
        except ImportError:
            sys.exit(3)
        def tag(value):
            if value is None:
                return ""
            if isinstance(value, bool):
                return "b:" + ("TRUE" if value else "FALSE")
            if isinstance(value, (int, float)):
                return "n:" + repr(value)
            if isinstance(value, datetime.datetime):
                return "d:" + value.date().isoformat()
            if isinstance(value, datetime.date):
                return "d:" + value.isoformat()
            return "s:" + str(value)
        wb = openpyxl.load_workbook(sys.argv[1])
        sheets = []
        for ws in wb.worksheets:
            rows = []
            for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
                values = [tag(cell.value) for cell in row]
                while values and values[-1] == "":
                    values.pop()
                rows.append(values)
            while rows and not rows[-1]:
                rows.pop()
            sheets.append({"name": ws.title, "rows": rows, "bold": bool(ws["A1"].font.b)})
        print(json.dumps(sheets))
        """#

    private struct DumpedSheet: Decodable, Equatable {
        let name: String
        let rows: [[String]]
        let bold: Bool
    }

    /// A cell as `dumpWorkbookScript` prints it, numbers in one canonical spelling.
    private func tag(_ cell: XLSXCell) -> String {
        switch cell {
        case .empty: return ""
        case .text(let text): return "s:" + text
        case .number(let number): return "n:" + (Decimal(string: number).map { "\($0)" } ?? number)
        case .date(let date): return "d:\(date)"
        case .bool(let value): return "b:" + (value ? "TRUE" : "FALSE")
        }
    }

    private func canonicalNumber(_ tagged: String) -> String {
        guard tagged.hasPrefix("n:"), let number = Decimal(string: String(tagged.dropFirst(2))) else { return tagged }
        return "n:\(number)"
    }

    @Test("openpyxl opens what the writer wrote and sees the same values")
    func openpyxlReadsWrittenFile() throws {
        let workbook = XLSXWorkbook(sheets: [
            XLSXSheet(
                name: "Mục tiêu",
                rows: [
                    [.text("Tên"), .text("Giá trị"), .text("Ngày")],
                    [
                        .text("Tăng doanh số từ khách hàng dùng thử"), .number("1234.5"), .date(day(2024, 1, 31)),
                        .bool(true),
                    ],
                    [.text(#" & < > " ' "#), .number("0.001"), .empty, .bool(false), .number("-3")],
                    [],
                    [.date(day(1900, 3, 1)), .number("1E-3"), .text("_x0041_")],
                ]
            ),
            XLSXSheet(name: "Kết quả", rows: [[.empty, .number("7")]], boldFirstRow: false),
        ])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xlsxkit-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: path) }
        try XLSXWriter.write(workbook).write(to: path)
        let printed = try runPython(dumpWorkbookScript, arguments: [path.path])
        let dumped = try JSONDecoder().decode([DumpedSheet].self, from: Data(printed.utf8)).map { sheet in
            DumpedSheet(name: sheet.name, rows: sheet.rows.map { $0.map(canonicalNumber) }, bold: sheet.bold)
        }
        let expected = workbook.sheets.map { sheet in
            DumpedSheet(name: sheet.name, rows: sheet.rows.map { $0.map(tag) }, bold: sheet.boldFirstRow)
        }
        #expect(dumped == expected)
    }

    // MARK: - Malformed input

    @Test("Data that is not an .xlsx file throws XLSXError")
    func rejectsMalformedData() throws {
        #expect(throws: XLSXError("not a ZIP archive")) { try XLSXReader.read(Data()) }
        var generator = SplitMix64(seed: 42)
        for length in [1, 21, 22, 100, 4096] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: XLSXError.self) { try XLSXReader.read(Data(bytes)) }
        }
        // A local header, then an end-of-directory record whose directory lies past the end.
        var fake: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 40)
        fake += [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 0x2E, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0]
        #expect(throws: XLSXError("the ZIP archive is damaged")) { try XLSXReader.read(Data(fake)) }
    }

    @Test("Damaged copies of a good file throw or read, never trap")
    func survivesDamage() throws {
        let good = try XLSXWriter.write(
            XLSXWorkbook(sheets: [XLSXSheet(name: "S", rows: [[.text("a"), .number("1")], [.date(day(2024, 5, 6))]])])
        )
        var generator = SplitMix64(seed: 7)
        for cut in stride(from: 0, to: good.count, by: 37) {
            _ = try? XLSXReader.read(good.prefix(cut))
        }
        for _ in 0..<300 {
            var damaged = [UInt8](good)
            for _ in 0..<3 {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(
                    in: 0...255, using: &generator)
            }
            _ = try? XLSXReader.read(Data(damaged))
        }
    }

    @Test("Missing parts, broken XML and absurd cell references throw XLSXError")
    func rejectsBrokenParts() throws {
        let noWorkbook = try zip(["[Content_Types].xml": "<Types/>"])
        #expect(throws: XLSXError("xl/workbook.xml is missing")) { try XLSXReader.read(noWorkbook) }

        let broken = try zip(package(sheet: "<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>"))
        #expect(throws: XLSXError("xl/worksheets/sheet1.xml is not valid XML")) { try XLSXReader.read(broken) }

        let absurd = try zip(package(sheet: sheetXML(#"<row r="1"><c r="ZZZZZ99999999"><v>1</v></c></row>"#)))
        let error = #expect(throws: XLSXError.self) { try XLSXReader.read(absurd) }
        #expect(error?.reason.contains("\"ZZZZZ99999999\" is outside the sheet") == true)

        let tooManyRows = try zip(package(sheet: sheetXML(#"<row r="1048577"><c><v>1</v></c></row>"#)))
        #expect(throws: XLSXError.self) { try XLSXReader.read(tooManyRows) }

        let missingString = try zip(package(sheet: sheetXML(#"<row r="1"><c r="A1" t="s"><v>99</v></c></row>"#)))
        #expect(throws: XLSXError.self) { try XLSXReader.read(missingString) }

        let doctype = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>"
        #expect(throws: XLSXError.self) { try XLSXReader.read(zip(package(sheet: doctype))) }
    }

    @Test("A part that unpacks past the limit throws, even when the archive understates its size")
    func refusesZipBombs() throws {
        let rows = (0..<200).map { [XLSXCell.number("\($0)"), .number("\($0 * 1000)"), .bool(true)] }
        let data = try XLSXWriter.write(XLSXWorkbook(sheets: [XLSXSheet(name: "Big", rows: rows)]))
        let limits = XLSXReadLimits(maxPartBytes: 4096)
        let tooLarge = XLSXError("xl/worksheets/sheet1.xml unpacks to more than 4096 bytes")
        #expect(throws: tooLarge) { try XLSXReader.read(data, limits: limits) }
        #expect(throws: tooLarge) {
            try XLSXReader.read(understatingSize(of: "xl/worksheets/sheet1.xml", in: data), limits: limits)
        }
        #expect(try XLSXReader.read(data).sheets.first?.rows.count == 200)
    }

    // MARK: - Hand-built files

    @Test("A hand-built file: rich text, inline strings, formulas, errors, implied references, dates")
    func readsHandBuiltFile() throws {
        let workbook = try XLSXReader.read(zip(handBuiltPackage(date1904: false)))
        #expect(workbook.sheets.map(\.name) == ["Dữ liệu", "Second"])
        let rows = workbook.sheets[0].rows
        #expect(rows.count == 6)
        #expect(
            rows[0] == [
                .text("Mục tiêu"), .text("Tăng doanh số "), .text("Inline ạ"), .text("formula text"), .text("#DIV/0!"),
            ]
        )
        #expect(rows[1] == [.text("A & B <3 ạ ạ"), .number("7"), .bool(true), .text("A_x0042_")])
        #expect(rows[2] == [])
        #expect(
            rows[3] == [
                .date(day(2023, 3, 15)), .date(day(1900, 2, 28)), .date(day(1900, 3, 1)), .date(day(1900, 2, 29)),
                .number("1234.5"), .number("1.5"), .number("3"), .date(day(2023, 3, 15)), .number("0.5"),
            ]
        )
        #expect(rows[4] == Array(repeating: .empty, count: 26) + [.number("1E-3")])
        #expect(rows[5] == [.empty, .text("  spaced  ")])
        #expect(workbook.sheets[0].boldFirstRow == false)
        #expect(workbook.sheets[1].rows == [[.empty, .text("  spaced  ")], [.number("2")]])
        #expect(workbook.sheets[1].boldFirstRow == true)
    }

    @Test("A workbook in the 1904 date system")
    func readsDate1904() throws {
        let workbook = try XLSXReader.read(zip(handBuiltPackage(date1904: true)))
        let dates = workbook.sheets[0].rows[3]
        #expect(dates[0] == .date(day(2027, 3, 16)))
        #expect(dates[1] == .date(day(1904, 2, 29)))
    }

    @Test("Serial day numbers, cell references and date formats")
    func helpers() {
        #expect(XLSXDate(serial: 1, date1904: false) == day(1900, 1, 1))
        #expect(XLSXDate(serial: 45_000.99, date1904: false) == day(2023, 3, 15))
        #expect(XLSXDate(serial: 2_958_465, date1904: false) == day(9999, 12, 31))
        #expect(XLSXDate(serial: 2_958_466, date1904: false) == nil)
        #expect(XLSXDate(serial: 0, date1904: false) == nil)
        #expect(XLSXDate(serial: -1e300, date1904: true) == nil)
        #expect(XLSXDate(serial: 0, date1904: true) == day(1904, 1, 1))
        for serial in [1, 59, 60, 61, 45_000, 2_958_465] {
            #expect(XLSXDate(serial: Double(serial), date1904: false)?.serial1900 == serial)
        }
        #expect(day(1899, 12, 31).serial1900 == nil)
        #expect(day(2023, 2, 29).serial1900 == nil)
        let position = { (reference: String) in CellReference.parse(reference).map { [$0.column, $0.row] } }
        #expect(position("C12") == [2, 11])
        #expect(position("AB3") == [27, 2])
        #expect(position("XFD1048576") == [16_383, 1_048_575])
        for bad in ["XFE1", "A1048577", "A0", "1A", "A", "12", "A1B", "ZZZZZZZZZZZZZZZZZZZZ1", "A99999999999999999999"]
        {
            #expect(CellReference.parse(bad) == nil, "\(bad)")
        }
        #expect(NumberFormat.isDate(id: 14, code: nil))
        #expect(!NumberFormat.isDate(id: 4, code: nil))
        #expect(NumberFormat.isDate(code: "dd/mm/yyyy"))
        #expect(NumberFormat.isDate(code: "[$-409]mmmm d, yyyy;@"))
        #expect(!NumberFormat.isDate(code: "#,##0.00"))
        #expect(!NumberFormat.isDate(code: #"0.0 "days""#))
        #expect(!NumberFormat.isDate(code: "[h]:mm:ss"))
        #expect(!NumberFormat.isDate(code: "[Red]#,##0"))
        #expect(!NumberFormat.isDate(code: #"0\d"#))
        #expect(XLSXWorkbook(sheets: []).sheets.isEmpty)
        #expect(XLSXCell.date(day(5, 1, 2)).text == "0005-01-02")
        #expect(XLSXCell.bool(false).text == "FALSE")
    }

    // MARK: - Helpers

    private func day(_ year: Int, _ month: Int, _ day: Int) -> XLSXDate {
        XLSXDate(year: year, month: month, day: day)
    }

    /// A deterministic random number generator, so failures repeat.
    private struct SplitMix64: RandomNumberGenerator {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// An archive of `parts` (path to text), deflated.
    private func zip(_ parts: [String: String]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) {
                position,
                size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return try #require(archive.data)
    }

    /// `data` with the central directory's uncompressed size of `path` set to 10 bytes, as a zip bomb would lie.
    private func understatingSize(of path: String, in data: Data) throws -> Data {
        var bytes = [UInt8](data)
        let name = [UInt8](path.utf8)
        for offset in 0..<(bytes.count - 46) where bytes[offset..<(offset + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02])
        {
            let nameLength = Int(bytes[offset + 28]) | Int(bytes[offset + 29]) << 8
            guard bytes[(offset + 46)..<(offset + 46 + nameLength)].elementsEqual(name) else { continue }
            bytes.replaceSubrange((offset + 24)..<(offset + 28), with: [10, 0, 0, 0])
            return Data(bytes)
        }
        Issue.record("no directory entry for \(path)")
        return data
    }

    private let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private func sheetXML(_ rows: String) -> String {
        #"<worksheet xmlns="\#(mainNamespace)"><sheetData>\#(rows)</sheetData></worksheet>"#
    }

    /// The parts of a one-sheet package whose sheet is `sheet`.
    private func package(sheet: String) -> [String: String] {
        [
            "_rels/.rels": #"""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="\#(relationshipTypes)/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>
            """#,
            "xl/workbook.xml": #"""
            <workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipTypes)">
            <sheets><sheet name="One" sheetId="1" r:id="rId1"/></sheets></workbook>
            """#,
            "xl/_rels/workbook.xml.rels": #"""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="\#(relationshipTypes)/worksheet" Target="worksheets/sheet1.xml"/>
            </Relationships>
            """#,
            "xl/worksheets/sheet1.xml": sheet,
        ]
    }

    /// A two-sheet package written by hand, as other programs write them.
    private func handBuiltPackage(date1904: Bool) -> [String: String] {
        let sharedStrings = #"""
            <sst xmlns="\#(mainNamespace)" count="4" uniqueCount="4">
              <si><t>Mục tiêu</t></si>
              <si><r><rPr><b/></rPr><t>Tăng </t></r><r><t xml:space="preserve">doanh số </t></r>\#
            <rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></si>
              <si><t>A &amp; B &lt;3 &#x1EA1; &#7841;</t></si>
              <si><t>_x0041__x005F_x0042_</t></si>
            </sst>
            """#
        let styles = #"""
            <styleSheet xmlns="\#(mainNamespace)">
            <numFmts count="5"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00"/>
            <numFmt numFmtId="166" formatCode="[h]:mm:ss"/><numFmt numFmtId="167" formatCode="0.0 &quot;days&quot;"/>
            <numFmt numFmtId="168" formatCode="[$-409]mmmm d, yyyy;@"/></numFmts>
            <fonts count="2"><font><sz val="11"/></font><font><b/><sz val="11"/></font></fonts>
            <cellXfs count="8"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0"/><xf numFmtId="14"/>
            <xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/><xf numFmtId="0" fontId="1"/>
            </cellXfs></styleSheet>
            """#
        let sheet1 = sheetXML(
            #"""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="7"><v>1</v></c>\#
            <c r="C1" t="inlineStr"><is><t>Inline ạ</t></is></c>\#
            <c r="D1" t="str"><f>A1&amp;"x"</f><v>formula text</v></c><c r="E1" t="e"><v>#DIV/0!</v></c></row>
            <row r="2"><c t="s"><v>2</v></c><c><v>7</v></c><c t="b"><v>1</v></c><c t="s"><v>3</v></c></row>
            <row r="4"><c r="A4" s="1"><v>45000</v></c><c r="B4" s="2"><v>59</v></c><c r="C4" s="2"><v>61</v></c>\#
            <c r="D4" s="2"><v>60</v></c><c r="E4" s="3"><v>1234.5</v></c><c r="F4" s="4"><v>1.5</v></c>\#
            <c r="G4" s="5"><v>3</v></c><c r="H4" s="6"><v>45000.75</v></c><c r="I4" s="2"><v>0.5</v></c></row>
            <row><c r="AA5"><v>1E-3</v></c></row>
            <row r="6"><c r="A6" s="1"/><c r="B6" t="inlineStr"><is><t xml:space="preserve">  spaced  </t></is></c></row>
            <row r="7"><c r="A7" s="1"/></row>
            """#
        )
        let sheet2 = #"""
            <x:worksheet xmlns:x="\#(mainNamespace)"><x:sheetData>
            <x:row r="1"><x:c r="B1" t="inlineStr" s="7"><x:is><x:t xml:space="preserve">  spaced  </x:t></x:is></x:c></x:row>
            <x:row><x:c><x:v>2</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """#
        return [
            "[Content_Types].xml": "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
            "_rels/.rels": #"""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="\#(relationshipTypes)/officeDocument" Target="/xl/workbook.xml"/>
            </Relationships>
            """#,
            "xl/workbook.xml": #"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipTypes)">
            <workbookPr date1904="\#(date1904 ? "1" : "0")"/>
            <sheets><sheet name="Dữ liệu" sheetId="1" r:id="rId1"/><sheet name="Chart" sheetId="3" r:id="rId9"/>\#
            <sheet name="Second" sheetId="2" r:id="rId2"/></sheets></workbook>
            """#,
            "xl/_rels/workbook.xml.rels": #"""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="\#(relationshipTypes)/worksheet" Target="/xl/worksheets/sheet1.xml"/>
            <Relationship Id="rId2" Type="\#(relationshipTypes)/worksheet" Target="worksheets/../worksheets/sheet2.xml"/>
            <Relationship Id="rId9" Type="\#(relationshipTypes)/chartsheet" Target="chartsheets/sheet1.xml"/>
            <Relationship Id="rId3" Type="\#(relationshipTypes)/sharedStrings" Target="sharedStrings.xml"/>
            <Relationship Id="rId4" Type="\#(relationshipTypes)/styles" Target="styles.xml"/>
            <Relationship Id="rId5" Type="\#(relationshipTypes)/hyperlink" Target="https://example.com/" \#
            TargetMode="External"/>
            </Relationships>
            """#,
            "xl/sharedStrings.xml": sharedStrings,
            "xl/styles.xml": styles,
            "xl/worksheets/sheet1.xml": sheet1,
            "xl/worksheets/sheet2.xml": sheet2,
        ]
    }
}
