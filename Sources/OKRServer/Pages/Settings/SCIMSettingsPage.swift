import Foundation
import OKRCore
import OKRStore

/// The settings page of the directories that provision people through SCIM (admins only): each directory's
/// token, made and revoked here as `okra scim-token` does. A token is shown once, on the answer to the form that
/// made it; the store keeps only its hash.
struct SCIMSettingsPage: Sendable {
    /// A token just made: its directory and, this once, the secret.
    struct Created: Sendable {
        let secret: String
        let directory: SCIMDirectory
    }

    /// Newest first, revoked ones included.
    let directories: [SCIMDirectory]
    /// The URL a directory is given: `https://okr.example.com/scim/v2`.
    let baseURL: String
    /// The organization's time zone, for the days tokens were made and revoked.
    let timeZone: String
    var name = ""
    var error: String?
    var created: Created?

    init(directories: [SCIMDirectory], baseURL: String, timeZone: String) {
        self.directories = directories.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        self.baseURL = baseURL
        self.timeZone = timeZone
    }

    func day(_ date: Date, _ page: Page) -> String {
        page.day(AppEnvironment.day(of: date, in: timeZone))
    }
}
