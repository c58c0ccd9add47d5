import ArgumentParser
import Foundation
import OKRCore
import OKRServer

/// `okra checkin`: the weekly check-in from a terminal, through the JSON API with the person's own token.
///
/// With no key result named it goes through my KRs one by one, asking for the value now, confidence and one
/// line why, and records each answer as soon as it is given (Enter skips a KR). With a KR and a value it
/// records that one check-in and nothing else, for scripts. `--list` prints my KRs and where they stand.
struct CheckInCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin",
        abstract: "Check in on your key results from a terminal, through the API with your token.",
        discussion: """
            Interactive:      okra checkin --server https://okr.example.vn --token …
            One KR (scripts): okra checkin kr-mkt-email 125 --confidence 7 --note "webinar tuần này"
            The server and token can also come from OKRA_URL and OKRA_TOKEN (make one with `okra token create`).
            Exit codes: 0 recorded, 1 the server refused a check-in, 2 cannot run (usage, token, connection).
            """)

    @Argument(help: "The id of one key result to check in on (with VALUE); omit both to be asked.")
    var keyResult: String?

    @Argument(help: "The value now, as you would type it (\"1.234,5\" and \"1,234.5\" both read).")
    var value: String?

    @Option(help: "Confidence 0–10 that the KR will be reached.")
    var confidence: Int?

    @Option(help: "One line why.")
    var note: String?

    @Option(help: "The server's address (default: OKRA_URL, else http://127.0.0.1:8080).")
    var server: String?

    @Option(help: "Your API token (default: OKRA_TOKEN).")
    var token: String?

    @Option(help: "A cycle id (default: the active cycle).")
    var cycle: String?

    @Flag(help: "Only list your key results and where they stand.")
    var list = false

    @Option(name: .long, help: "Language: vi or en (default: from LANG, else vi).")
    var lang: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let language = try Language.chosen(lang, environment: environment)
        var terminal = Terminal(language: language)
        guard let secret = token ?? environment["OKRA_TOKEN"], !secret.isEmpty else {
            terminal.fail(.cliCheckinNoToken)
            throw ExitCode(2)
        }
        let address = server ?? environment["OKRA_URL"] ?? "http://127.0.0.1:8080"
        guard let base = URL(string: address), let scheme = base.scheme, ["http", "https"].contains(scheme) else {
            terminal.fail(.cliCheckinBadServer, ["url": address])
            throw ExitCode(2)
        }
        let api = OkraAPIConnection(base: base, token: secret, language: language)
        do {
            if let keyResult {
                guard let value else {
                    terminal.fail(.cliCheckinValueMissing, ["id": keyResult])
                    throw ExitCode(2)
                }
                try await checkInOnce(keyResult, value, api: api, terminal: &terminal)
            } else if list {
                let rows = try await myKeyResults(api)
                terminal.listing(rows)
            } else {
                try await askForEach(try await myKeyResults(api), api: api, terminal: &terminal)
            }
        } catch let failure as OkraAPIConnection.Failure {
            switch failure {
            case .unreachable(let reason): terminal.fail(.cliCheckinUnreachable, ["url": address, "reason": reason])
            case .refused(_, _, let message, _): terminal.fail(.cliCheckinRefused, ["message": message])
            }
            throw ExitCode(2)
        }
    }

    /// Every page of `GET /me/key-results`.
    private func myKeyResults(_ api: OkraAPIConnection) async throws(OkraAPIConnection.Failure) -> [MyKeyResultRow] {
        var rows: [MyKeyResultRow] = []
        var cursor: String?
        repeat {
            var query = ["limit": "200"]
            if let cycle { query["cycle"] = cycle }
            if let cursor { query["cursor"] = cursor }
            let page = try await api.get("/me/key-results", query: query)
            rows += (page["data"] as? [[String: Any]] ?? []).compactMap(MyKeyResultRow.init)
            cursor = page["next_cursor"] as? String
        } while cursor != nil
        return rows
    }

    /// `okra checkin KR VALUE`: one check-in, for scripts. A refusal by the server is exit code 1.
    private func checkInOnce(_ id: String, _ typed: String, api: OkraAPIConnection, terminal: inout Terminal)
        async throws
    {
        guard let number = TypedNumber.parse(typed) else {
            terminal.fail(.cliCheckinNotNumber, ["text": typed])
            throw ExitCode(2)
        }
        if let confidence, !(0...10).contains(confidence) {
            terminal.fail(.cliCheckinConfidenceRange)
            throw ExitCode(2)
        }
        let answer: [String: Any]
        do {
            answer = try await api.post(
                "/key-results/\(id)/check-ins", body: Self.body(number, confidence: confidence, note: note))
        } catch {
            guard let message = Self.refusal(error, statuses: [400, 403, 404, 409, 422]) else { throw error }
            terminal.fail(.cliCheckinRejected, ["id": id, "message": message])
            throw ExitCode(1)
        }
        terminal.recorded(answer)
    }

    /// The server's message when `error` is a refusal with one of `statuses`; nil for anything else.
    static func refusal(_ error: any Error, statuses: Set<Int>) -> String? {
        guard case .refused(let status, _, let message, _) = error as? OkraAPIConnection.Failure,
            statuses.contains(status)
        else { return nil }
        return message
    }

    /// The interactive round: each KR in turn, recorded as soon as it is answered.
    private func askForEach(_ rows: [MyKeyResultRow], api: OkraAPIConnection, terminal: inout Terminal) async throws {
        guard !rows.isEmpty else {
            terminal.say(.cliCheckinNone)
            return
        }
        terminal.say(.cliCheckinHeader, ["count": String(rows.count)])
        var recorded = 0
        rounds: for (index, row) in rows.enumerated() {
            terminal.introduce(row, position: index + 1, of: rows.count)
            while true {
                guard let typed = terminal.ask(.cliCheckinAskValue) else { break rounds }
                if typed.isEmpty { break }
                guard let number = TypedNumber.parse(typed) else {
                    terminal.say(.cliCheckinNotNumber, ["text": typed])
                    continue
                }
                guard case .given(let level) = terminal.askConfidence(default: row.confidence) else { break rounds }
                guard let why = terminal.ask(.cliCheckinAskNote) else { break rounds }
                let answer: [String: Any]
                do {
                    answer = try await api.post(
                        "/key-results/\(row.id)/check-ins",
                        body: Self.body(number, confidence: level, note: why.isEmpty ? nil : why))
                } catch {
                    // The server's reason (a milestone takes 0 or 1, a value below the floor…): ask again.
                    guard let message = Self.refusal(error, statuses: [409, 422]) else { throw error }
                    terminal.say(.cliCheckinRefused, ["message": message])
                    continue
                }
                terminal.recorded(answer)
                recorded += 1
                break
            }
        }
        terminal.say(recorded == 0 ? .cliCheckinNothing : .cliCheckinSummary, ["count": String(recorded)])
    }

    static func body(_ value: Decimal, confidence: Int?, note: String?) -> [String: Any] {
        var body: [String: Any] = ["value": NSDecimalNumber(decimal: value)]
        if let confidence { body["confidence"] = confidence }
        if let note, !note.isEmpty { body["note"] = note }
        return body
    }
}

/// What `okra checkin` says and asks, in the chosen language, unbuffered so prompts and answers interleave
/// the same way on a terminal and through a pipe.
struct Terminal {
    let language: Language
    private let strings = Strings.shipped

    init(language: Language) {
        self.language = language
    }

    func text(_ key: StringKey, _ values: [String: String] = [:]) -> String {
        strings.text(key, language, values)
    }

    func say(_ key: StringKey, _ values: [String: String] = [:]) {
        write(text(key, values) + "\n")
    }

    func fail(_ key: StringKey, _ values: [String: String] = [:]) {
        FileHandle.standardError.write(Data((text(key, values) + "\n").utf8))
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// One answer, trimmed; nil at the end of input.
    mutating func ask(_ key: StringKey, _ values: [String: String] = [:]) -> String? {
        write(text(key, values))
        return readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces)
    }

    enum ConfidenceAnswer {
        /// A level, or none when Enter was pressed and no earlier confidence exists.
        case given(Int?)
        case endOfInput
    }

    /// Confidence 0–10, Enter keeping the last one given.
    mutating func askConfidence(default last: Int?) -> ConfidenceAnswer {
        while true {
            guard let typed = ask(.cliCheckinAskConfidence, ["current": last.map(String.init) ?? "—"]) else {
                return .endOfInput
            }
            if typed.isEmpty { return .given(last) }
            if let level = Int(typed), (0...10).contains(level) { return .given(level) }
            say(.cliCheckinConfidenceRange)
        }
    }

    func introduce(_ row: MyKeyResultRow, position: Int, of total: Int) {
        write("\n")
        say(.cliCheckinKeyResult, ["n": String(position), "total": String(total), "title": row.title.text(language)])
        say(
            .cliCheckinStanding,
            [
                "objective": row.objectiveTitle.text(language), "standing": row.standing(language),
                "progress": Percent.text(row.progress, language),
                "status": row.status?.label.text(language) ?? "—",
            ])
    }

    func listing(_ rows: [MyKeyResultRow]) {
        guard !rows.isEmpty else { return say(.cliCheckinNone) }
        for row in rows {
            write(
                [
                    row.id, row.title.text(language), row.standing(language), Percent.text(row.progress, language),
                    row.status?.label.text(language) ?? "—",
                ].joined(separator: "\t") + "\n")
        }
    }

    /// The answer of a check-in: the KR's new progress and status.
    func recorded(_ answer: [String: Any]) {
        let kr = answer["key_result"] as? [String: Any] ?? [:]
        let title = MyKeyResultRow.LocalizedTitle(
            vi: kr["title"] as? String ?? "", en: kr["title_en"] as? String)
        let progress = MyKeyResultRow.decimal(kr["progress"]) ?? 0
        let status = (kr["status"] as? String).flatMap(Status.init(rawValue:))
        say(
            .cliCheckinRecorded,
            [
                "title": title.text(language), "progress": Percent.text(progress, language),
                "status": status?.label.text(language) ?? "—",
            ])
    }
}
