import OKRCore

/// The HTML of objective cards already rendered, by objective and language, each kept with the card it was
/// rendered from. A card is returned only for an equal card — the same objective, owner name, numbers,
/// explanations, KRs, last check-ins, initiatives, parents and findings — so a check-in, an edit or a new day
/// is simply another card, rendered afresh. Cards are the bulk of the team and company pages, and most of them
/// do not change between two requests.
enum CardMemo {
    struct Key: Hashable, Sendable {
        let objective: ObjectiveID
        let language: Language
    }

    /// About 3,000 cards of a few kilobytes each.
    private static let memo = BoundedMemo<Key, (card: Overview.ObjectiveCard, html: String)>(limit: 3_000)

    /// The HTML of `card` in `language`, from `render` the first time and after any change.
    static func html(for card: Overview.ObjectiveCard, language: Language, render: () -> String) -> String {
        memo.value(
            for: Key(objective: card.objective.id, language: language), isCurrent: { $0.card == card },
            make: { (card, render()) }
        ).html
    }
}
