import OKRCore
import OKRStore

/// The HTML of objective cards already rendered, by objective and language. Cards are the bulk of the team and
/// company pages, and most of them do not change between two requests.
///
/// A card of a stored objective is kept with its *stamp*: the versions of what it is made of (the objective, its
/// KRs — a check-in is a new version of its KR —, their initiatives and the objectives or KRs it aligns to, as the
/// viewer sees them), its owner's name and objective count, its child count and the scores. While the stamp is
/// the same the kept HTML is returned without building the card; a check-in, an edit or a new day is another
/// stamp, and the card is built and rendered afresh. A card built elsewhere (the overview's) is kept with the
/// card itself and returned only for an equal card.
enum CardMemo {
    struct Key: Hashable, Sendable {
        /// The read model's generation: another store, or everything reloaded, is another card (nil for a card
        /// kept by its content, which it is compared with).
        let generation: ReadModel.Generation?
        let objective: ObjectiveID
        let language: Language
    }

    /// What a stored objective's card is made of, without building it.
    struct Stamp: Equatable, Sendable {
        /// The objective's, KRs' and initiatives' ids and versions, the owner's name and objective count.
        let findings: FindingsMemo.Stored
        /// The version of each objective or KR it aligns to; nil for one the viewer may not see.
        let parents: [Int?]
        let childCount: Int
        /// The objective's score, its KRs' scores in it.
        let score: Scorecard.ObjectiveScore
        /// Which KRs' sparklines were read (a card built before a KR's were is built again once they are).
        let sparklines: [Bool]

        init(_ entry: Versioned<Objective>, report: CycleReport, score: Scorecard.ObjectiveScore, language: Language) {
            let objective = entry.value
            let keyResults = report.keyResults(of: objective.id)
            findings = report.findingsKey(
                entry, keyResults: keyResults, initiatives: keyResults.flatMap { report.initiatives(of: $0.value.id) },
                language: language)
            parents = objective.parents.map { link in
                switch link.target {
                case .objective(let id): report.objective(id)?.version
                case .keyResult(let id): report.keyResult(id)?.keyResult.version
                }
            }
            childCount = report.children(of: objective.id).count
            self.score = score
            sparklines = keyResults.map { Sparkline.points($0, in: report) != nil }
        }
    }

    /// About 3,000 cards of a few kilobytes each, for each of the two ways in.
    private static let stamped = BoundedMemo<Key, (stamp: Stamp, html: String)>(limit: 3_000)
    private static let built = BoundedMemo<Key, (card: Overview.ObjectiveCard, html: String)>(limit: 3_000)

    /// The HTML of the card of `entry`, a stored objective of `report`, from `render` the first time and after
    /// any change of its stamp; nil when the objective has no score (not in the report's cycle).
    static func html(
        _ entry: Versioned<Objective>, report: CycleReport, language: Language,
        render: (Overview.ObjectiveCard) -> String
    ) -> String? {
        guard let score = report.score(entry.value.id) else { return nil }
        let key = Key(generation: report.snapshot.generation, objective: entry.value.id, language: language)
        let stamp = Stamp(entry, report: report, score: score, language: language)
        if let kept = stamped.kept(for: key), kept.stamp == stamp { return kept.html }
        guard let card = Overview.card(entry.value, report: report, language: language) else { return nil }
        let html = render(card)
        stamped.keep((stamp, html), for: key)
        return html
    }

    /// The HTML of `card` in `language`, from `render` the first time and after any change.
    static func html(for card: Overview.ObjectiveCard, language: Language, render: () -> String) -> String {
        built.value(
            for: Key(generation: nil, objective: card.objective.id, language: language), isCurrent: { $0.card == card },
            make: { (card, render()) }
        ).html
    }
}
