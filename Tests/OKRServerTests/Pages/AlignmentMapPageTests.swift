import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("The alignment map: company → teams → people, readable however large the cycle")
struct AlignmentMapPageTests {
    /// Adds `teams` teams under the demo company, each with `people` people; every team gets an objective aligned
    /// to the company's, and every person one aligned to their team's, each with one KR at some value. Store
    /// calls only, as an organization that grew would have made them.
    static func grow(
        _ world: TestWorld, teams: Int, people: Int, title: (Int, Int) -> String = { "Mục tiêu \($0)-\($1)" }
    )
        async throws
    {
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        for t in 0..<teams {
            let team = TeamID("t\(t)")
            try await world.store.createTeam(
                Team(id: team, name: LocalizedName(vi: "Nhóm \(t)"), parentID: "company"), actor: nil)
            let teamObjective = ObjectiveID("o-t\(t)")
            _ = try await world.store.createObjective(
                Objective(
                    id: teamObjective, cycleID: cycle.id, title: LocalizedName(vi: "Mục tiêu của nhóm \(t)"),
                    owner: .team(team), state: .published,
                    parents: [try AlignmentLink(to: .objective("o-company-growth"))]), actor: nil)
            for p in 0..<people {
                let person = PersonID("p-\(t)-\(p)")
                try await world.store.createPerson(
                    Person(id: person, name: "Người \(t)-\(p)", email: "n\(t)-\(p)@okra.test", teamIDs: [team]),
                    passwordHash: nil, actor: nil)
                let objective = ObjectiveID("o-\(t)-\(p)")
                _ = try await world.store.createObjective(
                    Objective(
                        id: objective, cycleID: cycle.id, title: LocalizedName(vi: title(t, p)), owner: .person(person),
                        state: .published, parents: [try AlignmentLink(to: .objective(teamObjective))]), actor: nil)
                _ = try await world.store.createKeyResult(
                    KeyResult(
                        id: KeyResultID("kr-\(t)-\(p)"), objectiveID: objective,
                        title: LocalizedName(vi: "Chỉ số \(t)-\(p)"),
                        owner: .person(person), kind: .increase, start: 0, target: 10, current: Decimal(p % 11)),
                    actor: nil)
            }
        }
    }

    @Test("The demo map lists the company, then each team with its people's objectives folded away")
    func demoOutline() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/map", cookies)
            #expect(status == .ok)
            // The picture still draws the whole tree of a small cycle, people included.
            #expect(html.contains("<svg"))
            #expect(html.contains("Trở thành người dẫn dắt email marketing của nhóm"))
            // The outline: company first, then the teams, each with its own objective in view.
            let company = try #require(html.range(of: "id=\"team-company\""))
            let marketing = try #require(html.range(of: "id=\"team-marketing\""))
            #expect(company.lowerBound < marketing.lowerBound)
            let marketingBlock = String(html[marketing.lowerBound...].prefix(4000))
            #expect(marketingBlock.contains("Cải thiện các kênh quảng cáo"))
            // Nam's objective sits in the team's people, collapsed, with the count and the status in words.
            #expect(
                marketingBlock.contains("<details class=\"map-people\"><summary>Mục tiêu cá nhân: 1 người, 1 mục tiêu"))
            #expect(marketingBlock.contains("Nam"))
            #expect(html.contains("class=\"map-status\">"))
            #expect(!html.contains("<details class=\"map-people\" open>"))
        }
        try await world.close()
    }

    @Test("Past the inline limit people's objectives are sent only for the team opened, which arrives open")
    func largeCycleOpensOneTeam() async throws {
        let world = try await TestWorld.demo()
        try await Self.grow(world, teams: 4, people: 80)
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo", password: DemoOrganization.password)
            let (status, html) = try await client.page("/map", cookies)
            #expect(status == .ok)
            #expect(html.contains("Mục tiêu của nhóm 2"))
            #expect(!html.contains("Mục tiêu 2-7<"))
            #expect(html.contains("href=\"/map?team=team-t2#team-t2\""))
            // The picture keeps the company and teams and says where the people went.
            #expect(html.contains("mục tiêu cá nhân được liệt kê theo nhóm bên dưới"))
            #expect(html.contains("<summary>Mục tiêu cá nhân: 80 người, 80 mục tiêu</summary>"))

            let (openStatus, opened) = try await client.page("/map?team=team-t2", cookies)
            #expect(openStatus == .ok)
            #expect(opened.contains("Mục tiêu 2-7<"))
            #expect(opened.contains("Người 2-7"))
            #expect(!opened.contains("Mục tiêu 1-7<"))
            #expect(opened.components(separatedBy: "<details class=\"map-people\" open>").count - 1 == 1)
        }
        try await world.close()
    }

    @Test("Titles and names like <script> show as text in the outline and the picture")
    func escaping() async throws {
        let world = try await TestWorld.demo()
        try await Self.grow(world, teams: 1, people: 2) { _, _ in "<script>alert(1)</script>" }
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (status, html) = try await client.page("/map?team=%3Cb%3E", cookies)
            #expect(status == .ok)
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(!html.contains("<b>"))
            #expect(html.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt;").count - 1 >= 4)
        }
        try await world.close()
    }

    @Test("The map of 600 more objectives takes the same number of queries")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        func count(_ path: String) async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("mai@okra.demo")
                // The first request loads the read model; what is counted is a page as it is served after.
                _ = try await client.page(path, cookies)
                let before = world.database.queryCount
                let (status, _) = try await client.page(path, cookies)
                #expect(status == .ok)
                return world.database.queryCount - before
            }
        }
        let small = try await count("/map")
        try await Self.grow(world, teams: 6, people: 100)
        #expect(try await count("/map") == small)
        #expect(try await count("/map?team=team-t3") == small)
        try await world.close()
    }
}
