import Foundation
import Logging
import OKRStore
import ServiceLifecycle

/// The background service that runs a `ReminderRound` about once a minute until the server shuts down. The
/// clock comes from the `AppEnvironment`, so tests run rounds at any instant they like.
public struct ReminderService: Service {
    let round: ReminderRound
    let environment: AppEnvironment
    let interval: Duration

    public init(
        store: OKRStore, configuration: ServerConfiguration, environment: AppEnvironment = AppEnvironment(),
        logger: Logger = Logger(label: "okra.reminders"), interval: Duration = .seconds(60)
    ) {
        self.round = ReminderRound(
            store: store, mailer: configuration.smtp.map { SMTPClient(configuration: $0) }, chat: ChatWebhook(),
            publicURL: configuration.publicBaseURL, strings: .shipped, logger: logger)
        self.environment = environment
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await runOnce()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// One round now, logged when it did something (`okra demo` runs one before it starts serving, so what it
    /// prints last is the address and the sign-in, not the first round's log line).
    public func runOnce() async {
        do {
            let outcome = try await round.run(at: environment.now())
            WorkMetrics.remindersSent("app", outcome.remindedInApp.count)
            WorkMetrics.remindersSent("email", outcome.emailed.count)
            WorkMetrics.remindersSent("chat", outcome.chatPosted ? 1 : 0)
            if outcome != ReminderRound.Outcome() {
                round.logger.info(
                    "reminders: \(outcome.remindedInApp.count) in the app, \(outcome.emailed.count) by e-mail, chat \(outcome.chatPosted), \(outcome.staleNotices) stale, \(outcome.mentionNotices) mentions"
                )
            }
        } catch {
            WorkMetrics.reminderRoundsFailed.increment()
            round.logger.error("reminder round failed: \(error)")
        }
    }
}
