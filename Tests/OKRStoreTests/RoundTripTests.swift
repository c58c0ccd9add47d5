import Foundation
import OKRCore
import OKRStore
import Testing

/// Every concept of the domain goes in as an `OKRCore` value and comes back equal.
@Suite("Round trips of every concept")
struct RoundTripTests {
    @Test(
        "settings, teams with leads and members, people with role, language and password hash",
        arguments: TestBackend.available)
    func organization(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            #expect(try await store.settings() == nil)
            let settings = try OrganizationSettings(
                name: "Công ty Okra", timeZone: "Asia/Ho_Chi_Minh", weekStart: .monday,
                holidays: [Fixtures.day("2026-12-25"), Fixtures.day("2027-01-01")], observesVietnameseHolidays: true,
                defaultLanguage: .vi, statusRules: StatusRules(policy: .gap(atRisk: 0.1, offTrack: 0.25)),
                maxObjectivesPerOwner: 4, checkInDay: .thursday, checkInTime: "16:30")
            try await store.saveSettings(settings, actor: nil)
            #expect(try await store.settings() == settings)
            var changed = settings
            changed.statusRules = StatusRules(policy: .weakest(onTrack: 0.9, atRisk: 0.6), lowConfidenceBelow: 4)
            try await store.saveSettings(changed, actor: nil)
            #expect(try await store.settings() == changed)
            #expect(try await store.versionedSettings()?.version == 2)

            try await Fixtures.organization(in: store)
            let marketing = try Team(
                id: Fixtures.marketing, name: Fixtures.name("Tiếp thị", "Marketing"), parentID: Fixtures.company,
                leadIDs: [Fixtures.lan], memberIDs: [Fixtures.lan, Fixtures.minh])
            let stored = try #require(try await store.team(id: Fixtures.marketing))
            let updated = try await store.updateTeam(marketing, expectedVersion: stored.version, actor: Fixtures.admin)
            #expect(updated.version == stored.version + 1)
            let teams = try await store.teams()
            #expect(teams.map(\.id) == [Fixtures.company, Fixtures.marketing, Fixtures.sales])
            #expect(teams[1] == marketing)
            #expect(teams[0].isCompany)
            #expect(try TeamTree(teams).isLead(Fixtures.lan, of: Fixtures.marketing))

            let lan = try #require(try await store.person(id: Fixtures.lan))
            #expect(lan.email == "lan@okra.test")
            #expect(lan.role == .lead)
            #expect(lan.teamIDs == [Fixtures.marketing])
            let minh = try #require(try await store.person(email: " MINH@okra.test "))
            #expect(minh.person.language == .en)
            #expect(minh.person.teamIDs == [Fixtures.marketing, Fixtures.sales])
            #expect(minh.passwordHash == nil)
            #expect(try await store.person(email: "admin@okra.test")?.passwordHash == "hash-admin")
            try await store.setPassword(person: Fixtures.minh, hash: "$2b$12$new", actor: Fixtures.minh)
            try await store.setLanguage(person: Fixtures.minh, .vi)
            let after = try #require(try await store.person(email: "minh@okra.test"))
            #expect(after.passwordHash == "$2b$12$new")
            #expect(after.person.language == .vi)
            #expect(try await store.people().map(\.id) == [Fixtures.admin, Fixtures.lan, Fixtures.minh])
            #expect(try await store.person(id: "nobody") == nil)
            #expect(try await store.person(email: "nobody@okra.test") == nil)

            var renamed = try #require(try await store.versionedPerson(id: Fixtures.lan))
            var person = renamed.value
            person.name = "Lan Nguyễn"
            person.role = .admin
            renamed = try await store.updatePerson(person, expectedVersion: renamed.version, actor: Fixtures.admin)
            #expect(try await store.person(id: Fixtures.lan) == person)
        }
    }

    @Test("cycles keep their state and status rules", arguments: TestBackend.available)
    func cycles(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            let q3 = try Cycle(
                id: "2026-q3", name: "2026 Q3", start: Fixtures.day("2026-07-01"), end: Fixtures.day("2026-09-30"),
                state: .closed, statusRules: StatusRules(policy: .ratio(onTrack: 0.9, atRisk: 0.7), staleAfterDays: 10))
            try await store.createCycle(Fixtures.cycle, actor: nil)
            try await store.createCycle(q3, actor: nil)
            let cycles = try await store.cycles()
            #expect(cycles.map(\.value) == [q3, Fixtures.cycle])
            #expect(cycles.allSatisfy { $0.version == 1 })
            let closed = try Fixtures.cycle.moved(to: .closed)
            let saved = try await store.updateCycle(closed, expectedVersion: 1, actor: nil)
            #expect(saved.version == 2)
            #expect(try await store.cycle(id: Fixtures.q4) == saved)
            #expect(try await store.cycle(id: "none") == nil)
        }
    }

    @Test(
        "objectives keep owner, kind, state, visibility, links with weights, progress source and both titles",
        arguments: TestBackend.available)
    func objectives(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let company = try Objective(
                id: "growth", cycleID: Fixtures.q4, title: Fixtures.name("Tăng trưởng doanh thu", "Grow revenue"),
                description: "Vì sao: thị trường mở rộng", owner: .company, kind: .aspirational, state: .published,
                progressSource: .children)
            _ = try await store.createObjective(company, actor: Fixtures.admin)
            _ = try await store.createKeyResult(
                try KeyResult(
                    id: "revenue", objectiveID: "growth", title: Fixtures.name("Doanh thu"), kind: .atLeast,
                    unit: try .currency("VND"), target: 5_000_000_000),
                actor: nil)
            let marketing = try Objective(
                id: "mkt", cycleID: Fixtures.q4,
                title: Fixtures.name("Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn", "More MQLs"),
                owner: .team(Fixtures.marketing), kind: .committed, state: .inReview, visibility: .private,
                parents: [
                    try AlignmentLink(to: .objective("growth"), weight: Decimal(string: "0.7")!),
                    try AlignmentLink(to: .keyResult("revenue"), weight: Decimal(string: "0.3")!),
                ], progressSource: .both)
            let created = try await store.createObjective(marketing, actor: Fixtures.lan)
            #expect(created.version == 1)
            let personal = Fixtures.objective("mine", "Học SQL", owner: .person(Fixtures.minh), state: .draft)
            _ = try await store.createObjective(personal, actor: Fixtures.minh)
            let unowned = Fixtures.objective("draft", "Chưa có chủ", owner: nil, state: .draft)
            _ = try await store.createObjective(unowned, actor: nil)

            #expect(try await store.objective(id: "mkt")?.value == marketing)
            let all = try await store.objectives(cycle: Fixtures.q4, owner: nil, state: nil, matching: nil)
            #expect(all.map(\.value) == [company, marketing, personal, unowned])
            #expect(
                try await store.objectives(cycle: nil, owner: .person(Fixtures.minh), state: nil, matching: nil)
                    .map(\.value.id) == ["mine"])
            #expect(
                try await store.objectives(cycle: Fixtures.q4, owner: nil, state: .draft, matching: nil)
                    .map(\.value.id) == ["mine", "draft"])
            #expect(try await store.objectives(cycle: "other", owner: nil, state: nil, matching: nil).isEmpty)
        }
    }

    @Test("key results of every kind keep their numbers exactly", arguments: TestBackend.available)
    func keyResults(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            _ = try await store.createObjective(Fixtures.objective("mkt", "Mục tiêu"), actor: nil)
            let kpi = try KPI(
                id: "mql", name: Fixtures.name("MQL mỗi tuần", "Weekly MQL"), unit: .label("MQL"),
                direction: .higherIsBetter, healthy: 40, unhealthy: 25, ownerTeamID: Fixtures.marketing)
            try await store.createKPI(kpi, actor: nil)
            let cycle = Fixtures.cycle
            let keyResults: [KeyResult] = [
                try KeyResult(
                    id: "inc", objectiveID: "mkt",
                    title: Fixtures.name("Tăng MQL qua email từ 100 lên 150", "Email MQL"),
                    owner: .person(Fixtures.lan), kind: .increase, unit: .label("MQL"), start: 100, target: 150,
                    current: 130, weight: 2, confidence: try Confidence(7),
                    plan: [
                        PlannedValue(day: Fixtures.day("2026-10-31"), value: 115),
                        PlannedValue(day: Fixtures.day("2026-11-30"), value: Decimal(string: "132.5")!),
                    ], kpiID: "mql", due: Fixtures.day("2026-12-15"), cycle: cycle),
                try KeyResult(
                    id: "dec", objectiveID: "mkt", title: Fixtures.name("Giảm chi phí mỗi lead"),
                    owner: .team(Fixtures.sales),
                    kind: .decrease, unit: try .currency("USD"), start: Decimal(string: "12.35")!,
                    target: Decimal(string: "9.99")!, current: Decimal(string: "0.1")!, weight: Decimal(string: "0.5")!),
                try KeyResult(
                    id: "least", objectiveID: "mkt", title: Fixtures.name("Đạt 8/10 điểm hài lòng"), kind: .atLeast,
                    target: 8, current: Decimal(string: "8.6")!,
                    condition: try ValidityCondition(metric: "responses", minimum: 100, actual: 40)),
                try KeyResult(
                    id: "most", objectiveID: "mkt", title: Fixtures.name("Tỷ lệ hủy"), owner: .company, kind: .atMost,
                    unit: .percent, target: Decimal(string: "2.5")!),
                try KeyResult(
                    id: "range", objectiveID: "mkt", title: Fixtures.name("Thời gian phản hồi"), kind: .range,
                    unit: .label("ms"), target: 100, targetHigh: 250, current: Decimal(string: "123456789.123456789")!),
                try KeyResult(
                    id: "done", objectiveID: "mkt", title: Fixtures.name("Ra mắt trang mới"), kind: .milestone,
                    current: 1),
                try KeyResult(id: "base", objectiveID: "mkt", title: Fixtures.name("Đo NPS"), kind: .baseline),
            ]
            for keyResult in keyResults {
                let created = try await store.createKeyResult(keyResult, actor: nil)
                #expect(created.value == keyResult)
            }
            let stored = try await store.keyResults(objective: "mkt")
            #expect(stored.map(\.value) == keyResults)
            #expect(stored.allSatisfy { $0.version == 1 })
            #expect(try await store.keyResult(id: "range")?.value.current == Decimal(string: "123456789.123456789"))
            #expect(try await store.keyResult(id: "dec")?.value.current?.description == "0.1")
            #expect(try await store.keyResult(id: "none") == nil)
        }
    }

    @Test(
        "initiatives, weekly updates, asks in every state, comments and questions, KPI values and grades",
        arguments: TestBackend.available)
    func workAroundKeyResults(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            _ = try await store.createObjective(Fixtures.objective("mkt", "Mục tiêu"), actor: nil)
            _ = try await store.createKeyResult(Fixtures.emailKR("email", objective: "mkt"), actor: nil)
            _ = try await store.createKeyResult(
                try KeyResult(id: "nps", objectiveID: "mkt", title: Fixtures.name("NPS"), kind: .baseline), actor: nil)

            // Initiatives
            let newsletter = try Initiative(
                id: "news", title: Fixtures.name("Newsletter mới", "New newsletter"), owner: .person(Fixtures.lan),
                state: .inProgress, due: Fixtures.day("2026-11-15"), link: "https://okra.test/news",
                keyResultIDs: ["email", "nps"])
            try await store.createInitiative(newsletter, actor: Fixtures.lan)
            #expect(try await store.initiatives(keyResult: "nps").map(\.value) == [newsletter])
            #expect(try await store.initiative(id: "news")?.version == 1)

            // Weekly updates: one per person and week
            let week = Fixtures.day("2026-11-09")
            let update = try WeeklyUpdate(
                id: "w1", personID: Fixtures.lan, week: week,
                plans: [
                    try PlanItem(text: "Gửi newsletter", objectiveID: "mkt", keyResultID: "email", done: true),
                    try PlanItem(text: "Dọn hộp thư"),
                ], progress: "Gửi 2 số", problems: "Thiếu thiết kế", mood: 4)
            try await store.saveWeeklyUpdate(update, expectedVersion: nil, actor: Fixtures.lan)
            #expect(try await store.weeklyUpdates(week: week, people: nil) == [update])
            let again = try WeeklyUpdate(
                id: "w2", personID: Fixtures.lan, week: week, plans: [try PlanItem(text: "Viết bài")], mood: 2)
            try await store.saveWeeklyUpdate(again, expectedVersion: 1, actor: Fixtures.lan)
            let replaced = try await store.weeklyUpdates(week: week, people: [Fixtures.lan])
            #expect(replaced.count == 1)
            #expect(replaced.first?.id == "w1")
            #expect(replaced.first?.plans == again.plans)
            #expect(replaced.first?.progress == nil)
            #expect(try await store.weeklyUpdates(week: week, people: [Fixtures.minh]).isEmpty)
            #expect(try await store.weeklyUpdates(week: week, people: []).isEmpty)

            // Dependency asks in every state
            let ask = try DependencyAsk(
                id: "ask", fromTeamID: Fixtures.marketing, toTeamID: Fixtures.sales, objectiveID: "mkt",
                keyResultID: "email", need: "Danh sách khách hàng", dueBy: Fixtures.day("2026-11-20"))
            try await store.createAsk(ask, actor: Fixtures.lan)
            var stored = try #require(try await store.ask(id: "ask"))
            #expect(stored.value == ask)
            let countered = try ask.countered(due: Fixtures.day("2026-11-27"), scope: "Chỉ khách hàng miền Nam")
            stored = try await store.updateAsk(countered, expectedVersion: stored.version, actor: Fixtures.minh)
            #expect(try await store.ask(id: "ask")?.value == countered)
            let accepted = try countered.accepted()
            stored = try await store.updateAsk(accepted, expectedVersion: stored.version, actor: Fixtures.minh)
            let done = try accepted.done()
            stored = try await store.updateAsk(done, expectedVersion: stored.version, actor: Fixtures.minh)
            #expect(try await store.ask(id: "ask")?.value == done)
            #expect(stored.version == 4)
            let declined = try DependencyAsk(
                id: "ask2", fromTeamID: Fixtures.sales, toTeamID: Fixtures.company, objectiveID: "mkt",
                need: "Ngân sách", dueBy: Fixtures.day("2026-12-01")
            ).declined(reason: "Hết ngân sách")
            try await store.createAsk(declined, actor: Fixtures.minh)
            #expect(try await store.asks(team: Fixtures.sales).map(\.value) == [done, declined])
            #expect(try await store.asks(team: Fixtures.marketing).map(\.value) == [done])
            #expect(try await store.asks(team: nil).count == 2)

            // Comments and questions on every kind of subject
            let checkIn = Fixtures.checkIn("c1", "email", value: 120, day: "2026-11-06", at: 10)
            _ = try await store.recordCheckIn(checkIn, actor: Fixtures.lan)
            let question = try OKRCore.Comment(
                id: "q", subject: .objective("mkt"), authorID: Fixtures.admin, body: "Vì sao chọn email? @lan",
                isQuestion: true, createdAt: Fixtures.instant(20))
            let answer = try OKRCore.Comment(
                id: "a", subject: .objective("mkt"), authorID: Fixtures.lan, body: "Chi phí thấp nhất",
                createdAt: Fixtures.instant(30), answers: "q")
            try await store.addComment(question, actor: Fixtures.admin)
            try await store.addComment(answer, actor: Fixtures.lan)
            #expect(try await store.comments(subject: .objective("mkt")) == [question, answer])
            let others: [OKRCore.Comment] = [
                try .init(
                    id: "k", subject: .keyResult("email"), authorID: Fixtures.minh, body: "Tốt",
                    createdAt: Fixtures.instant(1)),
                try .init(
                    id: "c", subject: .checkIn("c1"), authorID: Fixtures.minh, body: "Số này đúng?", isQuestion: true,
                    createdAt: Fixtures.instant(2)),
                try .init(
                    id: "w", subject: .weeklyUpdate("w1"), authorID: Fixtures.minh, body: "Cố lên",
                    createdAt: Fixtures.instant(3)),
            ]
            for comment in others {
                try await store.addComment(comment, actor: Fixtures.minh)
                #expect(try await store.comments(subject: comment.subject) == [comment])
            }

            // KPIs and their values
            let kpi = try KPI(
                id: "churn", name: Fixtures.name("Tỷ lệ rời bỏ", "Churn"), unit: .percent, direction: .lowerIsBetter,
                healthy: Decimal(string: "1.5")!, unhealthy: 3)
            try await store.createKPI(kpi, actor: nil)
            #expect(try await store.kpis() == [kpi])
            let values = [
                try KPIValue(kpiID: "churn", day: Fixtures.day("2026-10-31"), value: Decimal(string: "2.25")!),
                try KPIValue(kpiID: "churn", day: Fixtures.day("2026-11-30"), value: Decimal(string: "1.75")!),
            ]
            for value in values.reversed() { try await store.recordKPIValue(value, actor: nil) }
            #expect(try await store.kpiValues(kpi: "churn") == values)
            let corrected = try KPIValue(
                kpiID: "churn", day: Fixtures.day("2026-11-30"), value: Decimal(string: "1.7")!)
            try await store.recordKPIValue(corrected, actor: nil)
            #expect(try await store.kpiValues(kpi: "churn") == [values[0], corrected])
            var renamed = kpi
            renamed.healthy = 1
            let updated = try await store.updateKPI(renamed, expectedVersion: 1, actor: nil)
            #expect(updated.version == 2)
            #expect(try await store.kpi(id: "churn")?.value == renamed)

            // Grades at close
            let proposed = try KeyResultGrade(
                proposed: Decimal(string: "0.6")!, value: Decimal(string: "0.6")!, reason: nil)
            let adjusted = try proposed.adjusted(to: Decimal(string: "0.7")!, reason: "Kênh mới mở muộn")
            try await store.saveGrade(proposed, keyResult: "email", actor: Fixtures.admin)
            try await store.saveGrade(adjusted, keyResult: "email", actor: Fixtures.admin)
            try await store.saveGrade(proposed, keyResult: "nps", actor: Fixtures.admin)
            let grades = try await store.grades(cycle: Fixtures.q4)
            #expect(grades == ["email": adjusted, "nps": proposed])
            #expect(try await store.grades(cycle: "other").isEmpty)
        }
    }

    @Test("audit events say who changed what, with the value before and after", arguments: TestBackend.available)
    func auditEvents(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let objective = Fixtures.objective("mkt", "Mục tiêu", state: .draft)
            let created = try await store.createObjective(objective, actor: Fixtures.lan)
            _ = try await store.updateObjective(
                try objective.moved(to: .inReview), expectedVersion: created.version, actor: Fixtures.admin)
            let events = try await store.auditEvents(entity: "objective", entityID: "mkt", limit: 10)
            #expect(events.map(\.action) == ["transition", "create"])
            #expect(events.map(\.actorID) == [Fixtures.admin, Fixtures.lan])
            let transition = try #require(events.first)
            #expect(transition.before?.contains("\"state\":\"draft\"") == true)
            #expect(transition.after?.contains("\"state\":\"in_review\"") == true)
            #expect(events.last?.before == nil)
            let decoded = try JSONDecoder().decode(Objective.self, from: Data(try #require(transition.after).utf8))
            #expect(decoded.state == .inReview)
            #expect(try await store.auditEvents(entity: nil, entityID: nil, limit: 3).count == 3)
            let people = try await store.auditEvents(entity: "person", entityID: nil, limit: 100)
            #expect(people.count == 3)
            #expect(people.allSatisfy { $0.after?.contains("hash") == false })
        }
    }
}
