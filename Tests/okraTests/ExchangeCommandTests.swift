import Foundation
import Logging
import OKRCore
import OKRServer
import OKRStore
import OKRTestSupport
import Testing

@Suite("okra import and okra export: a company's people and OKRs, out and back into an empty Okra")
struct ExchangeCommandTests {
    /// Python with openpyxl (CI's virtual environment); the XLSX is made the way a spreadsheet user's would be.
    static let python = ProcessInfo.processInfo.environment["OKRA_TEST_PYTHON"] ?? "python3"

    /// 5,000 people in 400 teams three levels under the company (divisions, departments, teams), a lead per team.
    static func peopleCSV() -> String {
        let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
        let given = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Minh", "Ngọc", "Phúc", "Quyên"]
        var lines = ["E-mail,Họ và tên,Nhóm,Vai trò,Trưởng nhóm"]
        for n in 0..<5_000 {
            let team = n % 400
            let path = "Khối \(team / 80 + 1)/Phòng \(team / 10 + 1)/Nhóm \(team + 1)"
            let name = "\(family[n % family.count]) \(given[(n / 10) % given.count]) \(n)"
            let lead = n < 400
            lines.append("nv\(n)@acme.vn,\(name),\(path),\(lead ? "trưởng nhóm" : "thành viên"),\(lead ? "có" : "")")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// 300 objectives (10 company objectives, then team objectives aligned to them) with 4 KRs of several kinds,
    /// an initiative per KR (two on the first), a check-ins sheet with date cells, and the cycle in its own sheet.
    static let workbookScript = #"""
        import datetime, sys
        try:
            import openpyxl
        except ImportError:
            sys.exit(3)
        wb = openpyxl.Workbook()
        okr = wb.active
        okr.title = "OKR"
        okr.append(["Chu kỳ", "Mục tiêu", "Chủ sở hữu", "Loại mục tiêu", "Mục tiêu cấp trên", "Kết quả then chốt",
                    "Cách đo", "Giá trị bắt đầu", "Giá trị đích", "Đơn vị", "Sáng kiến"])
        checkins = wb.create_sheet("Check-in")
        checkins.append(["Mục tiêu", "Chủ sở hữu", "Kết quả then chốt", "Ngày", "Giá trị", "Độ tự tin", "Người cập nhật"])
        kinds = [("Tăng", 100, 150, "MQL"), ("tối thiểu", None, 8, ""), ("Giảm", 40, 20, "%"), ("Cột mốc", None, None, "")]
        for o in range(300):
            if o < 10:
                title, owner, parent = f"Mục tiêu công ty số {o + 1}: tăng trưởng bền vững", "Công ty", ""
            else:
                team = o % 400 + 1
                title = f"Nhóm {team} cải thiện kênh bán hàng lần {o}"
                owner = f"Khối {(team - 1) // 80 + 1}/Phòng {(team - 1) // 10 + 1}/Nhóm {team}"
                parent = f"Mục tiêu công ty số {o % 10 + 1}: tăng trưởng bền vững"
            for k, (kind, start, target, unit) in enumerate(kinds):
                kr = f"KR {k + 1} của mục tiêu {o + 1}"
                # Some numbers typed as text with a decimal comma, as a Vietnamese Excel user would.
                typed = "100,0" if k == 0 and o % 3 == 0 else start
                okr.append(["2026 Q4", title, owner, "Khát vọng" if o % 7 == 0 else "Cam kết", parent, kr, kind,
                            typed, target, unit, f"Sáng kiến {k + 1}.{o + 1}"])
                if k == 0:
                    okr.append(["2026 Q4", title, owner, "", parent, kr, kind, start, target, unit,
                                f"Sáng kiến phụ {o + 1}"])
                    for week in range(4):
                        row = [title, owner, kr, datetime.date(2026, 10, 5) + datetime.timedelta(days=7 * week),
                               100 + 10 * week, 7, f"nv{(o * 13 + week) % 5000}@acme.vn"]
                        checkins.append(row)
        cycles = wb.create_sheet("Chu kỳ")
        cycles.append(["Chu kỳ", "Ngày bắt đầu", "Ngày kết thúc", "Trạng thái chu kỳ"])
        cycles.append(["2026 Q4", datetime.date(2026, 10, 1), datetime.date(2026, 12, 31), "Đang chạy"])
        wb.save(sys.argv[1])
        """#

    static func makeWorkbook(at path: String) throws {
        let status = try ChildProcess.run("/usr/bin/env", [python, "-c", workbookScript, path]).status
        try #require(status != 127, "Python (\(python)) was not found: set OKRA_TEST_PYTHON")
        try #require(status != 3, "openpyxl is not installed for \(python): pip install openpyxl")
        try #require(status == 0, "the workbook script failed (\(status))")
    }

    /// A new database holding only its organization (what `/setup` makes): the company and its first admin.
    static func newOrganization(_ path: String) async throws {
        var logger = Logger(label: "okra.tests.exchange")
        logger.logLevel = .warning
        let database = try await OKRDatabase.open(.sqlite(path: path), logger: logger)
        try await database.migrate()
        try await OKRStore(database).startOrganization(
            try OrganizationSettings(name: "Acme Việt Nam"), company: try LocalizedName(vi: "Acme Việt Nam"),
            admin: try Person(id: "p-admin", name: "Quản Trị", email: "admin@acme.vn", role: .admin),
            passwordHash: "not-used")
        try await database.close()
    }

    @Test("5,000 people from CSV and 300 objectives from XLSX go in, come out, and go into an empty Okra the same")
    func roundTrip() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
        try await Self.newOrganization(file("a.db"))
        try Data(Self.peopleCSV().utf8).write(to: URL(fileURLWithPath: file("people.csv")))
        try Self.makeWorkbook(at: file("okr.xlsx"))

        // `okra import FILE` tells people from OKRs by the file's columns.
        let people = try Binary.run(["import", file("people.csv"), "--db", file("a.db"), "--lang", "en"])
        #expect(people.status == 0, "\(people.stderr.prefix(2_000))")
        #expect(people.stdout.contains("Teams to create: 445. People to create: 5000."), "\(people.stdout)")
        let okrs = try Binary.run(["import", file("okr.xlsx"), "--db", file("a.db"), "--lang", "en"])
        #expect(okrs.status == 0, "\(okrs.stderr.prefix(2_000))")
        #expect(
            okrs.stdout.contains(
                "To create: 1 cycle, 300 objectives, 1200 key results, 1500 initiatives, 1200 check-ins."),
            "\(okrs.stdout)")

        for (what, format) in [("people", "csv"), ("okrs", "xlsx"), ("okrs", "json")] {
            let export = try Binary.run(
                ["export", what, "--format", format, "--db", file("a.db"), "-o", file("a-\(what).\(format)")])
            #expect(export.status == 0, "\(export.stderr)")
        }
        for source in ["a-okrs.xlsx", "a-okrs.json"] {
            let target = file("\(source).db")
            try await Self.newOrganization(target)
            let again = try Binary.run(["import", "people", file("a-people.csv"), "--db", target, "--lang", "en"])
            #expect(again.status == 0, "\(again.stderr.prefix(2_000))")
            let imported = try Binary.run(["import", "okrs", file(source), "--db", target, "--lang", "en"])
            #expect(imported.status == 0, "\(imported.stderr.prefix(2_000))")
            let export = try Binary.run(["export", "okrs", "--format", "json", "--db", target])
            #expect(export.status == 0, "\(export.stderr)")
            let original = try OKRExchange.decode(json: Data(contentsOf: URL(fileURLWithPath: file("a-okrs.json"))))
            let copy = try OKRExchange.decode(json: Data(export.stdout.utf8))
            #expect(copy.cycles == original.cycles)
            #expect(copy.objectives.count == 300)
            #expect(copy.objectives == original.objectives, "\(source)")
            let twice = try Binary.run(["import", "okrs", file(source), "--db", target, "--lang", "en", "--dry-run"])
            #expect(
                twice.stdout.contains("To create: 0 cycles, 0 objectives, 0 key results, 0 initiatives, 0 check-ins."))
        }
    }

    @Test("A refused OKR file exits 1 with each row, the OKR file (YAML) imports, and the template reads back")
    func refusalsAndFormats() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("okra.db").path
        var logger = Logger(label: "okra.tests.exchange")
        logger.logLevel = .warning
        let database = try await OKRDatabase.open(.sqlite(path: db), logger: logger)
        try await database.migrate()
        try await DemoOrganization(store: OKRStore(database), today: Day(iso: "2026-11-27")!, passwordHash: "not-used")
            .loadIfEmpty()
        try await database.close()

        let bad = folder.appendingPathComponent("bad.csv")
        try Data("objective,owner,key result,kind,start,target\nGrow,Marketing,Win,increase,10,5\n".utf8).write(to: bad)
        let refused = try Binary.run(["import", "okrs", bad.path, "--db", db, "--lang", "en"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Row 2: target"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Problems found: 1. Nothing was written."))

        let yaml = folder.appendingPathComponent("okr.yaml")
        try Data(
            """
            cycle: {name: "2027 Q1", start: 2027-01-01, end: 2027-03-31}
            objectives:
              - id: growth
                title: Tăng trưởng từ khách hàng dùng thử
                owner: Kinh doanh
                state: published
                key_results:
                  - {title: "Tăng tỉ lệ chuyển đổi từ 20% lên 35%", kind: increase, start: 20, target: 35, unit: percent, initiatives: ["Gọi điện chào mừng"]}
              - id: leads
                title: Nhiều khách hàng tiềm năng hơn
                owner: Marketing
                parent: growth
                key_results:
                  - {title: "Tăng MQL từ 100 lên 150", kind: increase, start: 100, target: 150, initiatives: ["Bản tin mới"]}
            """.utf8
        ).write(to: yaml)
        let imported = try Binary.run(["import", yaml.path, "--db", db, "--lang", "en"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("To create: 1 cycle, 2 objectives, 2 key results, 2 initiatives"))
        let exported = try Binary.run(["export", "okrs", "--cycle", "2027 Q1", "--format", "yaml", "--db", db])
        #expect(exported.status == 0)
        #expect(exported.stdout.contains("title: Nhiều khách hàng tiềm năng hơn"))
        let lint = folder.appendingPathComponent("exported.yaml")
        try Data(exported.stdout.utf8).write(to: lint)
        // A readable OKR file (exit 2 would be unreadable); its findings are the guide's (one KR is too few).
        let linted = try Binary.run(["lint", lint.path, "--lang", "en"])
        #expect(
            linted.status == 1 && linted.stdout.contains("too_few_key_results"), "\(linted.stdout) \(linted.stderr)")

        let template = folder.appendingPathComponent("mau.xlsx")
        let made = try Binary.run(["export", "template", "--lang", "vi", "-o", template.path])
        #expect(made.status == 0)
        let workbook = try XLSXReader.read(Data(contentsOf: template))
        #expect(workbook.sheets.first?.rows.count == 4)
        let check = try Binary.run(
            ["import", "okrs", template.path, "--db", db, "--dry-run", "--cycle", "2027 Q1", "--lang", "en"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("To create: 0 cycles, 1 objective, 3 key results, 3 initiatives"))
    }
}
