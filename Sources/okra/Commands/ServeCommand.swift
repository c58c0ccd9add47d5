import ArgumentParser
import Foundation
import Hummingbird
import OKRServer
import OKRStore

/// `okra serve`: runs the web UI and the API on a database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the web UI and the JSON API.",
        discussion: "Migrates the database first. Stop with Ctrl-C (SIGINT) or SIGTERM; requests in flight finish.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Flag(help: "Mark cookies Secure (when Okra is served over HTTPS).")
    var secureCookies = false

    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "A reverse proxy in front of Okra (an address or a CIDR block, e.g. 10.0.0.0/8; repeatable): only "
                + "from it is X-Forwarded-For believed, for sign-in limits. None by default."))
    var trustedProxies: [String] = []

    @Flag(
        help: ArgumentHelp(
            "Let webhooks post to loopback, private and link-local addresses (a receiver inside your own "
                + "network). Refused by default, so that a webhook cannot reach the server's network."))
    var allowPrivateWebhooks = false

    @Option(
        name: .customLong("backup-dir"),
        help: "Take backups into this folder on a schedule (see --backup-every and --backup-keep). None by default.")
    var backupFolder: String?

    @Option(
        name: .customLong("backup-every"),
        help: "How often to take a backup: 24h, 30m, 7d or seconds (with --backup-dir).")
    var backupEvery = "24h"

    @Option(name: .customLong("backup-keep"), help: "How many of the newest backups to keep (with --backup-dir).")
    var backupKeep = 14

    @OptionGroup var reminders: ReminderOptions

    @OptionGroup var operations: OperatorOptions

    @OptionGroup var identity: IdentityOptions

    func validate() throws {
        guard BackupSchedule.interval(backupEvery) != nil else {
            throw ValidationError("--backup-every \(backupEvery) is not a duration like 24h, 30m, 7d or 90s")
        }
        guard backupKeep >= 1 else { throw ValidationError("--backup-keep must be at least 1") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(host: host, port: port, secureCookies: secureCookies)
        operations.apply(to: &configuration, host: host)
        let logger = makeLogger(default: .info)
        for proxy in trustedProxies where TrustedProxies.Entry(proxy) == nil {
            throw ValidationError("--trusted-proxy \(proxy) is neither an IP address nor a CIDR block")
        }
        configuration.trustedProxies = TrustedProxies(trustedProxies)
        configuration.webhookTargets = WebhookTargets(allowPrivate: allowPrivateWebhooks)
        try reminders.apply(to: &configuration, environment: ProcessInfo.processInfo.environment)
        try identity.apply(to: &configuration, environment: ProcessInfo.processInfo.environment)
        if let backupFolder, let every = BackupSchedule.interval(backupEvery) {
            configuration.backups = BackupSchedule(folder: backupFolder, every: every, keep: backupKeep)
        }
        let db = try await database.open(logger: logger)
        let app = buildApplication(
            store: OKRStore(db),
            configuration: configuration,
            logger: logger,
            onServerRunning: { port in
                say("Okra is serving on http://\(host):\(port)/")
            })
        do {
            try await app.runService()
        } catch {
            try? await db.close()
            throw error
        }
        try await db.close()
    }
}
