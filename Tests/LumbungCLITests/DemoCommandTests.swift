import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import Testing

/// `lumbung demo` builds a tiny province, prints a login for every role and serves it; the printed
/// passwords sign in, and a second start gives new ones.
@Suite(.serialized) struct DemoCommandTests {
    /// Runs the demo until it prints its URL and returns what it printed before.
    static func startDemo(_ file: String) throws -> (Process, String) {
        let (process, out, _) = try LumbungProcess.start(["demo", "--scale", "0.001", "--region-scale", "52.03=0.001", "--port", "0", "--database", file])
        var printed = ""
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline, !printed.contains("http://") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        return (process, printed)
    }

    static func logins(_ printed: String) -> [String: String] {
        var found: [String: String] = [:]
        for line in printed.split(separator: "\n") {
            let words = line.split(separator: " ")
            if let index = words.firstIndex(where: { $0.hasPrefix("demo-") }), index + 1 < words.count {
                found[String(words[index])] = String(words[index + 1])
            }
        }
        return found
    }

    @Test func the_demo_prints_a_working_login_for_every_role() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("demo.sqlite").path
        let (first, printed) = try Self.startDemo(file)
        first.terminate()
        first.waitUntilExit()
        let logins = Self.logins(printed)
        #expect(Set(logins.keys) == ["demo-admin", "demo-analis", "demo-operator", "demo-mitra", "demo-pembaca"], "\(printed)")
        // The database was built under a temporary name and renamed once complete.
        #expect(FileManager.default.fileExists(atPath: file) && !FileManager.default.fileExists(atPath: file + ".dibuat"))
        let (second, again) = try Self.startDemo(file)
        second.terminate()
        second.waitUntilExit()
        let newLogins = Self.logins(again)
        #expect(newLogins["demo-admin"] != nil && newLogins["demo-admin"] != logins["demo-admin"], "a new password every start")

        let database = try await TestDatabase.open(.sqlite(path: file))
        let signIn = SignIn(database: database)
        guard case .signedIn(let admin) = try await signIn.attempt(username: "demo-admin", password: newLogins["demo-admin"] ?? "", address: "test") else {
            Issue.record("the printed admin password signs in")
            await database.close()
            return
        }
        #expect(admin.role == .admin && admin.scope.region.dotted == "52")
        guard case .wrongCredentials = try await signIn.attempt(username: "demo-admin", password: logins["demo-admin"] ?? "", address: "test") else {
            Issue.record("the first start's password no longer works")
            await database.close()
            return
        }
        await database.close()
    }

    @Test func a_region_scale_that_is_no_kabupaten_or_no_number_is_a_usage_error() async throws {
        for bad in ["52.03.01=1", "53.01=1", "52.03=0", "52.03=lots", "52.03"] {
            let result = try await LumbungProcess.run(["demo", "--region-scale", bad, "--database", "/nonexistent/demo.sqlite"])
            #expect(result.status == 2, "\(bad): \(result.stderr)")
            #expect(result.stderr.contains("52.03"), "\(bad): the message shows how to write it: \(result.stderr)")
        }
    }
}
