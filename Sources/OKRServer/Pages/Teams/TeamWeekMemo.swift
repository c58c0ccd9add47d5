import OKRCore
import OKRStore

/// What a team's page reads from the database beside the read model — its people's weekly updates of the
/// week, the asks made by or of the team and what the accepted ones became — kept while only check-ins are
/// committed (`RevisionMemo`).
enum TeamWeekMemo {
    struct Week: Sendable {
        let updates: [WeeklyUpdate]
        let asks: [DependencyAsk]
        /// What accepted (or done) asks became in the plan of the team asked.
        let initiatives: [DependencyAskID: Initiative]
    }

    private struct Key: Hashable, Sendable {
        let generation: ReadModel.Generation
        let team: TeamID
        let week: Day
        let people: [PersonID]
    }

    /// A few hundred teams' weeks of a few kilobytes each.
    private static let memo = RevisionMemo<Key, Week>(limit: 1_000)

    /// The week of `team`, whose people are `people`, starting on `week`.
    static func week(of team: TeamID, people: [PersonID], starting week: Day, store: OKRStore) async throws -> Week {
        let model = store.readModel
        let key = Key(generation: model.generation, team: team, week: week, people: people)
        return try await memo.value(for: key, model: model) {
            let updates = try await store.weeklyUpdates(week: week, people: people)
            let asks = try await store.asks(team: team).map(\.value)
            let accepted = asks.filter { $0.state == .accepted || $0.state == .done }.map(\.id)
            return Week(updates: updates, asks: asks, initiatives: try await store.initiatives(asks: accepted))
        }
    }
}
