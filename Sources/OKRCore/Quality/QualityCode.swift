/// The stable name of each quality rule. The raw values are part of the API and the CLI output
/// (`okra lint`), so they never change once published.
public enum QualityCode: String, Sendable, Codable, CaseIterable, Comparable {
    /// Mission rule 2: at least 2 KRs per objective.
    case tooFewKeyResults = "too_few_key_results"
    /// Mission rule 2: at most 5 KRs per objective.
    case tooManyKeyResults = "too_many_key_results"
    /// A KR is quantitative: it needs a kind and the numbers that kind is measured with.
    case keyResultNotMeasurable = "key_result_not_measurable"
    /// Mission rule 4: a KR is the result of activities, not an activity.
    case keyResultIsActivity = "key_result_is_activity"
    /// Mission rule 9: a KR with no initiative or plan behind it must be removed or replaced.
    case keyResultWithoutInitiative = "key_result_without_initiative"
    /// A KR's validity condition ("with at least 100 responses") does not hold yet.
    case validityConditionNotMet = "validity_condition_not_met"
    /// Someone must answer for the objective every week.
    case objectiveWithoutOwner = "objective_without_owner"
    /// One owner with more objectives than the organization allows loses focus.
    case tooManyObjectivesForOwner = "too_many_objectives_for_owner"
    /// A committed objective is expected at 100%; a KR its owner doubts contradicts that.
    case committedObjectiveLowConfidence = "committed_objective_low_confidence"
    /// An objective is read at a glance; a paragraph is not.
    case objectiveTitleTooLong = "objective_title_too_long"
    /// An objective is a problem to solve or an opportunity, not a project.
    case objectiveReadsAsTask = "objective_reads_as_task"

    public static func < (lhs: QualityCode, rhs: QualityCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
