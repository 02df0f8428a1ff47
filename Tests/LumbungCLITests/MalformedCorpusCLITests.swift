import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import Testing

/// Issue 17 item 1: every file of the malformed corpus imported with `lumbung import`, as a user would run it. Each
/// ends with exit 0 and a report, or exit 1 and exactly one line naming the file; never a signal, never a raw control
/// character on the terminal, and the registry is as it was. SQLite takes the whole corpus; PostgreSQL every fifth
/// file (the readers are the same; what PostgreSQL adds is the batch rolled back), to keep CI time down.
@Suite(.serialized) struct MalformedCorpusCLITests {
    /// How long one import may take before the test calls it a hang (not a timing: a watchdog).
    static let watchdogSeconds = 120.0

    @Test(arguments: TestDatabase.engines)
    func every_malformed_file_ends_in_a_report_or_one_message_and_changes_nothing(engine: Database.Engine) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-cli-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try MalformedCorpus.shared()
        #expect(corpus.count >= 200)
        let samples = engine == .sqlite ? corpus : corpus.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
        let created = try await TestDatabase.create(engine)
        let db = ["--database", created.location.urlString]
        #expect(try await LumbungProcess.run(["migrate"] + db).status == 0)
        let database = try await TestDatabase.open(created.location)
        do {
            let before = try await TestDatabase.rowCounts(database)
            #expect(before["family"] != nil || before.count > 5, "\(before.keys.sorted())")
            let rejects = folder.appendingPathComponent("ditolak")
            try FileManager.default.createDirectory(at: rejects, withIntermediateDirectories: true)
            // Twenty files to a command line (one process each would take minutes): each file still gets its own
            // report or its own error line; a chunk that ends in a signal is run again file by file to name the culprit.
            for start in stride(from: 0, to: samples.count, by: Self.chunk) {
                let chunk = Array(samples[start..<min(start + Self.chunk, samples.count)])
                guard let result = try Self.run(["import"] + chunk.map(\.url.path) + ["--rejects", rejects.path] + db) else {
                    Issue.record("files \(chunk.map(\.url.lastPathComponent)): no end after \(Self.watchdogSeconds) s (killed)")
                    continue
                }
                if result.signalled {
                    for sample in chunk {
                        if let alone = try Self.run(["import", sample.url.path, "--rejects", rejects.path] + db), alone.signalled {
                            Issue.record("\(sample.kind) \(sample.url.lastPathComponent): killed by signal \(alone.status): \(alone.stderr.suffix(800))")
                        }
                    }
                    continue
                }
                #expect([0, 1].contains(result.status), "exit \(result.status): \(result.stderr.suffix(800))")
                Self.check(chunk, result)
                let after = try await TestDatabase.rowCounts(database)
                #expect(after == before, "\(chunk.map(\.url.lastPathComponent)) changed the registry: \(after.filter { before[$0.key] != $0.value })")
            }
        } catch {
            await database.close()
            try? await TestDatabase.drop(created)
            throw error
        }
        await database.close()
        try? await TestDatabase.drop(created)
    }

    static let chunk = 20

    /// Each file of `chunk` has exactly one outcome: a report on standard output (its first line starts with the file's
    /// name) or one error line naming it; nothing shows a raw control character, no message runs past 2,000 characters.
    static func check(_ chunk: [MalformedCorpus.Sample], _ result: Result) {
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        // Standard error holds the error lines and, not on a terminal, plain progress lines ("FILE: 100% — 3 rows, …").
        let errors = lines.filter { $0.hasPrefix("error: ") }
        let progress = lines.filter { !$0.hasPrefix("error: ") }
        #expect(progress.allSatisfy { $0.contains("% — ") }, "stray lines on stderr: \(progress.filter { !$0.contains("% — ") }.prefix(3))")
        let reports = result.stdout.split(separator: "\n", omittingEmptySubsequences: true).filter { !$0.hasPrefix(" ") }
        for sample in chunk {
            let name = sample.url.lastPathComponent
            let shown = ShownText.escapingControls(name)
            let failed = errors.filter { $0.contains(shown) }
            let reported = reports.filter { $0.hasPrefix(shown + ":") }
            #expect(failed.count + reported.count == 1, "\(sample.kind) \(name): \(failed.count) errors, \(reported.count) reports")
            #expect(!sample.mustFail || failed.count == 1, "\(sample.kind) \(name) was imported: \(reported.first ?? "")")
            for line in failed {
                #expect(line.hasPrefix("error: ") && line.count < 2_000, "\(sample.kind) \(name): \(line.prefix(500))")
            }
        }
        #expect(errors.count == errors.filter { line in chunk.contains { line.contains(ShownText.escapingControls($0.url.lastPathComponent)) } }.count,
                "an error line naming no file: \(result.stderr.prefix(800))")
        for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            #expect(!text.unicodeScalars.contains(where: ShownText.isHidden), "a raw control character on \(stream) for \(chunk.map(\.url.lastPathComponent))")
        }
    }

    struct Result {
        let status: Int32
        let signalled: Bool
        let stdout: String
        let stderr: String
    }

    /// Runs `lumbung ARGUMENTS`, its output into files (a long message cannot block it), killed after the watchdog; nil then.
    static func run(_ arguments: [String]) throws -> Result? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-run-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = LumbungProcess.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LUMBUNG_DATABASE_URL"] = nil
        process.environment = environment
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try ProcessLaunch.run(process)
        if ended.wait(timeout: .now() + watchdogSeconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
            return nil
        }
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
