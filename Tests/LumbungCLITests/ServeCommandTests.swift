import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LumbungStore
import LumbungTestSupport
import Testing

@Suite(.serialized) struct ServeCommandTests {
    /// Starts `lumbung serve --port 0`, waits for the line with the URL, and returns the process and its base URL.
    private func startServer(database: String) throws -> (Process, URL, Pipe) {
        let (process, out, err) = try LumbungProcess.start(["serve", "--port", "0", "--database", database, "--log-level", "warning"])
        var buffer = Data()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            let text = String(decoding: buffer, as: UTF8.self)
            if let range = text.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression) {
                return (process, URL(string: String(text[range]))!, err)
            }
        }
        process.terminate()
        Issue.record("serve printed no URL: \(String(decoding: buffer, as: UTF8.self))")
        throw CancellationError()
    }

    private func get(_ url: URL, token: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: url)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func serve_answers_over_real_http_and_stops_cleanly_on_sigterm() async throws {
        let created = try await TestDatabase.create(.sqlite)
        let (process, base, _) = try startServer(database: created.location.urlString)
        let (status, body) = try await get(base.appendingPathComponent("healthz"))
        #expect(status == 200)
        #expect(body == #"{"database":"sqlite","status":"ok"}"#)
        // Pages need a signed-in user: without one the sign-in form answers.
        let (_, anonymous) = try await get(base.appendingPathComponent("wilayah/52.03"))
        #expect(anonymous.contains("<h1>Masuk</h1>") && !anonymous.contains("Kabupaten Lombok Timur</h1>"))
        let db = ["--database", created.location.urlString]
        _ = try await LumbungProcess.run(["user", "add", "budi", "--name", "Budi", "--role", "viewer"] + db, input: "kopi-manis-2026\n")
        let token = try #require(try await LumbungProcess.run(["user", "token", "budi"] + db).stdout.split(separator: "\n").last.map(String.init))
        let (pageStatus, page) = try await get(base.appendingPathComponent("wilayah/52.03"), token: token)
        #expect(pageStatus == 200)
        #expect(page.contains("<h1>Kabupaten Lombok Timur</h1>"))

        // A second server on the same port fails with one clear line.
        let port = base.port!
        let clash = try await LumbungProcess.run(["serve", "--port", "\(port)", "--database", created.location.urlString, "--log-level", "error"])
        #expect(clash.status == 1)
        #expect(clash.stderr.contains("error: Port \(port) on 127.0.0.1 is already in use"))

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try await TestDatabase.drop(created)
    }

    @Test func an_impossible_port_is_a_usage_error() async throws {
        let result = try await LumbungProcess.run(["serve", "--port", "70000"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Port 70000 is out of range"))
    }
}
