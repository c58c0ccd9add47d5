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

    @OptionGroup var reminders: ReminderOptions

    func run() async throws {
        let logger = makeLogger(default: .info)
        var configuration = ServerConfiguration(host: host, port: port, secureCookies: secureCookies)
        for proxy in trustedProxies where TrustedProxies.Entry(proxy) == nil {
            throw ValidationError("--trusted-proxy \(proxy) is neither an IP address nor a CIDR block")
        }
        configuration.trustedProxies = TrustedProxies(trustedProxies)
        configuration.webhookTargets = WebhookTargets(allowPrivate: allowPrivateWebhooks)
        try reminders.apply(to: &configuration, environment: ProcessInfo.processInfo.environment)
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
