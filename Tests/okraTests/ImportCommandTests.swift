import Foundation
import Logging
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("okra import people")
struct ImportCommandTests {
    @Test("A dry run prints the plan and writes nothing; the import writes; a refused file exits 1 with the rows")
    func importPeople() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("okra.db").path
        var logger = Logger(label: "okra.tests.import")
        logger.logLevel = .warning
        let database = try await OKRDatabase.open(.sqlite(path: db), logger: logger)
        try await database.migrate()
        try await OKRStore(database).startOrganization(
            try OrganizationSettings(name: "Tinh Vân"), company: try LocalizedName(vi: "Tinh Vân"),
            admin: try Person(id: "p-linh", name: "Trần Thùy Linh", email: "linh@tinhvan.vn", role: .admin),
            passwordHash: try await PasswordHasher(cost: 4).hash("mật-khẩu-đủ-dài"))
        try await database.close()

        let csv = folder.appendingPathComponent("nhan-su.csv")
        try Data(
            "email,họ tên,nhóm,trưởng nhóm\nan@tinhvan.vn,Lê An,Kinh doanh,x\nbinh@tinhvan.vn,Phạm Bình,Kinh doanh,\n"
                .utf8
        )
        .write(to: csv)
        let dry = try Binary.run(["import", "people", csv.path, "--db", db, "--dry-run", "--lang", "vi"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Số dòng: 2. Nhóm sẽ tạo: 1. Người sẽ tạo: 2."))
        #expect(dry.stdout.contains("Chạy thử: chưa ghi gì."))
        let done = try Binary.run(["import", "people", csv.path, "--db", db, "--lang", "en"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("Imported in one transaction."))
        let again = try Binary.run(["import", "people", csv.path, "--db", db, "--lang", "en"])
        #expect(
            again.stdout.contains(
                "Teams to create: 0. People to create: 0. People to change: 0. Teams whose members change: 0. "
                    + "People unchanged: 2."))

        let bad = folder.appendingPathComponent("sai.csv")
        try Data("email,name,team\nkhông-phải-email,An,Kinh doanh\n".utf8).write(to: bad)
        let refused = try Binary.run(["import", "people", bad.path, "--db", db, "--lang", "en"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Row 2, column A (e-mail): “không-phải-email” is not an e-mail address."))
        #expect(refused.stderr.contains("Problems found: 1. Nothing was written."))
    }
}
