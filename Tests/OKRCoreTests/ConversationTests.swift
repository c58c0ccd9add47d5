import Foundation
import Testing

@testable import OKRCore

/// Check-ins, comments and questions, KPIs: the week-to-week record around the key results.
@Suite("Check-ins, comments and KPIs")
struct ConversationTests {
    typealias F = Fixture

    func checkIn(
        _ id: String, value: Decimal, day: String, after seconds: TimeInterval = 0, supersedes: CheckInID? = nil
    ) throws -> CheckIn {
        try CheckIn(
            id: CheckInID(id), keyResultID: "email", value: value, authorID: "lan",
            recordedAt: F.epoch.addingTimeInterval(seconds), day: F.day(day), supersedes: supersedes)
    }

    @Test("A correction supersedes the check-in it corrects; the history stays in date order")
    func effectiveHistory() throws {
        let history = [
            try checkIn("c3", value: 130, day: "2026-10-16"),
            try checkIn("c1", value: 110, day: "2026-10-02"),
            try checkIn("c2", value: 125, day: "2026-10-09"),
            try checkIn("c2-fix", value: 120, day: "2026-10-09", after: 60, supersedes: "c2"),
        ]
        let effective = CheckIn.effective(history)
        #expect(effective.map(\.id) == ["c1", "c2-fix", "c3"])
        #expect(effective.last?.value == 130)
    }

    @Test("A chain of corrections keeps only the last one")
    func correctionChain() throws {
        let history = [
            try checkIn("a", value: 1, day: "2026-10-02"),
            try checkIn("b", value: 2, day: "2026-10-02", after: 10, supersedes: "a"),
            try checkIn("c", value: 3, day: "2026-10-02", after: 20, supersedes: "b"),
        ]
        #expect(CheckIn.effective(history).map(\.id) == ["c"])
    }

    @Test("Two check-ins for the same day keep the order they were recorded in")
    func sameDayOrder() throws {
        let history = [
            try checkIn("late", value: 2, day: "2026-10-02", after: 100),
            try checkIn("early", value: 1, day: "2026-10-02", after: 5),
        ]
        #expect(CheckIn.effective(history).map(\.id) == ["early", "late"])
    }

    @Test("A check-in belongs to the week that holds its day, and may be back-dated")
    func week() throws {
        let sunday = try checkIn("c", value: 1, day: "2026-10-18")
        #expect(sunday.week == F.day("2026-10-12"))
        let sundayWeek = try CheckIn(
            id: "s", keyResultID: "email", value: 1, authorID: "lan", recordedAt: F.epoch, day: F.day("2026-10-18"),
            weekStart: .sunday)
        #expect(sundayWeek.week == F.day("2026-10-18"))
    }

    @Test("A check-in cannot supersede itself, nor carry NaN or an over-long note")
    func checkInValidation() throws {
        #expect(throws: DomainError.invalid(field: "supersedes", reason: .outOfRange)) {
            try checkIn("c", value: 1, day: "2026-10-02", supersedes: "c")
        }
        #expect(throws: DomainError.invalid(field: "value", reason: .notFinite)) {
            try checkIn("c", value: .nan, day: "2026-10-02")
        }
        #expect(throws: DomainError.invalid(field: "condition_actual", reason: .notFinite)) {
            try CheckIn(
                id: "c", keyResultID: "k", value: 1, authorID: "lan", recordedAt: F.epoch, day: F.day("2026-10-02"),
                conditionActual: .nan)
        }
        #expect(throws: DomainError.invalid(field: "note", reason: .tooLong(max: 1000))) {
            try CheckIn(
                id: "c", keyResultID: "k", value: 1, note: String(repeating: "x", count: 1001), authorID: "lan",
                recordedAt: F.epoch, day: F.day("2026-10-02"))
        }
        let counted = try CheckIn(
            id: "c", keyResultID: "k", value: F.dec("8.6"), confidence: Confidence(7), note: " 40 phiếu ",
            authorID: "lan", recordedAt: F.epoch, day: F.day("2026-10-02"), conditionActual: 40)
        #expect(counted.note == "40 phiếu")
        #expect(counted.conditionActual == 40)
    }

    func comment(
        _ id: String, _ body: String, question: Bool = false, answers: CommentID? = nil
    ) throws -> OKRCore.Comment {
        try OKRCore.Comment(
            id: CommentID(id), subject: .objective("mkt"), authorID: "minh", body: body, isQuestion: question,
            createdAt: F.epoch, answers: answers)
    }

    @Test("Mentions: the handles after @, lower-cased, not the domains of e-mail addresses")
    func mentions() throws {
        let body = "@Lan và @minh.tran ơi, xem giúp (cc @hoa_nguyen, @an-le). Gửi lan@example.vn nữa."
        #expect(try comment("c", body).mentions == ["lan", "minh.tran", "hoa_nguyen", "an-le"])
        #expect(try comment("c", "Không nhắc ai cả @ ").mentions.isEmpty)
    }

    @Test("Mentions: a handle at the end of a sentence leaves its full stop behind")
    func mentionBeforeFullStop() throws {
        #expect(try comment("c", "Cảm ơn @lan.").mentions == ["lan"])
        #expect(try comment("c", "Hỏi @minh... rồi @lan.nguyen.").mentions == ["minh", "lan.nguyen"])
    }

    @Test("Mentions: an address after a digit is an address, not a mention; each person once")
    func mentionAfterDigit() throws {
        #expect(try comment("c", "Gửi lan2@example.vn và @lan, @Lan").mentions == ["lan"])
    }

    @Test("A question stays open until an answer points at it")
    func openQuestions() throws {
        let comments = [
            try comment("q1", "KR3 đo thế nào?", question: true),
            try comment("q2", "Ai phụ trách AdWords?", question: true),
            try comment("a1", "Khảo sát 100 khách hàng", answers: "q1"),
            try comment("note", "Nhất trí"),
        ]
        #expect(OKRCore.Comment.openQuestions(comments).map(\.id) == ["q2"])
    }

    @Test("A comment has a body; an answer is not itself a question")
    func commentValidation() {
        #expect(throws: DomainError.invalid(field: "body", reason: .empty)) { try comment("c", " ") }
        #expect(throws: DomainError.invalid(field: "is_question", reason: .outOfRange)) {
            try comment("c", "Vì sao?", question: true, answers: "q")
        }
    }

    func kpi(_ direction: KPI.Direction, healthy: Decimal, unhealthy: Decimal) throws -> KPI {
        try KPI(id: "kpi", name: F.name("Churn"), direction: direction, healthy: healthy, unhealthy: unhealthy)
    }

    @Test(
        "KPI health, higher is better: thresholds inclusive",
        arguments: [
            ("120", KPI.Health.healthy), ("100", .healthy), ("99.9", .watch), ("50.1", .watch), ("50", .unhealthy),
            ("10", .unhealthy),
        ])
    func kpiHigher(value: String, health: KPI.Health) throws {
        #expect(try kpi(.higherIsBetter, healthy: 100, unhealthy: 50).health(of: F.dec(value)) == health)
    }

    @Test(
        "KPI health, lower is better: thresholds inclusive",
        arguments: [
            ("1", KPI.Health.healthy), ("2", .healthy), ("2.1", .watch), ("4.9", .watch), ("5", .unhealthy),
            ("9", .unhealthy),
        ])
    func kpiLower(value: String, health: KPI.Health) throws {
        #expect(try kpi(.lowerIsBetter, healthy: 2, unhealthy: 5).health(of: F.dec(value)) == health)
    }

    @Test("KPI thresholds must point the way of the KPI's direction, and be numbers")
    func kpiValidation() throws {
        #expect(throws: DomainError.invalid(field: "unhealthy", reason: .wrongDirection(kind: "higher_is_better"))) {
            try kpi(.higherIsBetter, healthy: 50, unhealthy: 100)
        }
        #expect(throws: DomainError.invalid(field: "unhealthy", reason: .wrongDirection(kind: "lower_is_better"))) {
            try kpi(.lowerIsBetter, healthy: 5, unhealthy: 5)
        }
        #expect(throws: DomainError.invalid(field: "healthy", reason: .notFinite)) {
            try kpi(.lowerIsBetter, healthy: .nan, unhealthy: 5)
        }
        #expect(throws: DomainError.invalid(field: "unhealthy", reason: .notFinite)) {
            try kpi(.lowerIsBetter, healthy: 1, unhealthy: .nan)
        }
        #expect(throws: DomainError.invalid(field: "value", reason: .notFinite)) {
            try KPIValue(kpiID: "kpi", day: F.day("2026-10-01"), value: .nan)
        }
        #expect(try KPIValue(kpiID: "kpi", day: F.day("2026-10-01"), value: 3).value == 3)
    }
}
