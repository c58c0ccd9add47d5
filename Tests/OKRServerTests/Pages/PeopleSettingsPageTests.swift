import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("Settings: people and their roles, teams and language")
struct PeopleSettingsPageTests {
    static func newPerson(_ csrf: String, email: String = "thu@okra.demo", password: String = "mat-khau-rat-dai")
        -> [(String, String)]
    {
        [
            ("csrf", csrf), ("name", "Ngô Thị Thu"), ("email", email), ("role", "member"), ("teams", "marketing"),
            ("language", "vi"), ("password", password),
        ]
    }

    @Test("Everyone is listed with e-mail, role, teams and language; admins get the form and edit links")
    func list() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let (status, html) = try await client.page("/settings/people", cookies)
            #expect(status == .ok)
            let row = try #require(html.range(of: "id=\"person-p-ha\""))
            let rest = html[row.upperBound...]
            let end = try #require(rest.range(of: "</tr>"))
            let cells = rest[..<end.lowerBound]
            #expect(cells.contains("Trần Thu Hà"))
            #expect(cells.contains("ha@okra.demo"))
            #expect(cells.contains("Trưởng nhóm"))
            #expect(cells.contains("Marketing, trưởng nhóm Marketing"))
            #expect(html.contains("Tất cả (8)"))
            #expect(html.contains("id=\"edit-person-p-nam\""))
            for id in ["name", "email", "role", "language", "password", "teams-marketing"] {
                #expect(html.contains("<label for=\"\(id)\""), "\(id)")
            }
            #expect(html.contains("id=\"save-person\""))
        }
        try await world.close()
    }

    @Test("Non-admins read the list only; adding or changing a person is 403 and saves nothing")
    func readOnlyForOthers() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            for email in ["ha@okra.demo", "mai@okra.demo"] {
                let cookies = try await client.signIn(email)
                let (status, html) = try await client.page("/settings/people", cookies)
                #expect(status == .ok)
                #expect(html.contains("nam@okra.demo"))
                #expect(!html.contains("id=\"save-person\""))
                #expect(!html.contains("id=\"edit-person-p-nam\""))
                let (edit, _) = try await client.page("/settings/people/p-nam", cookies)
                #expect(edit == .forbidden)
                let added = try await postSettings(
                    client, "/settings/people", cookies, Self.newPerson(cookies.csrf))
                #expect(added.status == .forbidden)
                let promoted = try await postSettings(
                    client, "/settings/people/p-nam", cookies,
                    [
                        ("csrf", cookies.csrf), ("name", "Lê Văn Nam"), ("email", "nam@okra.demo"), ("role", "admin"),
                        ("version", "1"),
                    ])
                #expect(promoted.status == .forbidden)
            }
        }
        #expect(try await world.store.person(email: "thu@okra.demo") == nil)
        #expect(try await world.store.person(id: "p-nam")?.role == .member)
        try await world.close()
    }

    @Test("An admin adds Thu to Marketing with a password: 303 to the list that shows her, and she can sign in")
    func addsPerson() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let answer = try await postSettings(client, "/settings/people", cookies, Self.newPerson(cookies.csrf))
            #expect(answer.status == .seeOther)
            #expect(answer.location.hasPrefix("/settings/people?saved="))
            let (_, html) = try await client.page(answer.location, cookies)
            #expect(html.contains("thu@okra.demo"))
            let thu = try await client.signIn("thu@okra.demo", password: "mat-khau-rat-dai")
            let (home, _) = try await client.page("/", thu)
            #expect(home == .ok)
        }
        let (thu, hash) = try #require(try await world.store.person(email: "thu@okra.demo"))
        #expect(thu.role == .member && thu.teamIDs == ["marketing"] && thu.language == .vi)
        #expect(hash?.hasPrefix("$2") == true)
        #expect(try await world.store.team(id: "marketing")?.value.memberIDs.contains(thu.id) == true)
        try await world.close()
    }

    @Test("A bad e-mail, a short password and a taken e-mail save nothing: each message by its field, input kept")
    func invalidPerson() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let bad = try await postSettings(
                client, "/settings/people", cookies,
                Self.newPerson(cookies.csrf, email: "thu@okra", password: "ngan"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("id=\"email-error\""))
            #expect(bad.html.contains("aria-describedby=\"password-hint password-error\""))
            #expect(bad.html.contains("value=\"Ngô Thị Thu\""))
            #expect(bad.html.contains("value=\"thu@okra\""))
            #expect(bad.html.contains("id=\"teams-marketing\" name=\"teams\" value=\"marketing\" checked"))
            // The password typed is never written back into the page.
            #expect(!bad.html.contains("value=\"ngan\""))
            let taken = try await postSettings(
                client, "/settings/people", cookies, Self.newPerson(cookies.csrf, email: "NAM@okra.demo"))
            #expect(taken.status == .unprocessableContent)
            #expect(taken.html.contains("id=\"email-error\""))
        }
        #expect(try await world.store.people().count == 8)
        try await world.close()
    }

    @Test("An admin makes Nam a lead in Sales who reads English, with the version; a stale version is 409")
    func changesPerson() async throws {
        let world = try await TestWorld.demo()
        let nam = try #require(try await world.store.versionedPerson(id: "p-nam"))
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let (status, form) = try await client.page("/settings/people/p-nam", cookies)
            #expect(status == .ok)
            #expect(form.contains("name=\"version\" value=\"\(nam.version)\""))
            #expect(form.contains("<option value=\"member\" selected>"))
            let change: [(String, String)] = [
                ("csrf", cookies.csrf), ("name", "Lê Văn Nam"), ("email", "nam@okra.demo"), ("role", "lead"),
                ("teams", "sales"), ("language", "en"), ("password", ""), ("version", String(nam.version)),
            ]
            let saved = try await postSettings(client, "/settings/people/p-nam", cookies, change)
            #expect(saved.status == .seeOther)
            let stale = try await postSettings(
                client, "/settings/people/p-nam", cookies,
                change.map { $0.0 == "role" ? ("role", "viewer") : $0 })
            #expect(stale.status == .conflict)
            #expect(stale.html.contains("<option value=\"viewer\" selected>"))
            #expect(stale.html.contains("role=\"alert\""))
        }
        let after = try #require(try await world.store.person(id: "p-nam"))
        #expect(after.role == .lead && after.teamIDs == ["sales"] && after.language == .en)
        try await world.close()
    }

    @Test("A new password typed on a person's page lets them sign in with it")
    func resetsPassword() async throws {
        let world = try await TestWorld.demo()
        let lan = try #require(try await world.store.versionedPerson(id: "p-lan"))
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let answer = try await postSettings(
                client, "/settings/people/p-lan", cookies,
                [
                    ("csrf", cookies.csrf), ("name", "Võ Thị Lan"), ("email", "lan@okra.demo"), ("role", "member"),
                    ("teams", "sales"), ("language", ""), ("password", "mat-khau-moi-cua-lan"),
                    ("version", String(lan.version)),
                ])
            #expect(answer.status == .seeOther)
            _ = try await client.signIn("lan@okra.demo", password: "mat-khau-moi-cua-lan")
        }
        let (_, hash) = try #require(try await world.store.person(email: "lan@okra.demo"))
        #expect(try await TestWorld.hasher.verify("mat-khau-moi-cua-lan", against: try #require(hash)))
        try await world.close()
    }

    @Test("The last admin cannot stop being one: the message sits by the role")
    func lastAdmin() async throws {
        let world = try await TestWorld.demo()
        let anh = try #require(try await world.store.versionedPerson(id: "p-anh"))
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let answer = try await postSettings(
                client, "/settings/people/p-anh", cookies,
                [
                    ("csrf", cookies.csrf), ("name", anh.value.name), ("email", anh.value.email), ("role", "member"),
                    ("teams", "company"), ("version", String(anh.version)),
                ])
            #expect(answer.status == .unprocessableContent)
            #expect(answer.html.contains("id=\"role-error\""))
        }
        #expect(try await world.store.person(id: "p-anh")?.role == .admin)
        try await world.close()
    }

    @Test("A name like <script>alert(1)</script> shows as text; an unknown person is 404")
    func escapingAndNotFound() async throws {
        let world = try await TestWorld.demo()
        try await world.store.createPerson(
            Person(id: "p-script", name: "<script>alert(1)</script>", email: "script@okra.demo"), passwordHash: nil,
            actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            for uri in ["/settings/people", "/settings/people/p-script", "/settings/teams"] {
                let (_, html) = try await client.page(uri, cookies)
                #expect(!html.contains("<script>alert(1)</script>"), "\(uri)")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
            }
            let (missing, _) = try await client.page("/settings/people/khong-co", cookies)
            #expect(missing == .notFound)
        }
        try await world.close()
    }

    @Test("The list loads in the same number of SQL queries with 8 people or 38")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("admin@okra.demo")
                let before = world.database.queryCount
                _ = try await client.page("/settings/people", cookies)
                return world.database.queryCount - before
            }
        }
        _ = try await count()  // the first request loads the read model
        let small = try await count()
        for n in 0..<30 {
            try await world.store.createPerson(
                Person(
                    id: PersonID("p-extra-\(n)"), name: "Người thêm \(n)", email: "extra\(n)@okra.demo",
                    teamIDs: [n.isMultiple(of: 2) ? "sales" : "engineering"]),
                passwordHash: nil, actor: nil)
        }
        let large = try await count()
        #expect(small == large)
        try await world.close()
    }
}
