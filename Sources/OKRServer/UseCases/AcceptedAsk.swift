import OKRCore

/// What accepting a dependency ask puts into the providing team's plan ("if A needs B's help, B must know and
/// plan for it"): an initiative of that team named after the need, due by the agreed date (the counter-proposal's
/// when there was one), linked to the asking KR and to the ask. The API and the ask pages make it the same way.
enum AcceptedAsk {
    static func initiative(for ask: DependencyAsk) throws -> Initiative {
        try Initiative(
            id: initiativeID(ask), title: LocalizedName(vi: title(ask.need)), owner: .team(ask.toTeamID),
            state: .planned, due: ask.counterDue ?? ask.dueBy, keyResultIDs: [ask.keyResultID].compactMap(\.self),
            askID: ask.id)
    }

    static func initiativeID(_ ask: DependencyAsk) -> InitiativeID { InitiativeID("initiative-\(ask.id.rawValue)") }

    /// The need cut to an initiative title's 300 code points, never inside a character.
    static func title(_ need: String) -> String {
        var title = ""
        var scalars = 0
        for character in need {
            scalars += character.unicodeScalars.count
            if scalars > 300 { break }
            title.append(character)
        }
        return title
    }
}
