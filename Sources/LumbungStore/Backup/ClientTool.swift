import Foundation

/// A PostgreSQL client program (`pg_dump`, `pg_restore`) run as a child process, with the password passed in
/// the environment rather than on the command line where `ps` shows it.
struct ClientTool {
    let name: String
    let path: String

    /// `LUMBUNG_PG_BIN`, then `PATH`, then the newest `/usr/lib/postgresql/*/bin` (Debian's layout).
    static func find(_ name: String) throws(BackupError) -> ClientTool {
        let environment = ProcessInfo.processInfo.environment
        var folders: [String] = []
        if let bin = environment["LUMBUNG_PG_BIN"], !bin.isEmpty { folders.append(bin) }
        folders += (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let debian = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        folders += debian.sorted { $0.compare($1, options: .numeric) == .orderedDescending }.map { "/usr/lib/postgresql/\($0)/bin" }
        for folder in folders {
            let candidate = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return ClientTool(name: name, path: candidate) }
        }
        throw .toolMissing(name)
    }

    /// The URL without its password, and the password on its own.
    static func split(url: String) -> (url: String, password: String?) {
        guard var components = URLComponents(string: url), let password = components.password else { return (url, nil) }
        components.password = nil
        return (components.string ?? url, password.removingPercentEncoding ?? password)
    }

    /// Runs the tool to its end; a non-zero exit throws with the last lines it printed.
    func run(_ arguments: [String], password: String?) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("lumbung-\(name)-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let output = try? FileHandle(forWritingTo: log) else {
            throw BackupError.unwritable(log.path, reason: "no temporary file for \(name)'s messages")
        }
        defer { try? FileManager.default.removeItem(at: log) }
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try ChildProcess.launch(process)
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: BackupError.toolFailed(name, status: -1, output: "\(error)"))
            }
        }
        try? output.close()
        guard status == 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let tail = text.split(separator: "\n").suffix(5).joined(separator: " / ")
            throw BackupError.toolFailed(name, status: status, output: String(tail.prefix(2000)))
        }
    }
}
