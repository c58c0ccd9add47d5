import Foundation
import Testing

@testable import OKRCore

/// The publish gate: a draft waits for its questions to be answered and its errors to be fixed, and an
/// organization may switch either rule off.
@Suite("Publish gate")
struct PublishGateTests {
    typealias F = Fixture
    static let objective: ObjectiveID = "o-mkt-mql"

    static func question(_ id: String, minutes: Double = 0, on subject: OKRCore.Comment.Subject = .objective(objective))
        throws -> OKRCore.Comment
    {
        try OKRCore.Comment(
            id: CommentID(id), subject: subject, authorID: "p-ha", body: "Vì sao chọn 150 MQL?", isQuestion: true,
            createdAt: F.epoch.addingTimeInterval(minutes * 60))
    }

    static func answer(_ id: String, to question: String, on subject: OKRCore.Comment.Subject = .objective(objective))
        throws -> OKRCore.Comment
    {
        try OKRCore.Comment(
            id: CommentID(id), subject: subject, authorID: "p-nam", body: "Theo số liệu quý trước.",
            createdAt: F.epoch.addingTimeInterval(3600), answers: CommentID(question))
    }

    /// The findings of a draft with one KR: `too_few_key_results` is an error.
    static var tooFewKeyResults: [QualityFinding] {
        QualityCheck.findings(
            for: QualityFixture.objective(
                "Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn",
                keyResults: [QualityFixture.keyResult("Tăng MQL qua email từ 100 lên 150")]))
    }

    @Test("A draft with an open question cannot be published; answering it unblocks it")
    func openQuestionBlocks() throws {
        let gate = PublishGate()
        let asked = try Self.question("q1")
        let reasons = gate.reasons(comments: [asked], findings: [])
        #expect(reasons == [.openQuestion(asked)])
        #expect(reasons.first?.code == .openQuestion)
        #expect(gate.reasons(comments: [asked, try Self.answer("a1", to: "q1")], findings: []).isEmpty)
    }

    @Test("Questions on the objective's key results count too, oldest first; plain comments never block")
    func questionsOnKeyResults() throws {
        let gate = PublishGate()
        let late = try Self.question("q-late", minutes: 10)
        let early = try Self.question("q-early", minutes: 1, on: .keyResult("kr-mkt-email"))
        let remark = try OKRCore.Comment(
            id: "c1", subject: .objective(Self.objective), authorID: "p-ha", body: "Tốt lắm", createdAt: F.epoch)
        #expect(
            gate.reasons(comments: [late, remark, early], findings: []).map(\.question?.id) == ["q-early", "q-late"])
    }

    @Test("An error-level finding blocks; warnings do not")
    func errorFindingBlocks() throws {
        let gate = PublishGate()
        let findings = Self.tooFewKeyResults
        #expect(findings.contains { $0.code == .tooFewKeyResults && $0.severity == .error })
        let reasons = gate.reasons(comments: [], findings: findings)
        #expect(reasons.map(\.code) == [.errorFinding])
        #expect(reasons.first?.finding?.code == .tooFewKeyResults)
        let warning = QualityFinding(
            code: .objectiveTitleTooLong, severity: .warning, target: .objective,
            message: LocalizedText(vi: "dài", en: "long"), hint: LocalizedText(vi: "ngắn lại", en: "shorten"))
        #expect(gate.reasons(comments: [], findings: [warning]).isEmpty)
    }

    @Test("Open questions come before error findings")
    func order() throws {
        let asked = try Self.question("q1")
        let reasons = PublishGate().reasons(comments: [asked], findings: Self.tooFewKeyResults)
        #expect(reasons.map(\.code) == [.openQuestion, .errorFinding])
    }

    @Test("Each switch turned off lifts its own block and only that one")
    func switches() throws {
        let asked = try Self.question("q1")
        let findings = Self.tooFewKeyResults
        let noQuestions = PublishGate(requiresAnsweredQuestions: false)
        #expect(noQuestions.reasons(comments: [asked], findings: findings).map(\.code) == [.errorFinding])
        let noErrors = PublishGate(requiresNoErrors: false)
        #expect(noErrors.reasons(comments: [asked], findings: findings).map(\.code) == [.openQuestion])
        let open = PublishGate(requiresAnsweredQuestions: false, requiresNoErrors: false)
        #expect(open.reasons(comments: [asked], findings: findings).isEmpty)
    }

    @Test(
        "Only publishing a draft or a draft in review passes through the gate",
        arguments: Objective.State.allCases)
    func guardedMoves(from: Objective.State) {
        for to in Objective.State.allCases {
            let expected = to == .published && (from == .draft || from == .inReview)
            #expect(PublishGate.guards(from: from, to: to) == expected, "\(from) → \(to)")
        }
    }

    @Test("A direction brief: text in Vietnamese, optionally English, a few one-line themes without repeats")
    func directionBrief() throws {
        let brief = try DirectionBrief(
            cycleID: "2026-q4", body: "  Tăng trưởng bền vững từ khách hàng mới  ", bodyEn: " ",
            themes: [" Khách hàng mới ", "Tốc độ sản phẩm"], authorID: "p-anh", updatedAt: F.epoch)
        #expect(brief.body == "Tăng trưởng bền vững từ khách hàng mới")
        #expect(brief.bodyEn == nil)
        #expect(brief.text(.en) == brief.body)
        #expect(brief.themes == ["Khách hàng mới", "Tốc độ sản phẩm"])
        #expect(throws: DomainError.invalid(field: "body", reason: .empty)) {
            try DirectionBrief(cycleID: "c", body: "  ", authorID: nil, updatedAt: F.epoch)
        }
        #expect(throws: DomainError.invalid(field: "themes", reason: .duplicate)) {
            try DirectionBrief(cycleID: "c", body: "x", themes: ["A", " A"], authorID: nil, updatedAt: F.epoch)
        }
        #expect(throws: DomainError.invalid(field: "themes", reason: .outOfRange)) {
            try DirectionBrief(
                cycleID: "c", body: "x", themes: (0...10).map { "t\($0)" }, authorID: nil, updatedAt: F.epoch)
        }
        #expect(throws: DomainError.invalid(field: "themes", reason: .outOfRange)) {
            try DirectionBrief(cycleID: "c", body: "x", themes: ["a\nb"], authorID: nil, updatedAt: F.epoch)
        }
        #expect(throws: DomainError.invalid(field: "body_en", reason: .tooLong(max: 10_000))) {
            try DirectionBrief(
                cycleID: "c", body: "x", bodyEn: String(repeating: "a", count: 10_001), authorID: nil,
                updatedAt: F.epoch)
        }
    }
}
