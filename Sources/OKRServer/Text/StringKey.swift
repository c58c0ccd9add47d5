import OKRCore

/// The keys of the string catalog. Views can only ask for strings that exist here, and the catalog test checks
/// that every key has a text in both languages.
public enum StringKey: String, CaseIterable, Sendable {
    case skipToContent = "skip_to_content"
    case navigation
    case navOverview = "nav.overview"
    case navAlignmentMap = "nav.alignment_map"
    case signOut = "sign_out"
    case signIn = "sign_in"
    case signInTitle = "sign_in.title"
    case signInLead = "sign_in.lead"
    case signInFailed = "sign_in.failed"
    case signInMissing = "sign_in.missing"
    case email
    case password
    case formExpired = "form_expired"
    case notFoundTitle = "not_found.title"
    case notFoundBody = "not_found.body"
    case errorTitle = "error.title"
    case errorBody = "error.body"
    case errorBadForm = "error.bad_form"
    case errorTooLarge = "error.too_large"
    case errorInternal = "error.internal"
    case overviewTitle = "overview.title"
    case cycleDates = "overview.cycle_dates"
    case noObjectives = "overview.no_objectives"
    case noCycle = "overview.no_cycle"
    case cycle
    case show
    case health
    case overallProgress = "overall_progress"
    case expectedAt = "expected_at"
    case whyThisStatus = "why_this_status"
    case progressIs = "progress_is"
    case statusIs = "status_is"
    case policy
    case actualVsExpected = "actual_vs_expected"
    case valueFromTo = "value_from_to"
    case milestoneDone = "milestone.done"
    case milestoneNotDone = "milestone.not_done"
    case baselineNotSet = "baseline.not_set"
    case committed
    case aspirational
    case privateObjective = "private"
    case alignedTo = "aligned_to"
    case progressOf = "progress_of"
    case noKeyResults = "no_key_results"
    case confidence
    case lastCheckIn = "last_check_in"
    case qualityFindings = "quality.findings"
    case severityError = "quality.error"
    case severityWarning = "quality.warning"
    case initiatives
    case cyclePlanning = "cycle.planning"
    case cycleActive = "cycle.active"
    case cycleClosed = "cycle.closed"
    case stateDraft = "objective.draft"
    case stateInReview = "objective.in_review"
    case statePublished = "objective.published"
    case stateClosed = "objective.closed"
    case stateArchived = "objective.archived"
    case initiativePlanned = "initiative.planned"
    case initiativeInProgress = "initiative.in_progress"
    case initiativeDone = "initiative.done"
    case initiativeDropped = "initiative.dropped"
    case mapTitle = "map.title"
    case mapLead = "map.lead"
    case mapExpandAll = "map.expand_all"
    case mapChildren = "map.children"

    init(cycleState: Cycle.State) {
        switch cycleState {
        case .planning: self = .cyclePlanning
        case .active: self = .cycleActive
        case .closed: self = .cycleClosed
        }
    }

    init(objectiveState: Objective.State) {
        switch objectiveState {
        case .draft: self = .stateDraft
        case .inReview: self = .stateInReview
        case .published: self = .statePublished
        case .closed: self = .stateClosed
        case .archived: self = .stateArchived
        }
    }

    init(initiativeState: Initiative.State) {
        switch initiativeState {
        case .planned: self = .initiativePlanned
        case .inProgress: self = .initiativeInProgress
        case .done: self = .initiativeDone
        case .dropped: self = .initiativeDropped
        }
    }
    case apiUnauthorized = "api.unauthorized"
    case apiReadOnlyToken = "api.read_only_token"
    case apiForbidden = "api.forbidden"
    case apiCSRF = "api.csrf"
    case apiUnsupportedMediaType = "api.unsupported_media_type"
    case apiVersionRequired = "api.version_required"
    case apiRouteNotFound = "api.route_not_found"
    case apiInternal = "api.internal"
    case apiNotFound = "api.not_found"
    case apiMalformedJSON = "api.malformed_json"
    case apiBodyNotObject = "api.body_not_object"
    case apiTooLarge = "api.too_large"
    case apiInvalidParameter = "api.invalid_parameter"
    case apiWrongType = "api.wrong_type"
    case apiMethodNotAllowed = "api.method_not_allowed"
    case apiRateLimited = "api.rate_limited"
    case apiVersionConflict = "api.version_conflict"
    case apiDuplicate = "api.duplicate"
    case apiInvalidReference = "api.invalid_reference"
    case apiBadRequest = "api.bad_request"
    case entityObjective = "entity.objective"
    case entityKeyResult = "entity.key_result"
    case entityCycle = "entity.cycle"
    case entityTeam = "entity.team"
    case entityPerson = "entity.person"
    case entityInitiative = "entity.initiative"
    case entityCheckIn = "entity.check_in"
    case entityWeeklyUpdate = "entity.weekly_update"
    case entityAsk = "entity.ask"
    case entityComment = "entity.comment"
    case entityKPI = "entity.kpi"
    case entityToken = "entity.token"
    case entityRecord = "entity.record"
    case apiUnreadableValue = "api.unreadable_value"
    case apiActiveCycleExists = "api.active_cycle_exists"
    case apiCycleFixed = "api.cycle_fixed"
    case navMyWeek = "nav.my_week"
    case navCompany = "nav.company"
    case navMyTeam = "nav.my_team"
    case checkInTitle = "checkin.title"
    case checkInLead = "checkin.lead"
    case checkInNone = "checkin.none"
    case checkInValue = "checkin.value"
    case checkInConfidence = "checkin.confidence"
    case checkInNote = "checkin.note"
    case checkInSkip = "checkin.skip"
    case checkInSubmit = "checkin.submit"
    case checkInErrors = "checkin.errors"
    case checkInNotNumber = "checkin.not_number"
    case checkInConfidenceRange = "checkin.confidence_range"
    case checkInMilestoneRange = "checkin.milestone_range"
    case checkInNoteTooLong = "checkin.note_too_long"
    case checkInNothing = "checkin.nothing"
    case checkInInvalid = "checkin.invalid"
    case checkInNow = "checkin.now"
    case checkInDoneTitle = "checkin.done_title"
    case checkInDoneLead = "checkin.done_lead"
    case checkInDoneNone = "checkin.done_none"
    case checkInAgain = "checkin.again"
    case checkInBackHome = "checkin.back_home"
    case weekTitle = "week.title"
    case weekOf = "week.of"
    case weekMyKeyResults = "week.my_key_results"
    case weekNoKeyResults = "week.no_key_results"
    case weekCheckIn = "week.check_in"
    case weekCheckInAll = "week.check_in_all"
    case weekLastValue = "week.last_value"
    case weekNeverCheckedIn = "week.never_checked_in"
    case weekUpdate = "week.update"
    case weekPlans = "week.plans"
    case weekPlansHint = "week.plans_hint"
    case weekProgress = "week.progress"
    case weekProblems = "week.problems"
    case weekSave = "week.save"
    case weekSaved = "week.saved"
    case weekLinked = "week.linked"
    case weekUnlinked = "week.unlinked"
    case weekUnknownKeyResult = "week.unknown_key_result"
    case weekTooLong = "week.too_long"
    case weekQuestions = "week.questions"
    case weekNoQuestions = "week.no_questions"
    case weekAsks = "week.asks"
    case weekNoAsks = "week.no_asks"
    case weekAskFrom = "week.ask_from"
    case weekStale = "week.stale"
    case weekNoStale = "week.no_stale"
    case weekStaleSince = "week.stale_since"
    case weekOnQuestion = "week.on"
    case weekAskRequested = "week.ask_requested"
    case weekAskCountered = "week.ask_countered"
    case weekAskAccepted = "week.ask_accepted"
    case weekAskDeclined = "week.ask_declined"
    case weekAskDone = "week.ask_done"
    case teamTitle = "team.title"
    case teamUpdates = "team.updates"
    case teamNoUpdates = "team.no_updates"
    case teamAsksIn = "team.asks_in"
    case teamAsksOut = "team.asks_out"
    case teamNoAsks = "team.no_asks"
    case teamAskTo = "team.ask_to"
}
