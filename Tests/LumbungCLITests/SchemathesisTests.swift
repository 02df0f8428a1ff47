import Foundation
import LumbungTestSupport
import Testing

/// schemathesis (PyPI) against a demo server with an admin token (`Tests/schemathesis/run.sh`): no 5xx and no answer
/// that breaks `/api/v1/openapi.json`, for a bounded number of examples per operation. Skipped where `st` is not
/// installed (`pip install schemathesis`; CI installs it).
@Suite struct SchemathesisTests {
    static var installed: Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sh", "-c", "command -v st"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? ProcessLaunch.run(check)) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }

    @Test(.enabled(if: SchemathesisTests.installed, "schemathesis is not installed: pip install schemathesis"), .timeLimit(.minutes(10)))
    func the_api_keeps_its_contract_under_generated_requests() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", root.appendingPathComponent("Tests/schemathesis/run.sh").path]
        var environment = ProcessInfo.processInfo.environment
        environment["LUMBUNG_BIN"] = LumbungProcess.executable.path
        environment["LUMBUNG_DATABASE_URL"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try ProcessLaunch.run(process)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text.suffix(6000))")
    }
}
