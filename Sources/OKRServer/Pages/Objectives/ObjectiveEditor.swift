import Foundation
import OKRCore
import OKRStore

/// The objective editor as one person sees it: the form as typed (kept whole on an error), the owners and
/// cycles they may choose, the message next to each field that failed, and the quality findings of the draft.
/// The same model serves the empty form, a failed save and the live findings, so all three agree.
struct ObjectiveEditor: Sendable {
    /// A new objective, or an existing one with the version the form was read at.
    enum Mode: Sendable {
        case creating
        case editing(ObjectiveID, state: Objective.State)

        var objectiveID: ObjectiveID? {
            if case .editing(let id, _) = self { return id }
            return nil
        }
    }

    /// An option of a `<select>`: the submitted value and what people read.
    struct Choice: Sendable, Equatable {
        let value: String
        let label: String
    }

    /// The fields of the form by control id, exactly as typed.
    struct Form: Sendable {
        var fields: [String: String]

        subscript(_ id: String) -> String { fields[id] ?? "" }

        /// How many KR rows the form carries: at least `minimumRows`, more when the form (or the objective
        /// being edited) has more.
        var rowCount: Int {
            let highest = fields.keys.compactMap { key -> Int? in
                guard key.hasPrefix("kr-") else { return nil }
                return Int(key.dropFirst(3).prefix { $0.isNumber })
            }.max()
            return max(ObjectiveEditor.minimumRows, (highest ?? -1) + 1)
        }

        /// A stored KR whose "remove" box is ticked: it is taken off the objective on save.
        func isRemoved(_ row: Int) -> Bool {
            !self["kr-\(row)-id"].isEmpty && self["kr-\(row)-remove"] == "1"
        }

        /// How many initiative rows KR row `row` carries: one more than the last one holding anything, so there is
        /// always an empty one to add an initiative with.
        func initiativeRowCount(_ row: Int) -> Int {
            let prefix = "kr-\(row)-init-"
            let highest = fields.compactMap { key, value -> Int? in
                guard key.hasPrefix(prefix), !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                let rest = key.dropFirst(prefix.count)
                guard let index = Int(rest.prefix { $0.isNumber }),
                    ["title", "link", "id"].contains(rest.drop { $0.isNumber }.dropFirst())
                else { return nil }
                return index
            }.max()
            return (highest ?? -1) + 2
        }

        /// The form with KR row `row` moved one place up or down (`"2-up"`, `"2-down"`): every field of the two rows
        /// trades places, initiatives included. Unchanged for a move past either end or one that does not parse.
        func moving(_ move: String) -> Form {
            let parts = move.split(separator: "-")
            guard parts.count == 2, let row = Int(parts[0]), parts[1] == "up" || parts[1] == "down" else { return self }
            let other = parts[1] == "up" ? row - 1 : row + 1
            guard row >= 0, other >= 0, row < rowCount, other < rowCount else { return self }
            let (a, b) = ("kr-\(row)-", "kr-\(other)-")
            var moved: [String: String] = [:]
            for (key, value) in fields {
                if key.hasPrefix(a) {
                    moved[b + key.dropFirst(a.count)] = value
                } else if key.hasPrefix(b) {
                    moved[a + key.dropFirst(b.count)] = value
                } else {
                    moved[key] = value
                }
            }
            return Form(fields: moved)
        }

        /// An initiative row holds something: a stored initiative, or a title or link typed.
        func hasInitiative(_ row: Int, _ index: Int) -> Bool {
            let prefix = "kr-\(row)-init-\(index)-"
            return ["id", "title", "link"].contains { !self[prefix + $0].trimmingCharacters(in: .whitespaces).isEmpty }
        }

        /// A row is empty when nothing was typed into it and it is not a stored KR; empty rows are ignored.
        func isEmptyRow(_ row: Int) -> Bool {
            guard self["kr-\(row)-id"].isEmpty else { return false }
            return ["title", "unit", "start", "target", "target_high", "condition_metric", "condition_minimum"]
                .allSatisfy { self["kr-\(row)-\($0)"].trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }

    /// Five rows invite the three to five KRs an objective should have.
    static let minimumRows = 5
    /// An objective aligns to one parent, sometimes two (with weights): two rows, more when it has more.
    static let minimumParentRows = 2

    var form: Form
    var mode: Mode
    let owners: [Choice]
    let cycles: [Choice]
    /// Messages by the id of the control they belong to.
    var errors: [String: String] = [:]
    /// A message about the whole form (a stale version, a store error after the objective was created).
    var notice: String?
    var findings: [QualityFinding] = []
    /// The KRs of the objective being edited, as stored.
    var stored: [KeyResult] = []
    /// What the objective may align to: `objective:<id>` or `key_result:<id>`, with what people read.
    var parentChoices: [Choice] = []
    /// The stored initiatives of each stored KR, as the form edits them.
    var storedInitiatives: [KeyResultID: [Versioned<Initiative>]] = [:]
    /// Who may answer for a KR: blank for the objective's owner, then people (the viewer first).
    var keyResultOwners: [Choice] = []
    /// Of those, the ones the viewer may give a KR to (others show only as a KR's current owner).
    var assignableKeyResultOwners: Set<String> = []
    /// The moves the viewer may make right after saving (submit for review, publish), as extra save buttons.
    var moves: [Objective.State] = []
    /// Why the last "save and publish" saved but did not publish; nil when it was not asked.
    var publishBlocked: [PublishGate.Reason]?

    /// How many parent rows the form carries.
    var parentRowCount: Int {
        let highest = form.fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix("parent-") else { return nil }
            return Int(key.dropFirst(7))
        }.max()
        return max(Self.minimumParentRows, (highest ?? -1) + 1)
    }

    var objectiveID: ObjectiveID? { mode.objectiveID }

    /// The form of a saved objective and its KRs, numbers written plainly so they read back unchanged.
    static func fields(
        of objective: Versioned<Objective>, keyResults: [Versioned<KeyResult>],
        initiatives: [KeyResultID: [Versioned<Initiative>]] = [:], language: Language
    ) -> Form {
        func plain(_ value: Decimal) -> String { Self.plain(value, language) }
        let value = objective.value
        var fields: [String: String] = [
            "title": value.title.vi, "title_en": value.title.en ?? "", "owner": value.owner?.description ?? "",
            "kind": value.kind.rawValue, "visibility": value.visibility.rawValue, "cycle": value.cycleID.rawValue,
            "version": String(objective.version), "description": value.description ?? "",
            "progress_source": value.progressSource.rawValue,
        ]
        for (row, link) in value.parents.enumerated() {
            fields["parent-\(row)"] = parentValue(link.target)
            fields["weight-\(row)"] = plain(link.weight)
        }
        for (row, entry) in keyResults.enumerated() {
            let kr = entry.value
            let prefix = "kr-\(row)-"
            fields[prefix + "id"] = kr.id.rawValue
            fields[prefix + "version"] = String(entry.version)
            fields[prefix + "title"] = kr.title.vi
            fields[prefix + "owner"] = kr.owner?.description ?? ""
            fields[prefix + "kind"] = kr.kind.rawValue
            fields[prefix + "unit"] = unitText(kr.unit)
            fields[prefix + "start"] = kr.start.map(plain) ?? ""
            fields[prefix + "target"] = kr.target.map(plain) ?? ""
            fields[prefix + "target_high"] = kr.targetHigh.map(plain) ?? ""
            fields[prefix + "condition_metric"] = kr.condition?.metric ?? ""
            fields[prefix + "condition_minimum"] = kr.condition.map { plain($0.minimum) } ?? ""
            for (index, initiative) in (initiatives[kr.id] ?? []).enumerated() {
                let prefix = prefix + "init-\(index)-"
                fields[prefix + "id"] = initiative.value.id.rawValue
                fields[prefix + "version"] = String(initiative.version)
                fields[prefix + "title"] = initiative.value.title.vi
                fields[prefix + "state"] = initiative.value.state.rawValue
                fields[prefix + "link"] = initiative.value.link ?? ""
            }
        }
        return Form(fields: fields)
    }

    /// A parent as the form names it: `objective:<id>` or `key_result:<id>`.
    static func parentValue(_ target: AlignmentLink.Target) -> String {
        switch target {
        case .objective(let id): return "objective:" + id.rawValue
        case .keyResult(let id): return "key_result:" + id.rawValue
        }
    }

    /// A stored number as the form shows it: no grouping, the language's decimal mark, so it reads back the same.
    static func plain(_ value: Decimal, _ language: Language) -> String {
        language == .vi ? "\(value)".replacingOccurrences(of: ".", with: ",") : "\(value)"
    }

    /// A unit as typed: a label as its text ("MQL"), unless that text would read as another unit.
    static func unitText(_ unit: MeasureUnit) -> String {
        switch unit {
        case .number: return ""
        case .label(let text) where (try? MeasureUnit.parse(text)) == unit: return text
        default: return unit.description
        }
    }

    /// A number as people type it in `language`: "400.000" or "1.234,5" in Vietnamese, "1,234.5" in English.
    /// With both marks the last is the decimal one; a mark repeated groups thousands; a single mark groups only
    /// when it is the language's grouping mark followed by exactly three digits ("0.5" is a half in both).
    /// `.some(nil)` for a blank field, nil for text that is not a number.
    static func number(_ text: String, _ language: Language) -> Decimal?? {
        let trimmed = text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        if trimmed.isEmpty { return .some(nil) }
        let grouping: Character = language == .vi ? "." : ","
        let dots = trimmed.filter { $0 == "." }.count
        let commas = trimmed.filter { $0 == "," }.count
        var decimalMark: Character? = nil
        if dots > 0 && commas > 0 {
            decimalMark = trimmed.last { $0 == "." || $0 == "," }
        } else if dots == 1 || commas == 1 {
            let mark: Character = dots == 1 ? "." : ","
            let after = trimmed.split(separator: mark, omittingEmptySubsequences: false).last ?? ""
            let groups = mark == grouping && after.count == 3 && after.allSatisfy(\.isNumber)
            decimalMark = groups ? nil : mark
        }
        let digits = String(
            trimmed.compactMap { character -> Character? in
                if character == decimalMark { return "." }
                return character == "." || character == "," ? nil : character
            })
        let allowed = Set("0123456789.-+")
        guard digits.allSatisfy({ allowed.contains($0) }), digits.contains(where: \.isNumber),
            let value = Decimal(string: digits, locale: nil)
        else { return nil }
        return .some(value)
    }
}

// MARK: Building the domain values

extension ObjectiveEditor {
    /// What a valid form becomes: the objective, and each non-empty row as a KR with its stored version.
    struct Draft: Sendable {
        let objective: Objective
        let keyResults: [(row: Int, keyResult: KeyResult, version: Int?)]
        /// Stored KRs to take off the objective, with the version the form was read at.
        let removals: [(row: Int, id: KeyResultID, version: Int)]
        /// Initiatives typed under the KRs: new ones (no version) and stored ones that changed.
        let initiatives: [(initiative: Initiative, version: Int?)]

        /// What saving it writes.
        var change: ObjectiveSaving.Change {
            ObjectiveSaving.Change(
                objective: objective, keyResults: keyResults.map { ($0.keyResult, $0.version) },
                removals: removals.map { ($0.id, $0.version) }, initiatives: initiatives)
        }
    }

    /// Builds the objective and its KRs through the domain's validating initialisers, collecting a message for
    /// every field that fails; nil when any did (nothing may be saved then).
    mutating func validate(
        page: Page, access: Access, cycles: [Cycle], objectiveID: ObjectiveID, existing: Objective?,
        newID: () -> String, newInitiativeID: () -> String = { NewID.make("i") }
    ) -> Draft? {
        let language = page.language
        errors = [:]
        let objective = buildObjective(
            page: page, access: access, cycles: cycles, objectiveID: objectiveID, existing: existing)
        let cycle = cycles.first { $0.id.rawValue == form["cycle"] }
        var keyResults: [(Int, KeyResult, Int?)] = []
        var removals: [(Int, KeyResultID, Int)] = []
        var initiatives: [(Initiative, Int?)] = []
        for row in 0..<form.rowCount where form.isEmptyRow(row) {
            // An initiative drives a KR: one typed under a row without its KR is asked for the KR first.
            for index in 0..<form.initiativeRowCount(row) where form.hasInitiative(row, index) {
                errors["kr-\(row)-init-\(index)-title"] = page.t(.editorInitiativeNeedsKeyResult)
            }
        }
        for row in 0..<form.rowCount where !form.isEmptyRow(row) {
            let id = form["kr-\(row)-id"]
            // Only the objective's own stored KRs may be changed or removed through its form.
            if !id.isEmpty && existingKeyResult(row) == nil {
                errors["kr-\(row)-title"] = InvalidReason.unknownValue(id).message(language)
                continue
            }
            if form.isRemoved(row) {
                removals.append((row, KeyResultID(id), Int(form["kr-\(row)-version"]) ?? -1))
                continue
            }
            if let kr = buildKeyResult(
                row: row, id: id.isEmpty ? newID() : id, objective: objectiveID,
                cycle: cycle, language: language)
            {
                keyResults.append((row, kr, Int(form["kr-\(row)-version"])))
                initiatives += buildInitiatives(
                    row: row, keyResult: kr, owner: kr.owner ?? objective?.owner, language: language,
                    newID: newInitiativeID)
            }
        }
        guard errors.isEmpty, let objective else { return nil }
        return Draft(
            objective: objective, keyResults: keyResults, removals: removals,
            initiatives: initiatives.map { (initiative: $0.0, version: $0.1) })
    }

    private mutating func buildObjective(
        page: Page, access: Access, cycles: [Cycle], objectiveID: ObjectiveID, existing: Objective?
    ) -> Objective? {
        let language = page.language
        let owner = owners.contains(where: { $0.value == form["owner"] }) ? Owner(form["owner"]) : nil
        if owner == nil { errors["owner"] = page.t(.editorOwnerNotAllowed) }
        let kind = Objective.Kind(rawValue: form["kind"])
        if kind == nil { errors["kind"] = InvalidReason.unknownValue(form["kind"]).message(language) }
        let visibility = Objective.Visibility(rawValue: form["visibility"])
        if visibility == nil {
            errors["visibility"] = InvalidReason.unknownValue(form["visibility"]).message(language)
        }
        let cycle = cycles.first { $0.id.rawValue == form["cycle"] }
        if cycle == nil { errors["cycle"] = InvalidReason.unknownValue(form["cycle"]).message(language) }
        // A form without the alignment section (a script's, an older page's) keeps what the objective had.
        let progressSource =
            form["progress_source"].isEmpty
            ? existing?.progressSource ?? .keyResults : Objective.ProgressSource(rawValue: form["progress_source"])
        if progressSource == nil {
            errors["progress_source"] = InvalidReason.unknownValue(form["progress_source"]).message(language)
        }
        let parents =
            form.fields.keys.contains { $0.hasPrefix("parent-") }
            ? buildParents(objectiveID: objectiveID, language: language) : existing?.parents ?? []
        let titleEn = form["title_en"].trimmingCharacters(in: .whitespaces)
        let description =
            form.fields["description"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            ?? existing?.description ?? ""
        do {
            let title = try LocalizedName(vi: form["title"], en: titleEn.isEmpty ? nil : titleEn)
            guard let owner, let kind, let visibility, let cycle, let progressSource, let parents else { return nil }
            let objective = try Objective(
                id: objectiveID, cycleID: cycle.id, title: title,
                description: description.isEmpty ? nil : description, owner: owner, kind: kind,
                state: existing?.state ?? .draft, visibility: visibility, parents: parents,
                progressSource: progressSource)
            guard access.canEdit(objective) else {
                errors["owner"] = page.t(.editorOwnerNotAllowed)
                return nil
            }
            return objective
        } catch {
            record(
                error,
                field: { field in
                    switch field {
                    case "title_en", "description": return field
                    default: return "title"
                    }
                }, language: language)
            return nil
        }
    }

    /// The parent rows: each chosen parent must be one of the choices (objectives the person may see) and not the
    /// objective itself, with a positive weight (1 when blank). Nil when a row is wrong.
    private mutating func buildParents(objectiveID: ObjectiveID, language: Language) -> [AlignmentLink]? {
        var links: [AlignmentLink] = []
        var valid = true
        for row in 0..<parentRowCount {
            let value = form["parent-\(row)"]
            guard !value.isEmpty else { continue }
            let target: AlignmentLink.Target? =
                if value.hasPrefix("objective:") {
                    .objective(ObjectiveID(String(value.dropFirst(10))))
                } else if value.hasPrefix("key_result:") { .keyResult(KeyResultID(String(value.dropFirst(11)))) } else {
                    nil
                }
            guard let target, parentChoices.contains(where: { $0.value == value }),
                target != .objective(objectiveID), !links.contains(where: { $0.target == target })
            else {
                errors["parent-\(row)"] = InvalidReason.unknownValue(value).message(language)
                valid = false
                continue
            }
            guard let weight = Self.number(form["weight-\(row)"], language) else {
                errors["weight-\(row)"] = InvalidReason.notFinite.message(language)
                valid = false
                continue
            }
            do {
                links.append(try AlignmentLink(to: target, weight: weight ?? 1))
            } catch {
                errors["weight-\(row)"] = error.message(language)
                valid = false
            }
        }
        return valid ? links : nil
    }

    private mutating func buildKeyResult(
        row: Int, id: String, objective: ObjectiveID, cycle: Cycle?, language: Language
    ) -> KeyResult? {
        let prefix = "kr-\(row)-"
        var numbers: [String: Decimal?] = [:]
        for field in ["start", "target", "target_high", "condition_minimum"] {
            guard let value = Self.number(form[prefix + field], language) else {
                errors[prefix + field] = InvalidReason.notFinite.message(language)
                continue
            }
            numbers[field] = value
        }
        guard let kind = KeyResult.Kind(rawValue: form[prefix + "kind"]) else {
            errors[prefix + "kind"] = InvalidReason.unknownValue(form[prefix + "kind"]).message(language)
            return nil
        }
        guard numbers.count == 4 else { return nil }
        let stored = existingKeyResult(row)
        // A form without the KR's owner (a script's, an older page's) keeps the one it had.
        var owner = stored?.owner
        if let typed = form.fields[prefix + "owner"], typed != (stored?.owner?.description ?? "") {
            if typed.isEmpty {
                owner = nil
            } else if assignableKeyResultOwners.contains(typed), let chosen = Owner(typed) {
                owner = chosen
            } else {
                errors[prefix + "owner"] = InvalidReason.unknownValue(typed).message(language)
                return nil
            }
        }
        do {
            let metric = form[prefix + "condition_metric"].trimmingCharacters(in: .whitespaces)
            let minimum = numbers["condition_minimum"] ?? nil
            var condition: ValidityCondition?
            if !metric.isEmpty || minimum != nil {
                guard let minimum else { throw DomainError.invalid(field: "condition.minimum", reason: .required) }
                condition = try ValidityCondition(metric: metric, minimum: minimum, actual: stored?.condition?.actual)
            }
            let unitText = form[prefix + "unit"].trimmingCharacters(in: .whitespaces)
            return try KeyResult(
                id: KeyResultID(id), objectiveID: objective,
                title: LocalizedName(vi: form[prefix + "title"], en: stored?.title.en), owner: owner,
                kind: kind, unit: try MeasureUnit.parse(unitText), start: numbers["start"] ?? nil,
                target: numbers["target"] ?? nil, targetHigh: numbers["target_high"] ?? nil,
                current: stored?.current, weight: stored?.weight ?? 1, confidence: stored?.confidence,
                condition: condition, plan: kind.isDirectional ? stored?.plan ?? [] : [], kpiID: stored?.kpiID,
                due: stored?.due, cycle: cycle)
        } catch {
            record(
                error,
                field: { field in
                    switch field {
                    case "start", "target", "target_high", "unit", "kind": return prefix + field
                    case "condition.metric": return prefix + "condition_metric"
                    case "condition.minimum": return prefix + "condition_minimum"
                    default: return prefix + "title"
                    }
                }, language: language)
            return nil
        }
    }

    /// The initiatives typed under KR row `row`: a new one for each row with a title and no id, and each stored
    /// one whose title, state or link changed (an untouched one is not written again). A stored initiative keeps
    /// what the form does not show: its English title, owner, due date, other KRs and the ask it answers.
    private mutating func buildInitiatives(
        row: Int, keyResult: KeyResult, owner: Owner?, language: Language, newID: () -> String
    ) -> [(Initiative, Int?)] {
        var built: [(Initiative, Int?)] = []
        let stored = storedInitiatives[keyResult.id] ?? []
        for index in 0..<form.initiativeRowCount(row) where form.hasInitiative(row, index) {
            let prefix = "kr-\(row)-init-\(index)-"
            let id = form[prefix + "id"]
            let before = stored.first { $0.value.id.rawValue == id }
            if !id.isEmpty && before == nil {
                errors[prefix + "title"] = InvalidReason.unknownValue(id).message(language)
                continue
            }
            guard
                let state = Initiative.State(
                    rawValue: form[prefix + "state"].isEmpty ? "planned" : form[prefix + "state"])
            else {
                errors[prefix + "state"] = InvalidReason.unknownValue(form[prefix + "state"]).message(language)
                continue
            }
            let link = form[prefix + "link"].trimmingCharacters(in: .whitespaces)
            do {
                let initiative = try Initiative(
                    id: before?.value.id ?? InitiativeID(newID()),
                    title: LocalizedName(vi: form[prefix + "title"], en: before?.value.title.en),
                    owner: before.map(\.value.owner) ?? owner, state: state, due: before?.value.due,
                    link: link.isEmpty ? nil : link, keyResultIDs: before?.value.keyResultIDs ?? [keyResult.id],
                    askID: before?.value.askID, started: before?.value.started, finished: before?.value.finished)
                if let before {
                    if before.value != initiative { built.append((initiative, before.version)) }
                } else {
                    built.append((initiative, nil))
                }
            } catch {
                record(error, field: { $0 == "link" ? prefix + "link" : prefix + "title" }, language: language)
            }
        }
        return built
    }

    /// The stored KR a row edits, for what the form does not show (its owner, current value, plan).
    private func existingKeyResult(_ row: Int) -> KeyResult? {
        stored.first { $0.id.rawValue == form["kr-\(row)-id"] }
    }

    private mutating func record(_ error: any Error, field: (String) -> String, language: Language) {
        guard let error = error as? DomainError else {
            notice = String(describing: error)
            return
        }
        if case .invalid(let name, let reason) = error {
            errors[field(name)] = reason.message(language)
        } else {
            notice = error.message(language)
        }
    }
}

// MARK: Quality findings of the form as it stands

extension ObjectiveEditor {
    /// The KR rows the quality check reads, in its order: a finding about KR `index` is about row `filledRows[index]`.
    var filledRows: [Int] { (0..<form.rowCount).filter { !form.isEmptyRow($0) && !form.isRemoved($0) } }

    /// The places beside fields where findings show: the objective's, and each KR row's.
    var findingTargets: [String] { ["objective"] + (0..<form.rowCount).map { "kr-\($0)" } }

    /// The findings about one place (`objective` or `kr-<row>`).
    func findings(at target: String) -> [QualityFinding] {
        let rows = filledRows
        return findings.filter { finding in
            switch finding.target {
            case .objective: return target == "objective"
            case .keyResult(let index): return index < rows.count && target == "kr-\(rows[index])"
            }
        }
    }

    /// The control a finding is about, for links to it: the owner for a missing owner, a KR's first empty
    /// initiative for a KR without one, its target for one that cannot be measured, else the title.
    func fieldID(of finding: QualityFinding) -> String {
        switch finding.target {
        case .objective:
            return finding.code == .objectiveWithoutOwner || finding.code == .tooManyObjectivesForOwner
                ? "owner" : "title"
        case .keyResult(let index):
            let rows = filledRows
            guard index < rows.count else { return "kr-0-title" }
            let row = rows[index]
            switch finding.code {
            case .keyResultWithoutInitiative:
                let empty = (0..<form.initiativeRowCount(row)).first { !form.hasInitiative(row, $0) } ?? 0
                return "kr-\(row)-init-\(empty)-title"
            case .keyResultNotMeasurable: return "kr-\(row)-target"
            case .validityConditionNotMet: return "kr-\(row)-condition_minimum"
            default: return "kr-\(row)-title"
            }
        }
    }
}

extension ObjectiveEditor {
    /// How many initiatives drive KR row `row` as the form stands: those typed and not dropped; a form without
    /// initiative rows (a script's, an older page's) counts the `stored` ones.
    func initiativeCount(_ row: Int, stored: Int) -> Int {
        let rows = (0..<form.initiativeRowCount(row)).filter { form.hasInitiative(row, $0) }
        guard !rows.isEmpty || form.fields.keys.contains(where: { $0.hasPrefix("kr-\(row)-init-") }) else {
            return stored
        }
        return rows.filter { index in
            let prefix = "kr-\(row)-init-\(index)-"
            return !form[prefix + "title"].trimmingCharacters(in: .whitespaces).isEmpty
                && form[prefix + "state"] != Initiative.State.dropped.rawValue
        }.count
    }

    /// The form as `QualityCheck` reads it: loose, so findings speak before the form is complete. A row's
    /// stored initiatives count towards it (`initiatives` by KR id).
    func qualityDraft(initiatives: [KeyResultID: Int], language: Language) -> QualityDraft {
        let ownerName = owners.first { $0.value == form["owner"] }?.label
        var state = Objective.State.draft
        if case .editing(_, let stored) = mode { state = stored }
        let keyResults = (0..<form.rowCount).filter { !form.isEmptyRow($0) && !form.isRemoved($0) }.map {
            row -> KeyResultDraft in
            let prefix = "kr-\(row)-"
            func number(_ field: String) -> Decimal? { (Self.number(form[prefix + field], language) ?? nil) ?? nil }
            let stored = existingKeyResult(row)
            let metric = form[prefix + "condition_metric"].trimmingCharacters(in: .whitespaces)
            let condition = number("condition_minimum").flatMap {
                try? ValidityCondition(metric: metric, minimum: $0, actual: stored?.condition?.actual)
            }
            return KeyResultDraft(
                title: form[prefix + "title"], titleEn: stored?.title.en,
                kind: KeyResult.Kind(rawValue: form[prefix + "kind"]),
                unit: (try? MeasureUnit.parse(form[prefix + "unit"].trimmingCharacters(in: .whitespaces))) ?? .number,
                start: number("start"), target: number("target"), targetHigh: number("target_high"),
                current: stored?.current, confidence: stored?.confidence, condition: condition,
                initiativeCount: initiativeCount(row, stored: initiatives[KeyResultID(form[prefix + "id"])] ?? 0))
        }
        let titleEn = form["title_en"].trimmingCharacters(in: .whitespaces)
        return QualityDraft(
            title: form["title"], titleEn: titleEn.isEmpty ? nil : titleEn, owner: ownerName,
            kind: Objective.Kind(rawValue: form["kind"]) ?? .committed, state: state, keyResults: keyResults)
    }
}
