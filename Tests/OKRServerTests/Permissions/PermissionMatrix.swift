import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// The four roles, each played by a demo person: the admin, Marketing's lead, a Marketing member, a viewer.
enum Caller: String, CaseIterable, Sendable {
    case admin = "p-anh"
    case lead = "p-ha"
    case member = "p-nam"
    case viewer = "p-mai"
}

/// Whose record a call touches, seen from the caller.
enum Target: String, CaseIterable, Sendable {
    /// The caller's own (the admin's company objective, the lead's team objective, the member's own).
    case own
    /// Another team's (Sales).
    case otherTeam
    /// A private objective of a Sales member: visible to her, her lead (Bảo) and admins only.
    case `private`
}

/// What the call must get: 2xx, 403, or 404 (what one may not see does not exist for them).
enum Outcome: Character, Sendable {
    case allowed = "A"
    case forbidden = "F"
    case hidden = "H"
    /// The row does not apply (for example an organization-wide endpoint has no private variant).
    case notApplicable = "-"
}

/// The demo organization with a private Sales objective added, and an API token for each role.
struct MatrixWorld: Sendable {
    let world: TestWorld
    let tokens: [Caller: String]

    static let privateObjective = "o-lan-private"
    static let privateKeyResult = "kr-lan-private"

    static func make() async throws -> MatrixWorld {
        let world = try await TestWorld.demo()
        let store = world.store
        let cycle = try #require(try await store.cycles().first { $0.value.state == .active }).value
        _ = try await store.createObjective(
            try Objective(
                id: ObjectiveID(privateObjective), cycleID: cycle.id,
                title: try LocalizedName(vi: "Chuẩn bị đàm phán hợp đồng lớn", en: "Prepare a large contract"),
                owner: .person("p-lan"), state: .published, visibility: .private), actor: nil)
        _ = try await store.createKeyResult(
            try KeyResult(
                id: KeyResultID(privateKeyResult), objectiveID: ObjectiveID(privateObjective),
                title: try LocalizedName(vi: "Chốt 3 điều khoản chính"), owner: .person("p-lan"), kind: .increase,
                start: 0, target: 3), actor: nil)
        try await pastCycle(store)
        // Each row's objective has a retrospective to read.
        for id in ["o-company-growth", "o-mkt-mql", "o-nam-email", "o-sales-nurture", privateObjective] {
            try await store.saveRetrospective(
                Retrospective(objectiveID: ObjectiveID(id), worked: "Họp tuần đều", didNotWork: nil, learned: nil),
                actor: "p-anh")
        }
        var tokens: [Caller: String] = [:]
        for caller in Caller.allCases { tokens[caller] = try await world.token(caller.rawValue) }
        return MatrixWorld(world: world, tokens: tokens)
    }

    /// A closed June with an unfinished copy (`<id>-past`) of each row's objective, owned and seen as it is, for
    /// the rows that carry an objective over into the running quarter.
    static func pastCycle(_ store: OKRStore) async throws {
        let june = try Cycle(
            id: "2026-06", name: "06/2026", start: Day(iso: "2026-06-01")!, end: Day(iso: "2026-06-30")!)
        try await store.createCycle(june, actor: nil)
        for id in ["o-company-growth", "o-mkt-mql", "o-nam-email", "o-sales-nurture", privateObjective] {
            let original = try #require(try await store.objective(id: ObjectiveID(id))).value
            let past = try Objective(
                id: ObjectiveID(id + "-past"), cycleID: june.id, title: original.title, owner: original.owner,
                state: .published, visibility: original.visibility)
            _ = try await store.createObjective(past, actor: nil)
            _ = try await store.createKeyResult(
                try KeyResult(
                    id: KeyResultID(id + "-past-kr"), objectiveID: past.id,
                    title: try LocalizedName(vi: "Tăng từ 0 lên 10"),
                    kind: .increase, start: 0, target: 10, current: 4), actor: nil)
        }
        let entry = try #require(try await store.cycle(id: june.id))
        let active = try await store.updateCycle(
            try entry.value.moved(to: .active), expectedVersion: entry.version, actor: nil)
        _ = try await store.closeCycle(
            try active.value.moved(to: .closed), expectedVersion: active.version, grades: [:], actor: nil)
    }

    /// The objective a row touches.
    func objective(_ target: Target, for caller: Caller) -> String {
        switch target {
        case .own:
            switch caller {
            case .admin, .viewer: return "o-company-growth"
            case .lead: return "o-mkt-mql"
            case .member: return "o-nam-email"
            }
        case .otherTeam: return "o-sales-nurture"
        case .private: return Self.privateObjective
        }
    }

    /// A key result of that objective.
    func keyResult(_ target: Target, for caller: Caller) -> String {
        switch target {
        case .own:
            switch caller {
            case .admin, .viewer: return "kr-company-mrr"
            case .lead: return "kr-mkt-adwords"
            case .member: return "kr-nam-open"
            }
        case .otherTeam: return "kr-sales-trial"
        case .private: return Self.privateKeyResult
        }
    }

    /// The team a row touches: the caller's, Sales, or (for private) Sales too.
    func team(_ target: Target, for caller: Caller) -> String {
        switch target {
        case .own: return caller == .admin || caller == .viewer ? "company" : "marketing"
        case .otherTeam, .private: return "sales"
        }
    }

    /// A fresh id for a record a row creates, so repeated rows never collide.
    func newID(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    func close() async throws { try await world.close() }
}

/// One request of a matrix row.
struct MatrixRequest: Sendable {
    let method: HTTPRequest.Method
    let uri: String
    var body: String?
    var headers: HTTPFields = [:]
}

/// Every row of one operation: for each role, a string of outcomes for own / other team / private, like
/// `"AFH"`. `request` builds the call for a role and a target (it may read the world, for example a version).
struct MatrixOperation: Sendable, CustomTestStringConvertible {
    let id: String
    let expectations: [Caller: String]
    let request: @Sendable (MatrixWorld, Caller, Target) async throws -> MatrixRequest

    init(
        _ id: String, admin: String, lead: String, member: String, viewer: String,
        request: @escaping @Sendable (MatrixWorld, Caller, Target) async throws -> MatrixRequest
    ) {
        self.id = id
        self.expectations = [.admin: admin, .lead: lead, .member: member, .viewer: viewer]
        self.request = request
    }

    var testDescription: String { id }

    func outcome(_ caller: Caller, _ target: Target) -> Outcome {
        let letters = Array(expectations[caller] ?? "")
        let index = Target.allCases.firstIndex(of: target) ?? 0
        return index < letters.count ? Outcome(rawValue: letters[index]) ?? .notApplicable : .notApplicable
    }
}

/// Each resource's test file adds its operations' rows here (see `PermissionMatrix+*.swift`).
enum PermissionMatrix {
    static var all: [MatrixOperation] {
        objectives + keyResults + cycles + initiatives + organization + collaboration + webhooks + drafting + exchange
    }
}

@Suite("The permission matrix: every endpoint × every role × own / other team / private")
struct PermissionMatrixTests {
    @Test("Every operation of the API has a row for every role")
    func complete() async throws {
        let world = try await TestWorld.demo()
        let document = try await world.test { client in try await client.openAPIDocument() }
        try await world.close()
        var documented: Set<String> = []
        for (_, item) in document.paths {
            for (_, operation) in item.members {
                if let id = operation["operationId"]?.string { documented.insert(id) }
            }
        }
        let covered = Set(PermissionMatrix.all.map(\.id))
        #expect(documented.subtracting(covered).sorted() == [], "operations without matrix rows")
        #expect(covered.subtracting(documented).sorted() == [], "matrix rows for operations that do not exist")
        for operation in PermissionMatrix.all {
            for caller in Caller.allCases {
                #expect(
                    operation.expectations[caller]?.count == Target.allCases.count,
                    "\(operation.id): \(caller) needs one outcome for each target")
            }
        }
    }

    @Test("Each role gets exactly what the matrix says", arguments: PermissionMatrix.all)
    func rows(_ operation: MatrixOperation) async throws {
        let matrix = try await MatrixWorld.make()
        try await matrix.world.test { client in
            for caller in Caller.allCases {
                for target in Target.allCases {
                    let expected = operation.outcome(caller, target)
                    guard expected != .notApplicable else { continue }
                    let request = try await operation.request(matrix, caller, target)
                    let answer = try await client.api(
                        request.method, request.uri, token: matrix.tokens[caller], body: request.body,
                        headers: request.headers)
                    let got: Outcome =
                        (200..<300).contains(answer.status.code)
                        ? .allowed
                        : answer.status == .forbidden
                            ? .forbidden : answer.status == .notFound ? .hidden : .notApplicable
                    #expect(
                        got == expected,
                        "\(operation.id) as \(caller) on \(target): \(request.method) \(request.uri) → \(answer.status.code) \(answer.text.prefix(300))"
                    )
                }
            }
        }
        try await matrix.close()
    }
}
