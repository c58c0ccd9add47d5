import Foundation
import HTTPTypes
import Hummingbird

/// What an action just did, said once at the top of the next page ("Objective published"). A redirect names one of
/// these cases — never free text, so nothing can be slipped in — and the session middleware turns it into a
/// short-lived cookie; the next page reads it, shows it in a status region and clears it.
public enum Flash: String, Sendable, CaseIterable {
    case objectiveSaved = "objective_saved"
    case objectivePublished = "objective_published"
    case objectiveSubmitted = "objective_submitted"
    case objectiveMoved = "objective_moved"
    case commentAdded = "comment_added"
    case askSent = "ask_sent"
    case askAccepted = "ask_accepted"
    case askDeclined = "ask_declined"
    case askCountered = "ask_countered"
    case askDone = "ask_done"
    case weekSaved = "week_saved"
    case briefSaved = "brief_saved"
    case kpiSaved = "kpi_saved"
    case kpiValueRecorded = "kpi_value_recorded"
    case gradeSaved = "grade_saved"
    case retrospectiveSaved = "retrospective_saved"
    case objectiveCarried = "objective_carried"

    static let cookie = "okra_flash"
    /// The header a handler's redirect carries for the middleware (never sent to the browser).
    static let header = HTTPField.Name("X-Okra-Flash")!

    /// A 303 to `location` whose page says what happened.
    func redirect(to location: String) -> Response {
        var response = Response.redirect(to: location, type: .normal)
        response.headers[Self.header] = rawValue
        return response
    }

    var text: StringKey {
        switch self {
        case .objectiveSaved: return .flashObjectiveSaved
        case .objectivePublished: return .flashObjectivePublished
        case .objectiveSubmitted: return .flashObjectiveSubmitted
        case .objectiveMoved: return .flashObjectiveMoved
        case .commentAdded: return .flashCommentAdded
        case .askSent: return .flashAskSent
        case .askAccepted: return .flashAskAccepted
        case .askDeclined: return .flashAskDeclined
        case .askCountered: return .flashAskCountered
        case .askDone: return .flashAskDone
        case .weekSaved: return .flashWeekSaved
        case .briefSaved: return .flashBriefSaved
        case .kpiSaved: return .flashKPISaved
        case .kpiValueRecorded: return .flashKPIValueRecorded
        case .gradeSaved: return .flashGradeSaved
        case .retrospectiveSaved: return .flashRetrospectiveSaved
        case .objectiveCarried: return .flashObjectiveCarried
        }
    }

    /// The middleware's part: the flash a response names becomes the cookie (with the session cookies' flags), and
    /// a page shown while one was pending clears it, so it is said once.
    static func carry(_ response: inout Response, pending: Flash?, secure: Bool) {
        if let named = response.headers[header] {
            response.headers[header] = nil
            response.setCookie(
                Cookie(
                    name: cookie, value: named, maxAge: 120, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
        } else if pending != nil, response.status == .ok,
            response.headers[.contentType]?.hasPrefix("text/html") == true
        {
            response.setCookie(
                Cookie(name: cookie, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
        }
    }
}
