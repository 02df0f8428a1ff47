import Foundation
import LumbungTestSupport

/// The built `lumbung` executable, run as a user would run it.
struct LumbungProcess {
    struct Result: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable next to the test bundle (`swift build --build-tests` builds both).
    static let executable: URL = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]), Bundle.main.bundleURL]
        candidates += candidates.map { $0.deletingLastPathComponent() }
        for folder in candidates {
            var url = folder
            for _ in 0..<4 {
                let binary = url.appendingPathComponent("lumbung")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return binary
                }
                url = url.deletingLastPathComponent()
            }
        }
        fatalError("the lumbung executable was not built next to the tests; run `swift build --build-tests` first")
    }()

    /// Runs `lumbung ARGUMENTS` to completion, waiting on a thread of its own (see `offPool`).
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) async throws -> Result {
        try await offPool { try runBlocking(arguments, environment: environment, input: input) }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String], input: String?) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LUMBUNG_DATABASE_URL"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try ProcessLaunch.run(process)
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Starts `lumbung ARGUMENTS` in the background, returning the process and its standard output.
    static func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try ProcessLaunch.run(process)
        return (process, out, err)
    }
}

/// Runs blocking work — waiting for a child process, reading its output — on a thread of its own, not on one of Swift
/// concurrency's cooperative threads: there are as many of those as cores (two on CI), and tests that blocked them
/// starved every other test of the process (a PostgreSQL pool that got no connection in 120 s).
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.start()
    }
}

/// One headless-Chromium check at a time across suites: each blocks a cooperative thread while the browser works (its
/// socket is read synchronously), and three at once left no thread for the rest of the tests.
let browserTurns = SetUpLimiter(limit: 1)
