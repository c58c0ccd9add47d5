import ArgumentParser
import Foundation
import Logging
import OKRServer

/// How an operator watches the server: the log's format and `/metrics`. Shared by `serve` and `demo`.
struct OperatorOptions: ParsableArguments {
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "The log's format on standard error: text, or json (one object per line).")
    var logFormat: LogFormat = .text

    @Option(
        help: ArgumentHelp(
            "The bearer token /metrics asks for (also OKRA_METRICS_TOKEN). Without one, /metrics answers only on a "
                + "loopback address and is off on a public one."))
    var metricsToken: String?

    /// Sets up logging and the metrics backend for this process (before the database is opened); returns who may
    /// read `/metrics` on `host`.
    func apply(to configuration: inout ServerConfiguration, host: String) {
        if logFormat == .json {
            LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        }
        let token =
            metricsToken
            ?? ProcessInfo.processInfo.environment["OKRA_METRICS_TOKEN"].flatMap {
                $0.isEmpty ? nil : $0
            }
        configuration.metrics = MetricsAccess.forServer(
            host: host, token: token, registry: OperatorMetrics.bootstrap())
    }
}
