import Foundation
import OKRCore
import OKRStore

/// OKRs from a file into the organization: a spreadsheet (CSV or XLSX, `OKRSheet`), the JSON of an export, or the
/// OKR file (`OKRExchange` either way).
///
/// `prepare` meets the file with the organization as it is and says what would be created, what is already there
/// and what is refused — by row and column, in the reader's language — without writing anything; `apply` writes
/// all of it in one change, only when nothing was refused. Objectives, KRs, initiatives and check-ins already
/// present (by id, or by their names as `OKRExchange` says) are left as they are, so importing a file twice
/// changes nothing. Owners, parents and check-in authors must exist (import people and teams first); a cycle an
/// export describes is created when no cycle has its name.
public struct OKRImport: ImportPlan {
    public private(set) var problems: [ImportProblem] = []
    public private(set) var newCycles: [Cycle] = []
    /// Parents before their children.
    public private(set) var newObjectives: [Objective] = []
    public private(set) var newKeyResults: [KeyResult] = []
    public private(set) var newInitiatives: [Initiative] = []
    /// Initiatives already stored that the file links to more KRs.
    public private(set) var linkedInitiatives: [Versioned<Initiative>] = []
    /// In the order they are recorded: by KR, oldest first.
    public private(set) var newCheckIns: [CheckIn] = []
    /// Objectives, KRs, initiatives and check-ins of the file already there.
    public private(set) var unchanged = 0
    /// The rows read (for a spreadsheet), or the objectives (for JSON and the OKR file).
    public private(set) var rows = 0

    public var changesAnything: Bool {
        !newCycles.isEmpty || !newObjectives.isEmpty || !newKeyResults.isEmpty || !newInitiatives.isEmpty
            || !linkedInitiatives.isEmpty || !newCheckIns.isEmpty
    }

    public func summary(_ language: Language) -> String {
        Strings.shipped.text(
            .importOKRSummary, language,
            [
                "rows": String(rows), "cycles": String(newCycles.count), "objectives": String(newObjectives.count),
                "keyResults": String(newKeyResults.count), "initiatives": String(newInitiatives.count),
                "checkIns": String(newCheckIns.count), "unchanged": String(unchanged),
            ])
    }

    /// Whether a text is an OKR file (YAML with a top-level `cycle` and `objectives`), not a CSV.
    static func looksLikeOKRFile(_ text: String) -> Bool {
        let lines = text.split(whereSeparator: \.isNewline)
        return lines.contains { $0.hasPrefix("cycle:") } && lines.contains { $0.hasPrefix("objectives:") }
    }

    /// Reads a spreadsheet file (CSV or XLSX), an export's JSON or an OKR file (YAML), as its content says;
    /// `name` names the file in messages.
    public static func prepare(
        _ data: Data, name: String = "okr.yaml", store: OKRStore, cycle: CycleID?, language: Language
    ) async throws -> OKRImport {
        if let first = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }), first == 0x7B {
            do {
                let exchange = try OKRExchange.decode(json: data)
                return try await prepare(
                    exchange, rows: exchange.objectives.count, store: store, cycle: cycle, language: language)
            } catch let error as DecodingError {
                var plan = OKRImport()
                plan.problems.append(
                    ImportProblem(
                        row: nil,
                        message: Strings.shipped.text(.importUnreadableJSON, language, ["reason": Self.describe(error)])
                    ))
                return plan
            }
        }
        if !SpreadsheetTable.isWorkbook(data), let text = String(data: data, encoding: .utf8),
            Self.looksLikeOKRFile(text)
        {
            do {
                let exchange = try OKRFile.parse(text, file: name).exchange()
                return try await prepare(
                    exchange, rows: exchange.objectives.count, store: store, cycle: cycle, language: language)
            } catch let error as OKRFileError {
                var plan = OKRImport()
                plan.problems.append(ImportProblem(row: error.line, message: error.text(language)))
                return plan
            }
        }
        let tables: [SpreadsheetTable]
        do {
            tables = try SpreadsheetTable.read(data)
        } catch {
            var plan = OKRImport()
            plan.problems.append(
                ImportProblem(
                    row: nil, message: Strings.shipped.text(.importUnreadable, language, ["reason": error.reason])))
            return plan
        }
        let reading = OKRSheet.read(tables, language: language)
        guard reading.problems.isEmpty else {
            var plan = OKRImport()
            plan.problems = reading.problems
            plan.rows = reading.rows
            return plan
        }
        return try await prepare(reading.exchange, rows: reading.rows, store: store, cycle: cycle, language: language)
    }

    /// Meets `exchange` with the organization in `store`; writes nothing. Objectives whose cycle is not named go to
    /// `cycle` (by default the active cycle, when there is exactly one).
    public static func prepare(
        _ exchange: OKRExchange, rows: Int, store: OKRStore, cycle: CycleID?, language: Language
    ) async throws -> OKRImport {
        let cycles = try await store.cycles().map(\.value)
        let teams = try await store.versionedTeams().map(\.value)
        let people = try await store.versionedPeople().map(\.value)
        let weekStart = try await store.settings()?.weekStart ?? .monday
        let chosen =
            cycle
            ?? {
                let active = cycles.filter { $0.state == .active }
                return active.count == 1 ? active[0].id : nil
            }()
        var boards: [CycleID: Board] = [:]
        let named = Set(exchange.objectives.map { Folding.fold($0.cycle) })
        for cycle in cycles where named.contains(Folding.fold(cycle.name)) || cycle.id == chosen {
            boards[cycle.id] = try await store.board(cycle: cycle.id)
        }
        var plan = OKRImport()
        plan.rows = rows
        var planner = Planner(
            exchange: exchange, cycles: cycles, chosen: chosen, teams: teams, people: people, boards: boards,
            weekStart: weekStart, language: language)
        planner.plan(into: &plan)
        return plan
    }

    /// Writes the plan in one change: all of it, or — when anything fails — none.
    public func apply(store: OKRStore, actor: PersonID?) async throws {
        precondition(isValid, "an import with problems is never applied")
        guard changesAnything else { return }
        try await store.inOneChange(actor: actor) {
            var closing: [Cycle] = []
            for cycle in newCycles {
                var open = cycle
                if cycle.state == .closed {
                    open.state = .active
                    closing.append(cycle)
                }
                try await store.createCycle(open, actor: actor)
            }
            // Each objective with its KRs, so that an objective aligned to a KR comes after it.
            let keyResults = Dictionary(grouping: newKeyResults, by: \.objectiveID)
            var created: Set<ObjectiveID> = []
            for objective in newObjectives {
                _ = try await store.createObjective(objective, actor: actor)
                created.insert(objective.id)
                for keyResult in keyResults[objective.id] ?? [] {
                    _ = try await store.createKeyResult(keyResult, actor: actor)
                }
            }
            for keyResult in newKeyResults where !created.contains(keyResult.objectiveID) {
                _ = try await store.createKeyResult(keyResult, actor: actor)
            }
            for initiative in newInitiatives { try await store.createInitiative(initiative, actor: actor) }
            for initiative in linkedInitiatives {
                _ = try await store.updateInitiative(
                    initiative.value, expectedVersion: initiative.version, actor: actor)
            }
            if !newCheckIns.isEmpty { _ = try await store.recordCheckIns(newCheckIns, actor: actor) }
            for cycle in closing { _ = try await store.updateCycle(cycle, expectedVersion: 1, actor: actor) }
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)): \(key.stringValue) is missing"
        @unknown default:
            return "\(error)"
        }
    }

    // MARK: Planning

    /// Resolves the names of the file against the organization and decides what is new.
    private struct Planner {
        let exchange: OKRExchange
        let cycles: [Cycle]
        let chosen: CycleID?
        let teams: [Team]
        let people: [Person]
        let boards: [CycleID: Board]
        let weekStart: Weekday
        let language: Language

        private var plannedCycles: [String: Cycle] = [:]
        private var usedIDs: Set<String> = []

        init(
            exchange: OKRExchange, cycles: [Cycle], chosen: CycleID?, teams: [Team], people: [Person],
            boards: [CycleID: Board], weekStart: Weekday, language: Language
        ) {
            self.exchange = exchange
            self.cycles = cycles
            self.chosen = chosen
            self.teams = teams
            self.people = people
            self.boards = boards
            self.weekStart = weekStart
            self.language = language
            for board in boards.values {
                for objective in board.objectives { usedIDs.insert(objective.value.id.rawValue) }
                for keyResult in board.keyResults.values.joined() { usedIDs.insert(keyResult.value.id.rawValue) }
            }
        }

        /// Where a problem is: the row of what it is about, and the file's name for it.
        private func refuse(_ plan: inout OKRImport, row: Int?, _ key: StringKey, _ values: [String: String]) {
            var values = values
            values["row"] = row.map(String.init) ?? "—"
            plan.problems.append(ImportProblem(row: row, message: Strings.shipped.text(key, language, values)))
        }

        mutating func plan(into plan: inout OKRImport) {
            let paths = TeamPaths(teams)
            let peopleByEmail = Dictionary(people.map { ($0.email.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

            // Each objective of the file: its cycle, owner and whether it is already there.
            struct Placed {
                let cycle: Cycle
                let objectiveID: ObjectiveID
                let exists: Bool
            }
            var placed: [Int: Placed] = [:]
            var keys: [CycleID: [String: [Int]]] = [:]
            for (index, objective) in exchange.objectives.enumerated() {
                guard let cycle = cycle(named: objective.cycle, row: objective.row, plan: &plan) else { continue }
                guard let owner = owner(objective.owner, paths: paths, people: peopleByEmail) else {
                    refuse(&plan, row: objective.row, .importOwner, ["value": objective.owner])
                    continue
                }
                let existing = boards[cycle.id]?.objectives.first { stored in
                    if let id = objective.id { return stored.value.id.rawValue == id }
                    return stored.value.owner == owner
                        && Self.names(stored.value.title, objective.title)
                }
                let id = existing?.value.id ?? ObjectiveID(newID(objective.id, prefix: "o"))
                placed[index] = Placed(cycle: cycle, objectiveID: id, exists: existing != nil)
                if let fileID = objective.id { keys[cycle.id, default: [:]]["#" + fileID, default: []].append(index) }
                keys[cycle.id, default: [:]][Folding.fold(objective.title), default: []].append(index)
                if existing != nil {
                    plan.unchanged += 1
                    continue
                }
                // A closed cycle keeps what it holds: nothing new goes into it.
                if cycle.state == .closed, cycles.contains(where: { $0.id == cycle.id }) {
                    placed[index] = nil
                    refuse(&plan, row: objective.row, .importCycleClosed, ["value": cycle.name])
                    continue
                }
                do {
                    let core = try Objective(
                        id: id, cycleID: cycle.id, title: LocalizedName(vi: objective.title, en: objective.titleEn),
                        description: objective.description, owner: owner, kind: objective.kind, state: objective.state,
                        visibility: objective.visibility, parents: [], progressSource: objective.progressSource)
                    plan.newObjectives.append(core)
                } catch {
                    refuse(&plan, row: objective.row, .importInvalid, ["reason": error.message(language)])
                }
            }

            // Each KR of the file: the one already there (by id, or by title under its objective), or a new id.
            var keyResultIDs: [Int: [KeyResultID]] = [:]
            var existingKRs: Set<KeyResultID> = []
            for (index, objective) in exchange.objectives.enumerated() {
                guard let place = placed[index] else { continue }
                let stored = place.exists ? boards[place.cycle.id]?.keyResults[place.objectiveID] ?? [] : []
                keyResultIDs[index] = objective.keyResults.map { keyResult in
                    if let found = stored.first(where: { stored in
                        if let id = keyResult.id { return stored.value.id.rawValue == id }
                        return Self.names(stored.value.title, keyResult.title)
                    }) {
                        existingKRs.insert(found.value.id)
                        return found.value.id
                    }
                    return KeyResultID(newID(keyResult.id, prefix: "kr"))
                }
            }

            // Parents: another objective of the file, or one already in the cycle, by id or title — or one KR of it.
            var parentsOf: [ObjectiveID: [AlignmentLink]] = [:]
            for (index, objective) in exchange.objectives.enumerated() where !objective.parents.isEmpty {
                guard let place = placed[index], !place.exists else { continue }
                var links: [AlignmentLink] = []
                for parent in objective.parents {
                    let inFile =
                        (keys[place.cycle.id]?["#" + parent.objective]
                            ?? keys[place.cycle.id]?[Folding.fold(parent.objective)]) ?? []
                    let stored =
                        boards[place.cycle.id]?.objectives.filter {
                            $0.value.id.rawValue == parent.objective
                                || Self.names($0.value.title, parent.objective)
                        } ?? []
                    let candidates = Set(inFile.compactMap { placed[$0]?.objectiveID }).union(stored.map(\.value.id))
                    guard candidates.count == 1, let target = candidates.first else {
                        refuse(
                            &plan, row: objective.row,
                            candidates.isEmpty ? .importParentUnknown : .importParentAmbiguous,
                            ["value": parent.objective])
                        continue
                    }
                    var linkTarget = AlignmentLink.Target.objective(target)
                    if let named = parent.keyResult {
                        // The KR among the parent's: the file's own, or those already stored.
                        var found: [KeyResultID] = []
                        for fileIndex in inFile where placed[fileIndex]?.objectiveID == target {
                            for (k, keyResult) in exchange.objectives[fileIndex].keyResults.enumerated()
                            where keyResult.id == named || Folding.fold(keyResult.title) == Folding.fold(named) {
                                if let id = keyResultIDs[fileIndex]?[k] { found.append(id) }
                            }
                        }
                        for keyResult in boards[place.cycle.id]?.keyResults[target] ?? []
                        where keyResult.value.id.rawValue == named
                            || Self.names(keyResult.value.title, named)
                        {
                            found.append(keyResult.value.id)
                        }
                        guard Set(found).count == 1, let keyResult = found.first else {
                            refuse(
                                &plan, row: objective.row,
                                found.isEmpty ? .importParentUnknown : .importParentAmbiguous,
                                ["value": parent.objective + " › " + named])
                            continue
                        }
                        linkTarget = .keyResult(keyResult)
                    }
                    do {
                        links.append(try AlignmentLink(to: linkTarget, weight: parent.weight))
                    } catch {
                        refuse(&plan, row: objective.row, .importInvalid, ["reason": error.message(language)])
                    }
                }
                parentsOf[place.objectiveID] = links
            }
            var objectiveOfKR: [KeyResultID: ObjectiveID] = [:]
            for (index, ids) in keyResultIDs {
                guard let objective = placed[index]?.objectiveID else { continue }
                for id in ids { objectiveOfKR[id] = objective }
            }
            plan.newObjectives = parentsFirst(
                plan.newObjectives.map { objective in
                    var linked = objective
                    linked.parents = parentsOf[objective.id] ?? []
                    return linked
                }, objectiveOf: objectiveOfKR)

            // KRs, their initiatives and check-ins.
            var plannedInitiatives: [String: Int] = [:]
            var linked: [InitiativeID: Int] = [:]
            for (index, objective) in exchange.objectives.enumerated() {
                guard let place = placed[index] else { continue }
                let board = boards[place.cycle.id]
                let closed = place.cycle.state == .closed && cycles.contains { $0.id == place.cycle.id }
                for (k, keyResult) in objective.keyResults.enumerated() {
                    guard let keyResultID = keyResultIDs[index]?[k] else { continue }
                    let row = keyResult.row ?? objective.row
                    if existingKRs.contains(keyResultID) {
                        plan.unchanged += 1
                    } else if closed {
                        refuse(&plan, row: row, .importCycleClosed, ["value": place.cycle.name])
                        continue
                    } else {
                        var owner: Owner?
                        if let name = keyResult.owner, !name.isEmpty {
                            owner = self.owner(name, paths: paths, people: peopleByEmail)
                            if owner == nil {
                                refuse(&plan, row: row, .importOwner, ["value": name])
                                continue
                            }
                        }
                        do {
                            let condition = try keyResult.condition.map { condition throws(DomainError) in
                                try ValidityCondition(metric: condition.metric, minimum: condition.minimum)
                            }
                            plan.newKeyResults.append(
                                try KeyResult(
                                    id: keyResultID, objectiveID: place.objectiveID,
                                    title: LocalizedName(vi: keyResult.title, en: keyResult.titleEn), owner: owner,
                                    kind: keyResult.kind, unit: keyResult.unit, start: keyResult.start,
                                    target: keyResult.target, targetHigh: keyResult.targetHigh,
                                    weight: keyResult.weight,
                                    condition: condition, due: keyResult.due, cycle: place.cycle))
                        } catch {
                            refuse(&plan, row: row, .importInvalid, ["reason": error.message(language)])
                            continue
                        }
                    }
                    let storedInitiatives = board?.initiatives[keyResultID] ?? []
                    for initiative in keyResult.initiatives {
                        let before = plan.newInitiatives.count + plan.linkedInitiatives.count
                        defer {
                            if closed, plan.newInitiatives.count + plan.linkedInitiatives.count != before {
                                refuse(
                                    &plan, row: initiative.row ?? row, .importCycleClosed, ["value": place.cycle.name])
                            }
                        }
                        planInitiative(
                            initiative, keyResult: keyResultID, stored: storedInitiatives, board: board,
                            paths: paths, people: peopleByEmail, planned: &plannedInitiatives, linked: &linked,
                            plan: &plan)
                    }
                    let storedCheckIns = board?.checkIns[keyResultID] ?? []
                    var checkIns: [CheckIn] = []
                    for checkIn in keyResult.checkIns {
                        guard let author = peopleByEmail[checkIn.author.lowercased()] else {
                            refuse(&plan, row: checkIn.row ?? keyResult.row, .importAuthor, ["value": checkIn.author])
                            continue
                        }
                        let present = storedCheckIns.contains { stored in
                            if let id = checkIn.id, stored.id.rawValue == id { return true }
                            return stored.day == checkIn.day && stored.value == checkIn.value
                                && stored.authorID == author.id
                        }
                        if present {
                            plan.unchanged += 1
                            continue
                        }
                        if closed {
                            refuse(&plan, row: checkIn.row ?? row, .importCycleClosed, ["value": place.cycle.name])
                            continue
                        }
                        let id = CheckInID(newID(checkIn.id, prefix: "ci"))
                        do {
                            var confidence: Confidence?
                            if let stated = checkIn.confidence { confidence = try Confidence(stated) }
                            checkIns.append(
                                try CheckIn(
                                    id: id, keyResultID: keyResultID, value: checkIn.value,
                                    confidence: confidence, note: checkIn.note,
                                    authorID: author.id, recordedAt: checkIn.recordedAt, day: checkIn.day,
                                    weekStart: weekStart, conditionActual: checkIn.conditionActual))
                        } catch {
                            refuse(
                                &plan, row: checkIn.row ?? keyResult.row, .importInvalid,
                                ["reason": error.message(language)])
                        }
                    }
                    plan.newCheckIns += checkIns.sorted {
                        ($0.day, $0.recordedMillisecond, $0.id.rawValue) < (
                            $1.day, $1.recordedMillisecond, $1.id.rawValue
                        )
                    }
                }
            }
            plan.newCycles = Array(plannedCycles.values).sorted { $0.start < $1.start }
        }

        private mutating func planInitiative(
            _ initiative: OKRExchange.Initiative, keyResult: KeyResultID, stored: [Versioned<Initiative>],
            board: Board?,
            paths: TeamPaths, people: [String: Person], planned: inout [String: Int], linked: inout [InitiativeID: Int],
            plan: inout OKRImport
        ) {
            if stored.contains(where: { stored in
                if let id = initiative.id { return stored.value.id.rawValue == id }
                return Self.names(stored.value.title, initiative.title)
            }) {
                plan.unchanged += 1
                return
            }
            // The same initiative under another KR of the file: one initiative driving both.
            if let id = initiative.id, let index = planned["#" + id] {
                plan.newInitiatives[index].keyResultIDs.append(keyResult)
                return
            }
            if let id = initiative.id,
                let other = board?.initiatives.values.joined().first(where: { $0.value.id.rawValue == id })
            {
                let current = linked[other.value.id].map { plan.linkedInitiatives[$0] } ?? other
                var more = current.value
                more.keyResultIDs.append(keyResult)
                let updated = Versioned(value: more, version: current.version)
                if let index = linked[other.value.id] {
                    plan.linkedInitiatives[index] = updated
                } else {
                    linked[other.value.id] = plan.linkedInitiatives.count
                    plan.linkedInitiatives.append(updated)
                }
                return
            }
            var owner: Owner?
            if let name = initiative.owner, !name.isEmpty {
                owner = self.owner(name, paths: paths, people: people)
                if owner == nil {
                    refuse(&plan, row: initiative.row, .importOwner, ["value": name])
                    return
                }
            }
            do {
                let created = try Initiative(
                    id: InitiativeID(newID(initiative.id, prefix: "i")), title: LocalizedName(vi: initiative.title),
                    owner: owner, state: initiative.state, due: initiative.due, link: initiative.link,
                    keyResultIDs: [keyResult])
                if let id = initiative.id { planned["#" + id] = plan.newInitiatives.count }
                plan.newInitiatives.append(created)
            } catch {
                refuse(&plan, row: initiative.row, .importInvalid, ["reason": error.message(language)])
            }
        }

        /// The cycle an objective names, one the file describes (created), or the import's own.
        private mutating func cycle(named name: String, row: Int?, plan: inout OKRImport) -> Cycle? {
            if name.isEmpty {
                guard let chosen, let cycle = cycles.first(where: { $0.id == chosen }) else {
                    refuse(&plan, row: row, .importCycleNone, [:])
                    return nil
                }
                return cycle
            }
            let folded = Folding.fold(name)
            if let cycle = cycles.first(where: { Folding.fold($0.name) == folded || $0.id.rawValue == name }) {
                return cycle
            }
            if let planned = plannedCycles[folded] { return planned }
            guard let described = exchange.cycles.first(where: { Folding.fold($0.name) == folded }),
                let cycle = try? Cycle(
                    id: CycleID(newID(nil, prefix: "c")), name: described.name, start: described.start,
                    end: described.end, state: described.state)
            else {
                refuse(&plan, row: row, .importCycleUnknown, ["value": name])
                return nil
            }
            plannedCycles[folded] = cycle
            return cycle
        }

        /// `company`, a person's e-mail, `team:ID`, `person:ID`, a team's path or a team's name found once.
        private func owner(_ text: String, paths: TeamPaths, people: [String: Person]) -> Owner? {
            if OKRSheet.isCompany(text) { return .company }
            if text.contains("@") { return people[text.lowercased()].map { .person($0.id) } }
            if let owner = Owner(text) {
                switch owner {
                case .team(let id): return teams.contains { $0.id == id } ? owner : nil
                case .person(let id): return self.people.contains { $0.id == id } ? owner : nil
                case .company: return owner
                }
            }
            return paths.team(at: text).map { .team($0) }
        }

        /// Whether a file's `text` names `title`, in either language, whatever its accents and case.
        static func names(_ title: LocalizedName, _ text: String) -> Bool {
            let folded = Folding.fold(text)
            return Folding.fold(title.vi) == folded || title.en.map { Folding.fold($0) == folded } == true
        }

        /// The id a file gives, when it is well formed and free; otherwise a new one.
        private mutating func newID(_ given: String?, prefix: String) -> String {
            if let given, APIIdentifier.isWellFormed(given), !usedIDs.contains(given) {
                usedIDs.insert(given)
                return given
            }
            var id = NewID.make(prefix)
            while usedIDs.contains(id) { id = NewID.make(prefix) }
            usedIDs.insert(id)
            return id
        }

        /// `objectives` with each one after the objectives of the list it aligns to (or whose KR it aligns to).
        private func parentsFirst(_ objectives: [Objective], objectiveOf: [KeyResultID: ObjectiveID]) -> [Objective] {
            let byID = Dictionary(objectives.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var done: Set<ObjectiveID> = []
            var ordered: [Objective] = []
            func visit(_ objective: Objective, depth: Int) {
                guard !done.contains(objective.id), depth < 64 else { return }
                done.insert(objective.id)
                for link in objective.parents {
                    let parent: ObjectiveID? =
                        switch link.target {
                        case .objective(let id): id
                        case .keyResult(let id): objectiveOf[id]
                        }
                    if let parent, let planned = byID[parent] { visit(planned, depth: depth + 1) }
                }
                ordered.append(objective)
            }
            for objective in objectives { visit(objective, depth: 0) }
            return ordered
        }
    }
}

/// Teams by their path from the company down (`Kinh doanh/Miền Bắc`), as people and spreadsheets name them.
struct TeamPaths {
    private let byID: [TeamID: Team]
    private let children: [TeamID?: [Team]]
    private let root: Team?

    init(_ teams: [Team]) {
        byID = Dictionary(teams.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        children = Dictionary(grouping: teams, by: \.parentID)
        root = teams.first { $0.parentID == nil }
    }

    /// The team at `path` (its first segment may be the company's own name), or the one team with that name.
    func team(at path: String) -> TeamID? {
        var segments = path.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let root, let first = segments.first else { return nil }
        if PeopleImport.sameName(first, root.name) {
            if segments.count == 1 { return root.id }
            segments.removeFirst()
        }
        var current = root
        for segment in segments {
            if let next = children[current.id, default: []].first(where: { PeopleImport.sameName(segment, $0.name) }) {
                current = next
                continue
            }
            guard segments.count == 1 else { return nil }
            let named = byID.values.filter { PeopleImport.sameName(segment, $0.name) }
            return named.count == 1 ? named[0].id : nil
        }
        return current.id
    }

    /// The path of `team` from below the company (`Kinh doanh/Miền Bắc`); the company's own name for the root.
    func path(of team: TeamID) -> String {
        var names: [String] = []
        var current = byID[team]
        while let team = current, team.parentID != nil {
            names.insert(team.name.vi, at: 0)
            current = team.parentID.flatMap { byID[$0] }
            if names.count > 64 { break }
        }
        return names.isEmpty ? (byID[team]?.name.vi ?? team.rawValue) : names.joined(separator: "/")
    }
}
