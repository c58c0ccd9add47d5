import ArgumentParser
import Foundation
import Logging
import OKRCore
import OKRServer
import OKRStore

/// `okra demo`: creates (or reopens) a SQLite file with a demo organization and serves it on 127.0.0.1.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Serve a demo organization on 127.0.0.1 (SQLite file, created if missing).",
        discussion: """
            The demo holds the mission's Marketing and Sales objectives with their exact key results, a company
            objective they align to, Engineering, personal objectives, weeks of check-ins, initiatives, weekly
            updates, a dependency ask and a KPI, in the current quarter. Every demo account's password is printed.
            """)

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Option(help: "The SQLite file for the demo.")
    var db: String = "okra-demo.db"

    @OptionGroup var reminders: ReminderOptions

    @OptionGroup var operations: OperatorOptions

    @OptionGroup var identity: IdentityOptions

    func run() async throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: port)
        operations.apply(to: &configuration, host: configuration.host)
        let logger = makeLogger(default: .info)
        let database = try await DatabaseOptions.parse(["--db", db]).open(logger: logger)
        do {
            try await serve(OKRStore(database), configuration: configuration, logger: logger)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }

    private func serve(_ store: OKRStore, configuration: ServerConfiguration, logger: Logger) async throws {
        let today = AppEnvironment().today(in: "Asia/Ho_Chi_Minh")
        let hash = try await PasswordHasher().hash(DemoOrganization.password)
        let loaded = try await DemoOrganization(store: store, today: today, passwordHash: hash).loadIfEmpty()
        say(loaded ? "Demo organization created in \(db)." : "Reopened \(db).")
        var configuration = configuration
        try reminders.apply(to: &configuration, environment: ProcessInfo.processInfo.environment)
        try identity.apply(to: &configuration, environment: ProcessInfo.processInfo.environment)
        // The first reminder round logs what it did: run it now, so the address and the sign-in come last.
        await ReminderService(store: store, configuration: configuration, logger: logger).runOnce()
        let app = buildApplication(
            store: store, configuration: configuration, logger: logger,
            onServerRunning: { port in
                say(
                    """

                    Okra demo: http://127.0.0.1:\(port)/
                    Sign in as \(DemoOrganization.adminEmail) with password \(DemoOrganization.password)
                    (other demo accounts: ha@okra.demo lead, nam@okra.demo member, mai@okra.demo viewer; same password)
                    To start the demo afresh, stop it and delete \(db).
                    """)
            })
        try await app.runService()
    }
}
