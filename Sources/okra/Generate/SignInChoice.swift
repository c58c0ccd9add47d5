import OKRCore

/// The people and pages a benchmark looks at in a generated organization: an admin; the lead of a team of the
/// lowest level whose page in the current cycle holds about 30 objectives (the team's own and its members'); a
/// member of that team who owns KRs; one of that member's KRs; and a published team objective with 3+ KRs.
struct SignInChoice {
    let organization: GeneratedOrganization
    let current: GeneratedCycle

    /// How many objectives a team's page aims to show.
    static let pageObjectives = 30

    func apply(to summary: inout GenerationSummary) {
        let people = organization.people
        summary.admin = people.first { $0.role == .admin }?.email ?? ""
        var onPage = Array(repeating: 0, count: organization.units.count)
        for (index, unit) in current.objectiveUnit.enumerated() where current.objectives[index].state != .archived {
            onPage[unit] += 1
        }
        let candidates = organization.units.indices.filter { index in
            organization.units[index].level == .team && people[organization.units[index].lead].role == .lead
                && member(of: index) != nil
        }
        guard
            let team = candidates.min(by: {
                (abs(onPage[$0] - Self.pageObjectives), $0) < (abs(onPage[$1] - Self.pageObjectives), $1)
            }),
            let member = member(of: team)
        else { return }
        summary.team = organization.units[team].id.rawValue
        summary.lead = people[organization.units[team].lead].email
        summary.member = people[member.person].email
        summary.keyResult = current.keyResults[member.keyResult].id.rawValue
        let published = current.objectives.indices.filter { index in
            let objective = current.objectives[index]
            return current.objectivePerson[index] == nil && objective.state == .published
                && objective.visibility == .organization && current.objectiveKeyResults[index].count >= 3
                && organization.units[current.objectiveUnit[index]].level == .team
        }
        let own = published.first { current.objectiveUnit[$0] == team }
        if let objective = own ?? published.first { summary.objective = current.objectives[objective].id.rawValue }
    }

    /// The first member (role member) of the team who owns a KR of a published objective everyone can see,
    /// with that KR (their own objective's first).
    private func member(of team: Int) -> (person: Int, keyResult: Int)? {
        var found: [Int: Int] = [:]
        for (index, person) in current.keyResultPerson.enumerated() {
            guard let person, organization.people[person].unit == team, organization.people[person].role == .member
            else { continue }
            let objective = current.keyResultObjective[index]
            guard current.objectives[objective].state == .published,
                current.objectives[objective].visibility == .organization
            else { continue }
            guard let earlier = found[person] else {
                found[person] = index
                continue
            }
            let earlierIsOwn = current.objectivePerson[current.keyResultObjective[earlier]] == person
            if !earlierIsOwn && current.objectivePerson[objective] == person { found[person] = index }
        }
        guard let person = found.keys.min(), let keyResult = found[person] else { return nil }
        return (person, keyResult)
    }
}
