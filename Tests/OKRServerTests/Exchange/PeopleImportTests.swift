import Foundation
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("Importing people and teams from CSV")
struct PeopleImportTests {
    /// A BOM, semicolons (Excel in Vietnamese), Vietnamese headers, and names typed decomposed (NFD).
    static let file =
        "\u{FEFF}E-mail;Họ và tên;Nhóm;Vai trò;Trưởng nhóm\r\n"
        + "lan@okra.demo;Võ Thị Lan;Kinh doanh/Miền Bắc;;có\r\n"
        + "duc@okra.demo;\("Nguyễn Văn Đức".decomposedStringWithCanonicalMapping);Công ty Okra/Kinh doanh/Miền Bắc;thành viên;\r\n"
        + "duc@okra.demo;Nguyễn Văn Đức;Marketing;;không\r\n"
        + "\"hoa@okra.demo\";\"Trịnh Hoa; CSKH\";Kinh doanh/Miền Nam;viewer;\r\n"

    @Test("A dry run says what would happen and writes nothing; the import then writes it; a second changes nothing")
    func importTwice() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.store.versionedPeople().count
        let plan = try await PeopleImport.prepare(Data(Self.file.utf8), store: world.store, language: .vi)
        #expect(plan.problems.isEmpty)
        #expect(plan.rows == 4)
        #expect(plan.newTeams.map(\.name.vi) == ["Miền Bắc", "Miền Nam"])
        #expect(plan.newTeams.map(\.parentID) == ["sales", "sales"])
        #expect(plan.newPeople.map(\.name) == ["Nguyễn Văn Đức", "Trịnh Hoa; CSKH"])
        #expect(plan.newPeople.first?.name.unicodeScalars.count == "Nguyễn Văn Đức".unicodeScalars.count)
        #expect(plan.changedPeople.isEmpty && plan.unchanged == 1)
        #expect(try await world.store.versionedPeople().count == before)
        #expect(try await world.store.team(id: "t-kinh-doanh-mien-bac") == nil)

        try await plan.apply(store: world.store, actor: "p-anh")
        let north = try #require(try await world.store.team(id: "t-kinh-doanh-mien-bac")?.value)
        #expect(north.parentID == "sales" && north.name.vi == "Miền Bắc")
        let duc = try #require(try await world.store.person(email: "duc@okra.demo")?.person)
        #expect(duc.role == .member && Set(duc.teamIDs) == ["t-kinh-doanh-mien-bac", "marketing"])
        #expect(north.leadIDs == ["p-lan"])
        #expect(Set(north.memberIDs) == ["p-lan", duc.id])
        let lan = try #require(try await world.store.person(email: "lan@okra.demo")?.person)
        #expect(lan.role == .member && lan.teamIDs.contains("sales"))
        let hoa = try #require(try await world.store.person(email: "hoa@okra.demo")?.person)
        #expect(hoa.role == .viewer && hoa.teamIDs == ["t-kinh-doanh-mien-nam"])
        #expect(try await world.store.versionedPeople().count == before + 2)

        let again = try await PeopleImport.prepare(Data(Self.file.utf8), store: world.store, language: .vi)
        #expect(again.problems.isEmpty)
        #expect(!again.changesAnything)
        #expect(again.unchanged == 3)
        try await world.close()
    }

    @Test("Every refused row is named by row and column in the reader's language, and nothing is written")
    func refusals() async throws {
        let world = try await TestWorld.demo()
        let file = """
            email,name,team,role,lead
            khong-phai-email,An,Kinh doanh,member,no
            an@okra.demo,,Kinh doanh,member,no
            binh@okra.demo,Bình,Kinh doanh//Miền Bắc,boss,maybe
            chi@okra.demo,Chi,Marketing,member,no
            chi@okra.demo,Chi Khác,Kinh doanh,member,no
            """
        let plan = try await PeopleImport.prepare(Data(file.utf8), store: world.store, language: .vi)
        #expect(
            plan.problems.map(\.message) == [
                "Dòng 2, cột A (e-mail): “khong-phai-email” không phải địa chỉ e-mail.",
                "Dòng 3, cột B (họ tên): họ tên trống hoặc dài quá 200 ký tự.",
                "Dòng 4, cột C (nhóm): “Kinh doanh//Miền Bắc” không phải đường dẫn nhóm như Kinh doanh/Miền Bắc.",
                "Dòng 4, cột D (vai trò): “boss” không phải vai trò (quản trị, trưởng nhóm, thành viên hoặc người xem).",
                "Dòng 4, cột E (trưởng nhóm): “maybe” không phải có hay không.",
                "Dòng 6, cột A (e-mail): chi@okra.demo cũng có ở dòng 5 nhưng với họ tên hoặc vai trò khác.",
            ])
        #expect(plan.problems.map(\.row) == [2, 3, 4, 4, 4, 6])
        let english = try await PeopleImport.prepare(
            Data("name,team\nAn,Sales\n".utf8), store: world.store, language: .en)
        #expect(
            english.problems.map(\.message) == [
                "The first row has no column “e-mail”: it must name at least e-mail, name and team (role and lead are optional)."
            ])
        try await world.close()
    }

    @Test("Windows-1258 and UTF-8 with a BOM read as the same composed Vietnamese")
    func encodings() {
        // "Nguyễn Đức" in Windows-1258: ê then the combining tilde, Đ, ư as 0xFD.
        let windows: [UInt8] = [0x4E, 0x67, 0x75, 0x79, 0xEA, 0xDE, 0x6E, 0x20, 0xD0, 0xFD, 0xEC, 0x63]
        #expect(SpreadsheetText.decode(Data(windows)) == "Nguyễn Đức")
        #expect(SpreadsheetText.decode(Data([0xEF, 0xBB, 0xBF] + Array("Đức".utf8))) == "Đức")
        #expect(SpreadsheetText.decode(Data("Đức".decomposedStringWithCanonicalMapping.utf8)) == "Đức")
    }

    @Test("5,000 people in 60 teams arrive in one import, and the same file again changes nothing")
    func aWholeCompany() async throws {
        let world = try await TestWorld.empty()
        try await world.store.startOrganization(
            try OrganizationSettings(name: "Acme"), company: try LocalizedName(vi: "Acme"),
            admin: try Person(id: "p-admin", name: "Quản trị", email: "admin@acme.vn", role: .admin),
            passwordHash: try await TestWorld.hasher.hash("mật-khẩu-đủ-dài"))
        var csv = "email,name,team,role,lead\n"
        for n in 0..<5_000 {
            let division = n / 1_000
            let department = n / 100
            csv += "nv\(n)@acme.vn,Nhân viên \(n),Khối \(division)/Phòng \(department),,\(n % 100 == 0 ? "x" : "")\n"
        }
        let plan = try await PeopleImport.prepare(Data(csv.utf8), store: world.store, language: .en)
        #expect(plan.problems.isEmpty)
        #expect(plan.newPeople.count == 5_000)
        #expect(plan.newTeams.count == 55)
        try await plan.apply(store: world.store, actor: "p-admin")
        #expect(try await world.store.versionedPeople().count == 5_001)
        let leads = try await world.store.people().filter { $0.role == .lead }
        #expect(leads.count == 50)
        let again = try await PeopleImport.prepare(Data(csv.utf8), store: world.store, language: .en)
        #expect(!again.changesAnything && again.unchanged == 5_000)
        try await world.close()
    }
}
