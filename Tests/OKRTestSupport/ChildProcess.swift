import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`, for the tests: the built binary, Python, an SMTP sink.
///
/// Foundation's `Process.run()` in Swift 6.3.1 reads `/proc/self/fd` with a 256-byte copy of each entry's name
/// and crashes when an entry lies near the end of glibc's buffer (swift-corelibs-foundation#5472, fixed after
/// 6.3.1) — which happens when a test process holds many descriptors, as ours does with every suite running at
/// once. This spawns the same way without that walk: the child closes every descriptor above 2 itself
/// (`posix_spawn_file_actions_addclosefrom_np`).
public final class ChildProcess: @unchecked Sendable {
    public let processIdentifier: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `executable` with `arguments`. Standard input, output and error are the given descriptors (dup'ed
    /// into 0, 1 and 2), or `/dev/null` when nil; `environment` replaces the parent's when given.
    public init(
        executable: String, arguments: [String], environment: [String: String]? = nil,
        currentDirectory: String? = nil, standardInput: Int32? = nil, standardOutput: Int32? = nil,
        standardError: Int32? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, source, mode) in [
            (Int32(0), standardInput, O_RDONLY), (Int32(1), standardOutput, O_WRONLY),
            (Int32(2), standardError, O_WRONLY),
        ] {
            if let source {
                posix_spawn_file_actions_adddup2(&actions, source, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", mode, 0)
            }
        }
        if let currentDirectory {
            guard let chdir = Self.addChdir else { throw Failure(description: "posix_spawn cannot change directory") }
            _ = currentDirectory.withCString { chdir(&actions, $0) }
        }
        guard let closeFrom = Self.addCloseFrom else {
            throw Failure(description: "posix_spawn_file_actions_addclosefrom_np is missing (glibc 2.34 or later)")
        }
        _ = closeFrom(&actions, 3)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp = variables.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }
        // A clean signal state: a test thread may block signals its child would then never receive (SIGTERM).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        processIdentifier = pid
    }

    /// Whether the child is still running (it is reaped once it has ended).
    public var isRunning: Bool {
        lock.withLock {
            guard exitStatus == nil else { return false }
            var status: Int32 = 0
            let reaped = waitpid(processIdentifier, &status, WNOHANG)
            if reaped == processIdentifier { exitStatus = status }
            return reaped == 0
        }
    }

    /// Waits for the child to end.
    public func waitUntilExit() {
        lock.withLock {
            guard exitStatus == nil else { return }
            var status: Int32 = 0
            while waitpid(processIdentifier, &status, 0) == -1 && errno == EINTR {}
            exitStatus = status
        }
    }

    /// The exit code, or the number of the signal that ended the child (as Foundation's `Process` says).
    public var terminationStatus: Int32 {
        waitUntilExit()
        let status = lock.withLock { exitStatus ?? 0 }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : signal
    }

    /// Asks the child to stop (SIGTERM).
    public func terminate() { kill(processIdentifier, SIGTERM) }

    // glibc has both since 2.34 / 2.29, but its headers declare them only for _GNU_SOURCE, which Swift's Glibc
    // module does not define: they are looked up by name.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    private static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let found = dlsym(handle, name) else { return nil }
        return unsafeBitCast(found, to: T.self)
    }
}

extension ChildProcess {
    /// Runs `executable` to the end with `input` on its standard input, and returns its exit status, standard
    /// output and standard error.
    public static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) throws -> (status: Int32, output: Data, errors: Data) {
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        let child = try ChildProcess(
            executable: executable, arguments: arguments, environment: environment, currentDirectory: currentDirectory,
            standardInput: stdin.fileHandleForReading.fileDescriptor,
            standardOutput: stdout.fileHandleForWriting.fileDescriptor,
            standardError: stderr.fileHandleForWriting.fileDescriptor)
        // The parent's copies of the child's ends: without closing them, reading would never see the end.
        try stdin.fileHandleForReading.close()
        try stdout.fileHandleForWriting.close()
        try stderr.fileHandleForWriting.close()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        // Standard error on its own thread, so that a child filling both pipes never blocks.
        let errors = ErrorsReader(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (child.terminationStatus, output, errors.result())
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class ErrorsReader: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func result() -> Data {
            done.wait()
            return data
        }
    }

    /// `name` as the shell would find it on `PATH`, or `name` itself when it is a path.
    public static func resolve(_ name: String) -> String {
        guard !name.contains("/") else { return name }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return name
    }
}
