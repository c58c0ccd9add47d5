import Foundation
import OKRCore
import Testing

@testable import OKRStore

/// A KR fed by a KPI takes the KPI's latest value as a check-in naming the KPI, in the value's own change.
@Suite("KRs fed by a KPI")
struct KPIFeedTests {
    static func kpi() throws -> KPI {
        try KPI(
            id: "signups", name: Fixtures.name("Lượt đăng ký mỗi tuần"), direction: .higherIsBetter, healthy: 200,
            unhealthy: 100, ownerTeamID: Fixtures.marketing)
    }

    static func fedKR(_ id: KeyResultID, objective: ObjectiveID, kind: KeyResult.Kind = .increase) throws -> KeyResult {
        try KeyResult(
            id: id, objectiveID: objective, title: Fixtures.name("Tăng lượt đăng ký từ 100 lên 300"),
            owner: .person(Fixtures.lan), kind: kind, start: kind == .milestone ? nil : 100,
            target: kind == .milestone ? nil : 300, kpiID: "signups")
    }

    @Test(
        "the latest value becomes a check-in of each fed KR of an active cycle; an older day, a milestone, a day outside the cycle do not",
        arguments: TestBackend.available)
    func feeds(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            try await store.createKPI(try Self.kpi(), actor: nil)
            _ = try await store.createObjective(Fixtures.objective("mkt", "Mục tiêu đăng ký"), actor: nil)
            _ = try await store.createKeyResult(try Self.fedKR("fed", objective: "mkt"), actor: nil)
            _ = try await store.createKeyResult(
                try Self.fedKR("milestone", objective: "mkt", kind: .milestone), actor: nil)

            try await store.recordKPIValue(
                try KPIValue(kpiID: "signups", day: Fixtures.day("2026-11-20"), value: 180), actor: Fixtures.minh)
            let fed = try #require(try await store.keyResult(id: "fed"))
            #expect(fed.value.current == 180)
            let history = try await store.checkIns(keyResult: "fed")
            #expect(history.map(\.kpiID) == ["signups"])
            #expect(history.first?.authorID == Fixtures.minh)
            #expect(history.first?.day == Fixtures.day("2026-11-20"))
            #expect(try await store.checkIns(keyResult: "milestone").isEmpty, "a milestone takes no number")

            // An earlier day fills in the KPI's history only.
            try await store.recordKPIValue(
                try KPIValue(kpiID: "signups", day: Fixtures.day("2026-11-01"), value: 120), actor: Fixtures.minh)
            #expect(try await store.checkIns(keyResult: "fed").count == 1)
            #expect(try await store.keyResult(id: "fed")?.value.current == 180)
            // A later day outside the cycle (it ends on 31 December) feeds nothing either.
            try await store.recordKPIValue(
                try KPIValue(kpiID: "signups", day: Fixtures.day("2027-01-02"), value: 250), actor: Fixtures.minh)
            #expect(try await store.checkIns(keyResult: "fed").count == 1)
            let snapshot = try await store.readModel.cycle(Fixtures.q4, on: Fixtures.day("2026-11-21"))
            let current = snapshot?.keyResult("fed")?.value.current
            #expect(current == 180, "the read model holds the fed value")
        }
    }
}
