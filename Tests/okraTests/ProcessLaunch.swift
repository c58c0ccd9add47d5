import Foundation

extension Process {
    private static let launching = NSLock()

    /// `run()`, one launch at a time: Foundation's `Process.run` on Linux crashed (in a `memcpy` inside it) when
    /// two tests launched the binary at the same moment.
    func runAlone() throws {
        try Self.launching.withLock { try run() }
    }
}
