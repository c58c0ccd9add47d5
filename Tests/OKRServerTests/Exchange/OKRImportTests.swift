import Foundation
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("Importing and exporting OKRs")
struct OKRImportTests {
    /// Vietnamese headers, semicolons (Excel in Vietnamese), a BOM, numbers with a decimal comma and thousands
    /// dots, a KR with two initiatives on two rows, a parent already in the cycle and a parent in the file, a
    /// KR typed decomposed (NFD).
    static let sheet =
        "\u{FEFF}Mục tiêu;Chủ sở hữu;Loại mục tiêu;Mục tiêu cấp trên;Kết quả then chốt;Cách đo;Giá trị bắt đầu;"
        + "Giá trị đích;Đơn vị;Sáng kiến\r\n"
        + "Mở rộng thị trường miền Bắc;Kinh doanh;Cam kết;Tăng trưởng doanh thu bền vững từ khách hàng mới;"
        + "Tăng doanh thu miền Bắc từ 1.200,5 lên 2.000 triệu;Tăng;1.200,5;2.000;triệu ₫;Mở văn phòng Hà Nội\r\n"
        + "Mở rộng thị trường miền Bắc;Kinh doanh;Cam kết;Tăng trưởng doanh thu bền vững từ khách hàng mới;"
        + "Tăng doanh thu miền Bắc từ 1.200,5 lên 2.000 triệu;Tăng;1.200,5;2.000;triệu ₫;Tuyển 3 nhân viên kinh doanh\r\n"
        + "Mở rộng thị trường miền Bắc;Kinh doanh;;;"
        + "\("Đạt 30 khách hàng mới ở Hà Nội".decomposedStringWithCanonicalMapping);tối thiểu;;30;;Hội thảo khách hàng\r\n"
        + "Nâng cao kỹ năng tư vấn;lan@okra.demo;Khát vọng;Mở rộng thị trường miền Bắc;Hoàn thành khoá đào tạo tư vấn;"
        + "Cột mốc;;;;Đăng ký khoá học\r\n"

    @Test(
        "A sheet with Vietnamese headers is checked, then imported in one change; the same file again changes nothing")
    func importTwice() async throws {
        let world = try await TestWorld.demo()
        let store = world.store
        let before = try await store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count
        let plan = try await OKRImport.prepare(Data(Self.sheet.utf8), store: store, cycle: nil, language: .vi)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.rows == 4)
        #expect(plan.newObjectives.map(\.title.vi) == ["Mở rộng thị trường miền Bắc", "Nâng cao kỹ năng tư vấn"])
        #expect(plan.newKeyResults.count == 3 && plan.newInitiatives.count == 4 && plan.unchanged == 0)
        #expect(try await store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count == before)

        try await plan.apply(store: store, actor: "p-anh")
        let north = try #require(plan.newObjectives.first)
        let stored = try #require(try await store.objective(id: north.id)?.value)
        #expect(stored.owner == .team("sales") && stored.kind == .committed && stored.state == .published)
        #expect(stored.parents.map(\.target) == [.objective("o-company-growth")])
        let krs = try await store.keyResults(objective: north.id).map(\.value)
        #expect(krs.map(\.kind) == [.increase, .atLeast])
        #expect(krs[0].start == Decimal(string: "1200.5") && krs[0].target == 2000)
        #expect(krs[0].unit == .label("triệu ₫"))
        #expect(krs[1].title.vi == "Đạt 30 khách hàng mới ở Hà Nội" && krs[1].title.vi.unicodeScalars.count == 30)
        let initiatives = try await store.initiatives(keyResult: krs[0].id).map(\.value.title.vi)
        #expect(Set(initiatives) == ["Mở văn phòng Hà Nội", "Tuyển 3 nhân viên kinh doanh"])
        let skills = try #require(plan.newObjectives.last)
        let personal = try #require(try await store.objective(id: skills.id)?.value)
        #expect(personal.owner == .person("p-lan") && personal.kind == .aspirational)
        #expect(personal.parents.map(\.target) == [.objective(north.id)])
        #expect(try await store.keyResults(objective: skills.id).map(\.value.kind) == [.milestone])

        let again = try await OKRImport.prepare(Data(Self.sheet.utf8), store: store, cycle: nil, language: .vi)
        #expect(again.problems.isEmpty && !again.changesAnything)
        #expect(again.unchanged == 2 + 3 + 4)
        try await world.close()
    }

    @Test("Every refused row is named by row and column in the reader's language, and nothing is written")
    func refusals() async throws {
        let world = try await TestWorld.demo()
        let file = """
            objective,owner,key result,kind,start,target,initiative,parent objective
            Grow,Nowhere,Win deals,increase,10,20,,
            Grow faster,Marketing,Win more deals,grow,abc,20,,
            ,Marketing,Orphan KR,increase,1,2,,
            Aligned,Marketing,,,,,Lonely initiative,
            Aligned twice,Marketing,KR,increase,1,2,,No such objective
            Backwards,Marketing,Go down,increase,20,10,,
            """
        let before = try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count
        let plan = try await OKRImport.prepare(Data(file.utf8), store: world.store, cycle: nil, language: .vi)
        let messages = plan.problems.map(\.message)
        #expect(messages.contains { $0.hasPrefix("Dòng 3, cột D (Cách đo): “grow”") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Dòng 3, cột E (Giá trị bắt đầu): “abc”") })
        #expect(messages.contains { $0.hasPrefix("Dòng 4, cột A (Mục tiêu)") && $0.contains("không được để trống") })
        #expect(messages.contains { $0.hasPrefix("Dòng 5, cột G (Sáng kiến)") })
        #expect(plan.problems.allSatisfy { $0.row != nil })
        // The cells read, the rest meets the organization: owners and parents are checked only then.
        let cellsFixed = file.replacingOccurrences(of: ",grow,abc,", with: ",increase,10,")
            .replacingOccurrences(of: "\n,Marketing,Orphan KR,increase,1,2,,", with: "")
            .replacingOccurrences(of: "Lonely initiative", with: "")
        let second = try await OKRImport.prepare(Data(cellsFixed.utf8), store: world.store, cycle: nil, language: .en)
        let english = second.problems.map(\.message)
        #expect(english.contains { $0.hasPrefix("Row 2: no team, person or company is named “Nowhere”") }, "\(english)")
        #expect(english.contains { $0.hasPrefix("Row 5: no objective “No such objective”") })
        #expect(english.contains { $0.hasPrefix("Row 6: target") })
        #expect(!second.isValid)
        #expect(try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count == before)
        try await world.close()
    }

    @Test("Numbers as spreadsheets write them, in either convention")
    func numbers() {
        let cases: [(String, Bool, String?)] = [
            ("1234.5", false, "1234.5"), ("1,234.5", false, "1234.5"), ("1.234,5", true, "1234.5"),
            ("1.234,5", false, "1234.5"), ("1,5", true, "1.5"), ("1,5", false, "1.5"), ("1.234", true, "1234"),
            ("1,234", false, "1234"), ("1,234", true, "1.234"), ("1.234", false, "1.234"), ("0,125", false, "0.125"),
            ("1 234 567,8", true, "1234567.8"), ("1.234.567", false, "1234567"), ("-2,5", true, "-2.5"),
            ("45%", true, "45"), ("1E-3", false, "0.001"), ("abc", true, nil), ("1,2,3", false, nil),
            ("1.2.3", true, nil), ("", true, nil), ("1.23,4.5", true, nil),
        ]
        for (text, decimalComma, expected) in cases {
            let value = SpreadsheetNumber.parse(text, decimalComma: decimalComma)
            #expect(value == expected.flatMap { Decimal(string: $0) }, "\(text) with decimal comma \(decimalComma)")
        }
    }

    @Test(
        "An export imported into an empty Okra gives the same OKRs, alignment and check-in history",
        arguments: [
            OKRExport.Format.json, .xlsx,
        ])
    func roundTrip(_ format: OKRExport.Format) async throws {
        let source = try await TestWorld.demo()
        let exported = try await OKRExport.exchange(store: source.store, cycles: nil)
        #expect(exported.objectives.count >= 7)
        #expect(exported.objectives.contains { $0.parents.contains { $0.keyResult == "kr-mkt-email" } })
        let checkIns = exported.objectives.flatMap(\.keyResults).flatMap(\.checkIns).count
        #expect(checkIns > 20)
        let file = try OKRExport.data(exported, format: format, language: .vi)
        let people = try await PeopleExport.data(store: source.store, format: .xlsx, language: .en)

        let target = try await TestWorld.empty()
        let settings = try #require(try await source.store.settings())
        try await target.store.startOrganization(
            settings, company: try LocalizedName(vi: "Công ty Okra", en: "Okra Company"),
            admin: try Person(id: "p-first", name: "Nguyễn Minh Anh", email: DemoOrganization.adminEmail, role: .admin),
            passwordHash: "x")
        let peoplePlan = try await PeopleImport.prepare(people, store: target.store, language: .en)
        try #require(peoplePlan.problems.isEmpty, "\(peoplePlan.problems)")
        try await peoplePlan.apply(store: target.store, actor: nil)

        let plan = try await OKRImport.prepare(file, store: target.store, cycle: nil, language: .en)
        try #require(plan.problems.isEmpty, "\(plan.problems.prefix(5))")
        #expect(plan.newCycles.count == 2 && plan.newCheckIns.count == checkIns)
        try await plan.apply(store: target.store, actor: nil)
        let imported = try await OKRExport.exchange(store: target.store, cycles: nil)
        #expect(imported.cycles == exported.cycles)
        #expect(imported.objectives.count == exported.objectives.count)
        for (mine, theirs) in zip(imported.objectives, exported.objectives) {
            #expect(mine == theirs, "\(theirs.title)")
        }

        let again = try await OKRImport.prepare(file, store: target.store, cycle: nil, language: .en)
        #expect(again.problems.isEmpty && !again.changesAnything, "\(again.summary(.en))")
        try await source.close()
        try await target.close()
    }
}
