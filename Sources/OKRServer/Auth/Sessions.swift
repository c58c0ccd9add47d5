import Foundation
import OKRCore
import OKRStore

/// A person's browser sessions. Each is kept under `session.<token>`, and listed under `sessions.<person>` so
/// that all of them can be ended at once: when the person changes their password (all but the one they changed
/// it from) or an admin sets it (all).
extension SQLPersistDriver {
    static func sessionsKey(_ person: PersonID) -> String { "sessions." + person.rawValue }

    /// Starts a session for `person` and returns its token; expired tokens leave the person's list.
    func startSession(for person: PersonID) async throws -> String {
        let token = Token.random()
        let start = now()
        let expires = start.addingTimeInterval(TimeInterval(SessionMiddleware.sessionLifetime.components.seconds))
        let listKey = Self.sessionsKey(person)
        let session = try JSONEncoder().encode(WebSession(personID: person.rawValue, createdAt: start))
        try await store.persistUpdate(keys: [SessionMiddleware.key(token), listKey], now: start) { current in
            var list = Self.tokens(current[listKey]).filter { $0.value > start }
            list[token] = expires
            return (
                (),
                [
                    SessionMiddleware.key(token): OKRStore.PersistEntry(value: session, expires: expires),
                    listKey: OKRStore.PersistEntry(value: try JSONEncoder().encode(list), expires: expires),
                ]
            )
        }
        return token
    }

    /// Ends every session of `person` except `keeping`, in one transaction with the list of them.
    func endSessions(of person: PersonID, keeping: String? = nil) async throws {
        let listKey = Self.sessionsKey(person)
        try await store.persistUpdate(keys: [listKey], now: now()) { current in
            let list = Self.tokens(current[listKey])
            var entries: [String: OKRStore.PersistEntry?] = [:]
            for token in list.keys where token != keeping { entries[SessionMiddleware.key(token)] = .some(nil) }
            if let keeping, let expires = list[keeping] {
                entries[listKey] = OKRStore.PersistEntry(
                    value: try JSONEncoder().encode([keeping: expires]), expires: expires)
            } else {
                entries[listKey] = .some(nil)
            }
            return ((), entries)
        }
    }

    private static func tokens(_ data: Data?) -> [String: Date] {
        guard let data else { return [:] }
        return (try? JSONDecoder().decode([String: Date].self, from: data)) ?? [:]
    }
}
