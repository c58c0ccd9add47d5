import OKRCore

/// The guide's kinds of results that show business value — acquisition, engagement, financial, performance — as
/// key results to start from in the editor. A template fills an empty KR row with its wording, kind and unit; the
/// numbers (from, to) are left for the team to set, so nothing is saved until they are.
struct KeyResultTemplate: Sendable, Equatable {
    enum Group: String, CaseIterable, Sendable {
        case acquisition, engagement, financial, performance

        var title: StringKey {
            switch self {
            case .acquisition: .templatesAcquisition
            case .engagement: .templatesEngagement
            case .financial: .templatesFinancial
            case .performance: .templatesPerformance
            }
        }
    }

    /// `group-name`, as the editor's button sends it.
    let id: String
    let group: Group
    let title: StringKey
    let kind: KeyResult.Kind
    let unit: StringKey

    static let all: [KeyResultTemplate] = [
        .init(
            id: "acquisition-signups", group: .acquisition, title: .templatesSignups, kind: .increase,
            unit: .templatesSignupsUnit),
        .init(
            id: "acquisition-active", group: .acquisition, title: .templatesActiveCustomers, kind: .increase,
            unit: .templatesCustomersUnit),
        .init(
            id: "acquisition-referrals", group: .acquisition, title: .templatesReferrals, kind: .increase,
            unit: .templatesCustomersUnit),
        .init(
            id: "engagement-feature", group: .engagement, title: .templatesFeatureUse, kind: .increase,
            unit: .templatesCustomersUnit),
        .init(
            id: "engagement-open-rate", group: .engagement, title: .templatesOpenRate, kind: .increase,
            unit: .templatesPercentUnit),
        .init(
            id: "financial-transaction", group: .financial, title: .templatesTransactionValue, kind: .increase,
            unit: .templatesMoneyUnit),
        .init(
            id: "financial-ltv", group: .financial, title: .templatesLifetimeValue, kind: .increase,
            unit: .templatesMoneyUnit),
        .init(
            id: "performance-load", group: .performance, title: .templatesPageLoad, kind: .decrease,
            unit: .templatesSecondsUnit),
        .init(
            id: "performance-tickets", group: .performance, title: .templatesBugTickets, kind: .decrease,
            unit: .templatesTicketsUnit),
        .init(
            id: "performance-satisfaction", group: .performance, title: .templatesSatisfaction, kind: .increase,
            unit: .templatesScoreUnit),
    ]

    static func named(_ id: String) -> KeyResultTemplate? { all.first { $0.id == id } }
}

extension ObjectiveEditor.Form {
    /// The form with `template` written into its first empty KR row (a new row after the last when none is
    /// empty), in the page's language.
    func applying(_ template: KeyResultTemplate, _ page: Page) -> Self {
        var form = self
        let row = (0..<rowCount).first { isEmptyRow($0) } ?? rowCount
        form.fields["kr-\(row)-title"] = page.t(template.title)
        form.fields["kr-\(row)-kind"] = template.kind.rawValue
        form.fields["kr-\(row)-unit"] = page.t(template.unit)
        return form
    }
}
