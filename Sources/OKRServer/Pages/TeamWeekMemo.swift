import OKRCore
import OKRStore

/// What a team's page reads from the database beside the read model — its people's weekly updates of the
/// week, the asks made by or of the team and what the accepted ones became — kept between requests while the
/// read model's `revision` says no commit but check-ins happened since it was read. Check-ins, the bulk of the
/// writes, leave it kept; any other commit (an update, an ask, an initiative, a person) reads it again.
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
    private static let memo = BoundedMemo<Key, (revision: Int, week: Week)>(limit: 1_000)

    /// The week of `team`, whose people are `people`, starting on `week`.
    static func week(of team: TeamID, people: [PersonID], starting week: Day, store: OKRStore) async throws -> Week {
        // The revision is taken before reading: a commit while reading raises it, and the next request reads again.
        let revision = store.readModel.revision
        let key = Key(generation: store.readModel.generation, team: team, week: week, people: people)
        if let kept = memo.kept(for: key), kept.revision == revision { return kept.week }
        let updates = try await store.weeklyUpdates(week: week, people: people)
        let asks = try await store.asks(team: team).map(\.value)
        let accepted = asks.filter { $0.state == .accepted || $0.state == .done }.map(\.id)
        let made = Week(updates: updates, asks: asks, initiatives: try await store.initiatives(asks: accepted))
        memo.keep((revision, made), for: key)
        return made
    }
}
