import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

/// Teams and people are links everywhere, a team page shows who is in it and where it sits, pages say where they
/// are (company → team → objective), and a person's page shows only what the viewer may see.
@Suite("Navigation: owner links, breadcrumbs, a team's people and teams, a person's page")
struct NavigationPageTests {
    @Test("Cards link their owner; the objective page and the team page say where they sit")
    func linksAndBreadcrumbs() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (_, company) = try await client.page("/company", cookies)
            #expect(company.contains("<a class=\"owner\" href=\"/teams/marketing\">"))
            let (_, objective) = try await client.page("/objectives/o-mkt-mql", cookies)
            let crumbs = try #require(objective.components(separatedBy: "class=\"breadcrumbs\"").dropFirst().first)
            let trail = crumbs.components(separatedBy: "</nav>")[0]
            #expect(trail.contains("href=\"/company\""))
            #expect(trail.contains("href=\"/teams/marketing\""))
            #expect(trail.contains("aria-current=\"page\""))
            let (_, team) = try await client.page("/teams/marketing", cookies)
            #expect(team.contains("class=\"breadcrumbs\""))
            #expect(team.contains("id=\"team-members\""))
            #expect(team.contains("href=\"/people/p-ha\""), "members link to their pages")
            #expect(team.contains("class=\"team-parent\""))
            // An ask names the other team as a link; a weekly update its author.
            #expect(team.contains("<a href=\"/teams/sales\">"))
            #expect(team.contains("<h3><a href=\"/people/p-nam\">Lê Văn Nam</a></h3>"))
            let (_, map) = try await client.page("/map", cookies)
            #expect(map.contains("<a href=\"/teams/marketing\">"), "the map's teams link to their pages")
        }
        try await world.close()
    }

    @Test("A person's page: their teams and objectives as the viewer may see them; e-mail for admins; 404 for no one")
    func personPage() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-nam-private", cycleID: cycle.id, title: LocalizedName(vi: "Mục tiêu riêng của Nam"),
                owner: .person("p-nam"), state: .published, visibility: .private),
            actor: nil)
        try await world.test { client in
            let bao = try await client.signIn("bao@okra.demo")
            let (status, html) = try await client.page("/people/p-nam", bao)
            #expect(status == .ok)
            #expect(html.contains("<h1>Lê Văn Nam</h1>"))
            #expect(html.contains("href=\"/teams/marketing\""))
            #expect(html.contains("href=\"/objectives/o-nam-email\""))
            #expect(!html.contains("o-nam-private"), "another team's private objective stays hidden")
            #expect(!html.contains("nam@okra.demo"), "the e-mail is for admins")
            let nam = try await client.signIn("nam@okra.demo")
            let (_, own) = try await client.page("/people/p-nam", nam)
            #expect(own.contains("o-nam-private"), "one's own private objective shows to oneself")
            let admin = try await client.signIn("admin@okra.demo")
            let (_, asAdmin) = try await client.page("/people/p-nam", admin)
            #expect(asAdmin.contains("nam@okra.demo"))
            let (missing, _) = try await client.page("/people/p-nobody", bao)
            #expect(missing == .notFound)
        }
        try await world.close()
    }
}
