import Foundation
import OKRCore
import OKRStore

/// One cycle as the viewer sees it: its dates and state, and the grades of its objectives and key results —
/// the saved ones of a closed cycle, or, before closing, the ones closing would save. Every number is the
/// `Scorecard`'s (through `CycleReport`), so this page, the API's close and the company page agree. The model
/// of `/cycles/{id}` and of its close confirmation.
struct CyclePage: Sendable {
    struct KeyResultRow: Sendable {
        let keyResult: KeyResult
        let progress: Decimal
        let grade: KeyResultGrade
        /// Whether the viewer may set its grade: the cycle is active and they may edit the KR.
        var canGrade = false
    }

    /// A grade typed on the page and refused, shown again in its row with the message beside the field.
    struct GradeEntry: Sendable {
        let keyResult: KeyResultID
        let grade: String
        let reason: String
        let field: String
        let message: String
    }

    struct ObjectiveRow: Sendable {
        let objective: Objective
        let owner: String
        let grade: ObjectiveGrade
        let keyResults: [KeyResultRow]
    }

    /// How many objectives one page of grades lists: a company's cycle holds thousands.
    static let gradesPerPage = 50

    let entry: Versioned<Cycle>
    let today: Day
    /// The grades of one page (`gradesPage`) of the objectives the viewer may see, in the cycle's order.
    let objectives: [ObjectiveRow]
    /// How many objectives the viewer may see have a grade, on every page.
    let gradeCount: Int
    /// The page of grades shown, from 1, and how many there are.
    let gradesPage: Int
    var gradesPageCount: Int { max(1, (gradeCount + Self.gradesPerPage - 1) / Self.gradesPerPage) }
    /// How well stated confidence foretold the grades, once the cycle is closed and someone stated one.
    let calibration: CycleCalibration?
    let expected: ExpectedProgress?
    let daysLeft: Int?
    /// Whether the viewer may change the cycle (admins).
    let canChange: Bool
    /// The edit form while planning, with what was typed and its messages after a refused POST.
    var form: CyclesPage.Form
    /// A message about the last action: saved, activated, closed, or why it was refused.
    var notice: Notice?
    /// A grade adjustment refused, with what was typed.
    var gradeEntry: GradeEntry?
    /// Whether the viewer may grade a KR shown (the adjust column appears only then).
    var canGradeAny: Bool { objectives.contains { $0.keyResults.contains(where: \.canGrade) } }

    var cycle: Cycle { entry.value }

    struct Notice: Sendable {
        let text: String
        let isError: Bool
    }

    /// The page of cycle `id`, or nil when there is no such cycle. Grades saved before closing (an adjusted
    /// grade) are shown as they will stay; the others are the `Scorecard`'s proposals that closing saves.
    static func load(
        store: OKRStore, viewer: Person, id: String, environment: AppEnvironment, language: Language,
        gradesPage: Int = 1
    ) async throws -> CyclePage? {
        guard let entry = try await store.cycle(id: CycleID(id)),
            case .report(let report) = try await CycleReport.load(
                store: store, viewer: viewer, cycle: id, environment: environment)
        else { return nil }
        let cycle = entry.value
        // A closed cycle's report already holds the saved grades; before that, a grade saved early wins.
        let saved = cycle.state == .closed ? [:] : try await store.grades(cycle: cycle.id)
        var rows: [ObjectiveRow] = []
        let graded = report.visible.map(\.value).filter { report.score($0.id) != nil }
        let pageCount = max(1, (graded.count + gradesPerPage - 1) / gradesPerPage)
        let shown = min(max(1, gradesPage), pageCount)
        let onPage = Set(graded.dropFirst((shown - 1) * gradesPerPage).prefix(gradesPerPage).map(\.id))
        // Rows are built only for the page shown.
        for objective in graded {
            guard let score = report.score(objective.id) else { continue }
            let keyResults = report.keyResults(of: objective.id).map(\.value)
            var krRows: [KeyResultRow] = []
            var weighted: [(grade: KeyResultGrade, weight: Decimal)] = []
            for keyResult in keyResults {
                guard let krScore = report.score(keyResult.id) else { continue }
                let grade = saved[keyResult.id] ?? krScore.grade
                krRows.append(
                    KeyResultRow(
                        keyResult: keyResult, progress: krScore.progress.value, grade: grade,
                        canGrade: cycle.state == .active && report.access.canEdit(keyResult, of: objective)))
                weighted.append((grade: grade, weight: keyResult.weight))
            }
            guard onPage.contains(objective.id) else { continue }
            let grade = saved.isEmpty ? score.grade : ObjectiveGrade(kind: objective.kind, grades: weighted)
            rows.append(
                ObjectiveRow(
                    objective: objective, owner: report.ownerName(objective.owner, language), grade: grade,
                    keyResults: krRows))
        }
        let active = cycle.state == .active
        return CyclePage(
            entry: entry, today: report.today, objectives: rows, gradeCount: graded.count, gradesPage: shown,
            calibration: cycle.state == .closed ? CycleCalibration(report) : nil,
            expected: active ? ExpectedProgress.at(report.today, in: cycle, calendar: report.calendar) : nil,
            daysLeft: active ? max(0, report.today.days(to: cycle.end)) : nil,
            canChange: Access(viewer: viewer, teams: []).isAdmin,
            form: CyclesPage.Form(fields: fields(of: cycle)))
    }

    /// The edit form's fields for the cycle as stored.
    static func fields(of cycle: Cycle) -> [String: String] {
        ["name": cycle.name, "start": cycle.start.iso, "end": cycle.end.iso]
    }
}
