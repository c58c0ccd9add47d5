import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("Data in and out over the API and on the data page")
struct ExchangeAPITests {
    static let sheet = """
        objective,owner,key result,kind,start,target,unit,initiative,parent objective
        Win the north,Kinh doanh,Sign 30 customers in Hà Nội,increase,0,30,,Open a Hà Nội office,Grow revenue sustainably from new customers
        Win the north,Kinh doanh,Hire 3 sales people,increase,0,3,,Post the jobs,
        """

    @Test("POST /imports checks on a dry run, refuses bad rows with 422 and each problem, then imports; admins only")
    func imports() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let lead = try await world.token("p-ha")
        try await world.test { client in
            let csv: HTTPFields = [.contentType: "text/csv"]
            let refused = try await client.api(
                .post, "/api/v1/imports?dry_run=true", token: lead, body: Self.sheet, headers: csv)
            #expect(refused.status == .forbidden)

            let dry = try await client.api(
                .post, "/api/v1/imports?dry_run=true", token: admin, body: Self.sheet, headers: csv)
            #expect(dry.status == .ok)
            #expect(dry.object["applied"] as? Bool == false)
            #expect((dry.object["created"] as? [String: Int])?["key_results"] == 2)
            #expect(try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: "north").isEmpty)

            let bad = Self.sheet.replacingOccurrences(of: ",increase,0,3,", with: ",sideways,0,3,")
                .replacingOccurrences(of: "Kinh doanh,Sign", with: "Nobody,Sign")
            let answer = try await client.api(
                .post, "/api/v1/imports?lang=en", token: admin, body: bad, headers: csv)
            #expect(answer.status == .unprocessableContent && answer.errorCode == "import_refused")
            let problems = (answer.object["error"] as? [String: Any])?["problems"] as? [[String: Any]] ?? []
            #expect(problems.count == 1 && problems.first?["row"] as? Int == 3)
            #expect((problems.first?["column"] as? String) == "D (KR kind)")

            let done = try await client.api(.post, "/api/v1/imports", token: admin, body: Self.sheet, headers: csv)
            #expect(done.status == .ok && done.object["applied"] as? Bool == true)
            let north = try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: "north")
            #expect(north.count == 1 && north.first?.value.parents.map(\.target) == [.objective("o-company-growth")])
            let again = try await client.api(.post, "/api/v1/imports", token: admin, body: Self.sheet, headers: csv)
            #expect(again.object["unchanged"] as? Int == 1 + 2 + 2)
            #expect((again.object["created"] as? [String: Int])?.values.allSatisfy { $0 == 0 } == true)

            let unreadable = try await client.api(
                .post, "/api/v1/imports", token: admin, body: "{\"format\": 3}",
                headers: [.contentType: "application/json"])
            #expect(unreadable.status == .unprocessableContent && unreadable.errorCode == "import_refused")
            let yaml = """
                cycle: {name: "2026 Q4", start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: care
                    title: Chăm sóc khách hàng tốt hơn
                    owner: Kinh doanh
                    state: published
                    key_results:
                      - {title: "Giảm thời gian phản hồi từ 24 xuống 4 giờ", kind: decrease, start: 24, target: 4, initiatives: ["Trực tổng đài"]}
                """
            let fromFile = try await client.api(
                .post, "/api/v1/imports", token: admin, body: yaml, headers: [.contentType: "application/yaml"])
            #expect(fromFile.status == .ok && (fromFile.object["created"] as? [String: Int])?["objectives"] == 1)
            let broken = try await client.api(
                .post, "/api/v1/imports?lang=en", token: admin,
                body: yaml.replacingOccurrences(of: "start: 24", with: "start: many"),
                headers: [.contentType: "application/yaml"])
            let brokenProblems = (broken.object["error"] as? [String: Any])?["problems"] as? [[String: Any]] ?? []
            #expect(broken.status == .unprocessableContent && brokenProblems.first?["row"] as? Int == 8)
            let people = try await client.api(
                .post, "/api/v1/imports?kind=people&dry_run=true", token: admin,
                body: "email,name,team\nmy@okra.demo,Mỹ,Kinh doanh/Miền Bắc\n", headers: csv)
            #expect((people.object["created"] as? [String: Int]) == ["teams": 1, "people": 1])
        }
        try await world.close()
    }

    @Test("GET /exports gives each format with its media type and file name; the XLSX opens with its three sheets")
    func exports() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let member = try await world.token("p-nam")
        try await world.test { client in
            let forbidden = try await client.api(.get, "/api/v1/exports", token: member)
            #expect(forbidden.status == .forbidden)
            let json = try await client.api(.get, "/api/v1/exports", token: admin)
            #expect(json.status == .ok && json.object["format"] as? String == "okra-okrs")
            #expect((json.object["cycles"] as? [Any])?.count == 2)
            let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
            for format in OKRExport.Format.allCases {
                try await client.execute(
                    uri: "/api/v1/exports?format=\(format.rawValue)&cycle=\(cycle.id.rawValue)&lang=vi", method: .get,
                    headers: [.authorization: "Bearer \(admin)"]
                ) { response in
                    #expect(response.status == .ok, "\(format)")
                    #expect(response.headers[.contentType] == format.contentType)
                    #expect(response.headers[.contentDisposition]?.hasSuffix(".\(format.rawValue)\"") == true)
                    let data = Data(buffer: response.body)
                    switch format {
                    case .xlsx:
                        let workbook = try XLSXReader.read(data)
                        #expect(workbook.sheets.map(\.name) == ["OKR", "Check-in", "Chu kỳ"])
                        #expect(workbook.sheets[0].rows.first?.first == .text("Chu kỳ"))
                    case .csv:
                        #expect(String(decoding: data, as: UTF8.self).hasPrefix("\u{FEFF}Chu kỳ,Mã mục tiêu,Mục tiêu,"))
                    case .yaml:
                        #expect(String(decoding: data, as: UTF8.self).contains("title: Cải thiện các kênh quảng cáo"))
                    case .json:
                        #expect(try OKRExchange.decode(json: data).cycles.map(\.name) == [cycle.name])
                    }
                }
            }
            let people = try await client.api(.get, "/api/v1/exports?kind=people&format=yaml", token: admin)
            #expect(people.status == .unprocessableContent && people.errorField == "format")
            let empty = try await client.api(.get, "/api/v1/exports?cycle=", token: admin)
            #expect(empty.status == .badRequest && empty.errorField == "cycle")
        }
        try await world.close()
    }

    @Test("The data page checks an uploaded file, shows what it would do, and imports it with one more click")
    func dataPage() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let member = try await client.signIn("nam@okra.demo")
            let (status, _) = try await client.page("/settings/data", member)
            #expect(status == .forbidden)

            let admin = try await client.signIn(DemoOrganization.adminEmail)
            let (shown, html) = try await client.page("/settings/data", admin)
            #expect(shown == .ok && html.contains("enctype=\"multipart/form-data\""))
            #expect(html.contains("href=\"/settings/data/template?format=xlsx\""))

            let boundary = "okra-test-boundary"
            func multipart(_ fields: [(String, String)], file: (String, Data)?) -> ByteBuffer {
                var body = Data()
                for (name, value) in fields {
                    body.append(
                        Data(
                            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8
                        ))
                }
                if let (name, data) = file {
                    body.append(
                        Data(
                            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n"
                                .utf8))
                    body.append(data)
                    body.append(Data("\r\n".utf8))
                }
                body.append(Data("--\(boundary)--\r\n".utf8))
                return ByteBuffer(bytes: body)
            }
            let headers: HTTPFields = [
                .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: admin.header,
            ]
            let fields = [("csrf", admin.csrf), ("kind", "okrs"), ("cycle", "")]
            let content = try await client.execute(
                uri: "/settings/data/import", method: .post, headers: headers,
                body: multipart(fields, file: ("okr.csv", Data(Self.sheet.utf8)))
            ) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("id=\"import-summary\"") && page.contains("id=\"apply-import\""))
                guard let start = page.range(of: "name=\"content\" value=\"") else { return "" }
                return String(page[start.upperBound...].prefix { $0 != "\"" })
            }
            #expect(try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: "north").isEmpty)
            try await client.execute(
                uri: "/settings/data/import", method: .post, headers: headers,
                body: multipart(fields + [("content", content), ("apply", "1"), ("file_name", "okr.csv")], file: nil)
            ) { response in
                #expect(response.status == .seeOther || response.status == .found)
                #expect(response.headers[.location] == "/settings/data?imported=okrs")
            }
            #expect(try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: "north").count == 1)

            let bad = Self.sheet.replacingOccurrences(of: ",increase,0,3,", with: ",sideways,0,3,")
            try await client.execute(
                uri: "/settings/data/import", method: .post, headers: headers,
                body: multipart(fields, file: ("okr.csv", Data(bad.utf8)))
            ) { response in
                #expect(response.status == .unprocessableContent)
                let page = String(buffer: response.body)
                #expect(page.contains("id=\"import-problems\"") && !page.contains("id=\"apply-import\""))
                #expect(page.contains("Dòng 3, cột D (Cách đo)"))
            }
            try await client.execute(
                uri: "/settings/data/import", method: .post, headers: headers,
                body: multipart([("kind", "okrs")], file: ("okr.csv", Data(Self.sheet.utf8)))
            ) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(
                uri: "/settings/data/import", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=", .cookie: admin.header],
                body: ByteBuffer(string: "garbage")
            ) { response in
                #expect(response.status == .badRequest)
            }
            let (templateStatus, _) = try await client.page("/settings/data/template?format=csv", admin)
            #expect(templateStatus == .ok)
        }
        try await world.close()
    }
}
