import ArgumentParser
import Foundation
import OKRServer

/// How the operator connects Okra's reminders to the outside: the SMTP server for e-mail and the public address
/// for the links in e-mail and chat. Each option may also come from the environment, so a password need not
/// appear in the process list.
struct ReminderOptions: ParsableArguments {
    @Option(
        name: .customLong("smtp-url"),
        help: "The SMTP server for e-mail reminders, smtp://user:password@host:port (or OKRA_SMTP_URL).")
    var smtpURL: String?

    @Option(help: "The sender of e-mail reminders (or OKRA_SMTP_FROM; default okra@<SMTP host>).")
    var smtpFrom: String?

    @Flag(help: "Upgrade the SMTP connection with STARTTLS before authenticating (or OKRA_SMTP_STARTTLS=1).")
    var smtpStarttls = false

    @Option(
        name: .customLong("public-url"),
        help: "The address people open Okra at, for links in e-mail and chat (or OKRA_PUBLIC_URL).")
    var publicURL: String?

    /// Fills the SMTP and public address settings of `configuration`, options first, then the environment.
    func apply(to configuration: inout ServerConfiguration, environment: [String: String]) throws {
        func value(_ option: String?, _ name: String) -> String? { option.or(environment[name]) }
        if let url = value(smtpURL, "OKRA_SMTP_URL") {
            do {
                configuration.smtp = try SMTPConfiguration(
                    url: url, from: value(smtpFrom, "OKRA_SMTP_FROM"),
                    startTLS: smtpStarttls || environment["OKRA_SMTP_STARTTLS"] == "1")
            } catch {
                throw ValidationError(error.description)
            }
        }
        configuration.publicURL = value(publicURL, "OKRA_PUBLIC_URL")
    }
}

extension Optional where Wrapped == String {
    /// An option's value, else the environment variable's; an empty text counts as none.
    func or(_ environment: String?) -> String? {
        let found = self ?? environment
        return found?.isEmpty == false ? found : nil
    }
}
