import Foundation
import OKRCore
import OKRStore

/// What a pass of the dispatcher knows to describe events: the organization's teams, people, cycles and
/// calendar, loaded once; objectives, KRs and comments are read as each event needs them.
struct OutboundEventContext: Sendable {
    let store: OKRStore
    let teams: [TeamID: Team]
    let people: [PersonID: Person]
    let cycles: [CycleID: Cycle]
    let settings: OrganizationSettings?

    static func load(_ store: OKRStore) async throws -> OutboundEventContext {
        let teams = try await store.teams()
        let people = try await store.people()
        let cycles = try await store.cycles().map(\.value)
        return OutboundEventContext(
            store: store, teams: Dictionary(teams.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            people: Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            cycles: Dictionary(cycles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            settings: try await store.settings())
    }

    /// The webhook event an audit event makes, if any, and the KR statuses to remember after it.
    func translate(_ event: AuditEvent) async throws -> (OutboundEvent?, [KeyResultID: String]) {
        let id = "evt-" + event.id.rawValue
        func made(_ kind: OutboundEventKind, _ data: DeliveryJSON?) -> OutboundEvent? {
            data.map { OutboundEvent(id: id, kind: kind, occurredAt: event.at, data: $0) }
        }
        switch (event.entity, event.action) {
        case ("check_in", "create"), ("check_in", "supersede"):
            let checkIn = try Self.decode(CheckIn.self, event.after)
            return (made(.checkInCreated, try await checkInData(checkIn, at: event.at)), [:])
        case ("key_result", "check_in"):
            return try await statusChange(event, id: id)
        case ("objective", "create"), ("objective", "transition"):
            let after = try Self.decode(Objective.self, event.after)
            let before = try event.before.map { try Self.decode(Objective.self, $0) }
            guard after.state == .published, before?.state != .published, after.visibility != .private else {
                return (nil, [:])
            }
            return (made(.objectivePublished, .members(["objective": objectiveJSON(after)])), [:])
        case ("dependency_ask", "create"), ("dependency_ask", "transition"):
            let ask = try Self.decode(DependencyAsk.self, event.after)
            guard try await isShared(objective: ask.objectiveID, keyResult: ask.keyResultID) else { return (nil, [:]) }
            let kind: OutboundEventKind = event.action == "create" ? .askCreated : .askAnswered
            return (made(kind, .members(["ask": askJSON(ask)])), [:])
        case ("comment", "create"):
            let comment = try Self.decode(Comment.self, event.after)
            return (try await commentEvent(comment, made: made), [:])
        case ("cycle", "transition"):
            let cycle = try Self.decode(Cycle.self, event.after)
            guard cycle.state == .closed else { return (nil, [:]) }
            return (made(.cycleClosed, .members(["cycle": cycleJSON(cycle)])), [:])
        default:
            return (nil, [:])
        }
    }

    // MARK: The kinds

    private func checkInData(_ checkIn: CheckIn, at: Date) async throws -> DeliveryJSON? {
        guard let keyResult = try await store.keyResult(id: checkIn.keyResultID)?.value,
            let objective = try await store.objective(id: keyResult.objectiveID)?.value,
            objective.visibility != .private
        else { return nil }
        let status = assess(keyResult, of: objective, lastCheckIn: checkIn.day, at: at)
        return .members([
            "check_in": .members([
                "id": .string(checkIn.id.rawValue), "key_result_id": .string(checkIn.keyResultID.rawValue),
                "value": .number(checkIn.value), "confidence": checkIn.confidence.map { .integer($0.value) },
                "note": .text(checkIn.note), "author": personJSON(checkIn.authorID), "day": .string(checkIn.day.iso),
                "recorded_at": .instant(checkIn.recordedAt), "supersedes": .text(checkIn.supersedes?.rawValue),
            ]),
            "key_result": keyResultJSON(keyResult, status: status),
            "objective": objectiveJSON(objective),
        ])
    }

    /// A KR after a check-in: its status now, judged by the cycle's rules on the day of the check-in, compared
    /// with the status last remembered for it (or, the first time, the status its values had before).
    private func statusChange(_ event: AuditEvent, id: String) async throws -> (OutboundEvent?, [KeyResultID: String]) {
        let after = try Self.decode(KeyResult.self, event.after)
        guard let objective = try await store.objective(id: after.objectiveID)?.value,
            let now = assess(after, of: objective, lastCheckIn: day(of: event.at), at: event.at)
        else { return (nil, [:]) }
        let remembered = try await store.rememberedKeyResultStatuses([after.id])[after.id].flatMap(
            Status.init(rawValue:))
        let before = try event.before.map { try Self.decode(KeyResult.self, $0) }
        let previous =
            remembered ?? before.flatMap { assess($0, of: objective, lastCheckIn: nil, at: event.at)?.status }
        let statuses = [after.id: now.status.rawValue]
        guard let previous, previous != now.status, objective.visibility != .private else { return (nil, statuses) }
        let data = DeliveryJSON.members([
            "key_result": keyResultJSON(after, status: now), "objective": objectiveJSON(objective),
            "previous_status": .string(previous.rawValue), "previous_status_text": .localized(previous.label),
        ])
        return (OutboundEvent(id: id, kind: .keyResultStatusChanged, occurredAt: event.at, data: data), statuses)
    }

    private func commentEvent(_ comment: Comment, made: (OutboundEventKind, DeliveryJSON?) -> OutboundEvent?)
        async throws -> OutboundEvent?
    {
        guard comment.isQuestion || comment.answers != nil, let subject = try await subjectJSON(comment.subject) else {
            return nil
        }
        if comment.isQuestion {
            return made(.questionAsked, .members(["question": commentJSON(comment), "subject": subject]))
        }
        let thread = try await store.comments(subject: comment.subject)
        let question = thread.first { $0.id == comment.answers }
        return made(
            .questionAnswered,
            .members(["answer": commentJSON(comment), "question": question.map(commentJSON), "subject": subject]))
    }

    // MARK: Privacy

    /// Whether an ask or comment about this objective or KR may be told: not when its objective is private.
    private func isShared(objective: ObjectiveID?, keyResult: KeyResultID?) async throws -> Bool {
        var objectiveID = objective
        if objectiveID == nil, let keyResult {
            objectiveID = try await store.keyResult(id: keyResult)?.value.objectiveID
        }
        guard let objectiveID else { return true }
        guard let found = try await store.objective(id: objectiveID)?.value else { return false }
        return found.visibility != .private
    }

    /// What a comment is on, or nil when that belongs to a private objective.
    private func subjectJSON(_ subject: Comment.Subject) async throws -> DeliveryJSON? {
        switch subject {
        case .objective(let id):
            guard let objective = try await store.objective(id: id)?.value, objective.visibility != .private else {
                return nil
            }
            return .members(["kind": .string("objective"), "id": .string(id.rawValue), "title": .name(objective.title)])
        case .keyResult(let id):
            guard let keyResult = try await store.keyResult(id: id)?.value,
                try await isShared(objective: keyResult.objectiveID, keyResult: nil)
            else { return nil }
            return .members([
                "kind": .string("key_result"), "id": .string(id.rawValue), "title": .name(keyResult.title),
            ])
        case .checkIn(let id):
            // A check-in is found through its audit event, which names its KR.
            let created = try await store.auditEvents(entity: "check_in", entityID: id.rawValue, limit: 1).first
            guard let checkIn = try created?.after.map({ try Self.decode(CheckIn.self, $0) }),
                try await isShared(objective: nil, keyResult: checkIn.keyResultID)
            else { return nil }
            return .members([
                "kind": .string("check_in"), "id": .string(id.rawValue),
                "key_result_id": .string(checkIn.keyResultID.rawValue),
            ])
        case .weeklyUpdate(let id):
            return .members(["kind": .string("weekly_update"), "id": .string(id.rawValue)])
        case .directionBrief(let id):
            return .members(["kind": .string("direction_brief"), "id": .string(id.rawValue)])
        }
    }

    // MARK: Status

    /// The day an instant falls on in the organization's time zone.
    private func day(of date: Date) -> Day {
        AppEnvironment.day(of: date, in: settings?.timeZone ?? "Asia/Ho_Chi_Minh")
    }

    /// A KR's status as the cycle's scorecard judges it (the same rules, expected progress and calendar).
    private func assess(_ keyResult: KeyResult, of objective: Objective, lastCheckIn: Day?, at: Date)
        -> StatusAssessment?
    {
        guard let cycle = cycles[objective.cycleID] else { return nil }
        let today = day(of: at)
        let calendar = settings?.calendar ?? WorkingCalendar()
        return cycle.statusRules.assess(
            keyResult, progress: keyResult.progress(),
            expected: ExpectedProgress.of(keyResult, at: today, in: cycle, calendar: calendar),
            lastCheckIn: lastCheckIn,
            today: today, cycle: cycle)
    }

    // MARK: The pieces of a body

    private func personJSON(_ id: PersonID) -> DeliveryJSON {
        .members(["id": .string(id.rawValue), "name": .text(people[id]?.name)])
    }

    private func teamJSON(_ id: TeamID) -> DeliveryJSON {
        .members(["id": .string(id.rawValue), "name": teams[id].map { .name($0.name) }])
    }

    private func objectiveJSON(_ objective: Objective) -> DeliveryJSON {
        .members([
            "id": .string(objective.id.rawValue), "title": .name(objective.title),
            "cycle_id": .string(objective.cycleID.rawValue), "owner": .text(objective.owner?.description),
            "kind": .string(objective.kind.rawValue), "state": .string(objective.state.rawValue),
        ])
    }

    private func keyResultJSON(_ keyResult: KeyResult, status: StatusAssessment?) -> DeliveryJSON {
        .members([
            "id": .string(keyResult.id.rawValue), "title": .name(keyResult.title),
            "objective_id": .string(keyResult.objectiveID.rawValue), "unit": .string(keyResult.unit.description),
            "start": .decimal(keyResult.start), "target": .decimal(keyResult.target),
            "current": .decimal(keyResult.current), "progress": .number(keyResult.progress().value),
            "status": status.map { .string($0.status.rawValue) },
            "status_text": status.map { .localized($0.status.label) },
            "status_explanation": status.map { .string($0.explanation.computation) },
        ])
    }

    private func askJSON(_ ask: DependencyAsk) -> DeliveryJSON {
        .members([
            "id": .string(ask.id.rawValue), "from_team": teamJSON(ask.fromTeamID), "to_team": teamJSON(ask.toTeamID),
            "objective_id": .text(ask.objectiveID?.rawValue), "key_result_id": .text(ask.keyResultID?.rawValue),
            "need": .string(ask.need), "due_by": .string(ask.dueBy.iso), "state": .string(ask.state.rawValue),
            "reason": .text(ask.reason), "counter_due": .text(ask.counterDue?.iso),
        ])
    }

    private func commentJSON(_ comment: Comment) -> DeliveryJSON {
        .members([
            "id": .string(comment.id.rawValue), "body": .string(comment.body), "author": personJSON(comment.authorID),
            "created_at": .instant(comment.createdAt),
        ])
    }

    private func cycleJSON(_ cycle: Cycle) -> DeliveryJSON {
        .members([
            "id": .string(cycle.id.rawValue), "name": .string(cycle.name), "start": .string(cycle.start.iso),
            "end": .string(cycle.end.iso), "state": .string(cycle.state.rawValue),
        ])
    }

    /// Reads an audit snapshot (the store writes them with sorted keys and dates as milliseconds).
    static func decode<T: Decodable>(_ type: T.Type, _ json: String?) throws -> T {
        guard let json else {
            throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "no snapshot"))
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(type, from: Data(json.utf8))
    }
}
