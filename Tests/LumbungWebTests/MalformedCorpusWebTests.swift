import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import NIOCore
import Testing

/// Issue 17 item 1: every file of the malformed corpus uploaded to `POST /api/v1/imports` over real HTTP (a server on
/// a local port). Each upload is accepted (202) and its job ends `done` with a report or `failed` with one Indonesian
/// message naming the file, control characters escaped; the server keeps answering and the registry is as it was.
/// SQLite takes the whole corpus; PostgreSQL every fifth file.
@Suite(.serialized) struct MalformedCorpusWebTests {
    @Test(arguments: TestDatabase.engines)
    func every_malformed_upload_ends_in_a_report_or_one_indonesian_message_and_changes_nothing(engine: Database.Engine) async throws {
        let corpus = try MalformedCorpus.shared()
        let samples = engine == .sqlite ? corpus : corpus.enumerated().filter { $0.offset % 5 == 2 }.map(\.element)
        try await TestDatabase.with(engine) { database in
            // Every file kept until the test ends (failed uploads are kept 24 hours; the default allows 10 a user).
            try await withWebApp(database: database, over: .router, uploadPolicy: UploadPolicy(maxStored: 10_000)) { client in
                let before = try await TestDatabase.rowCounts(database)
                for sample in samples {
                    let name = sample.url.lastPathComponent
                    let done = try await Self.importEnd(sample.url, client: client)
                    let state = done["state"] as? String
                    let message = done["error_indonesian"] as? String ?? done["errorIndonesian"] as? String
                    switch state {
                    case "done":
                        #expect(!sample.mustFail, "\(sample.kind) \(name) was imported")
                    case "failed":
                        let shownName = ShownText.escapingControls(name)
                        #expect(message?.contains(shownName) == true, "\(sample.kind) \(name): \(message ?? "no message")")
                        #expect((message?.count ?? 0) < 2_000, "\(sample.kind) \(name): a message of \(message?.count ?? 0) characters")
                        #expect(message?.unicodeScalars.contains(where: ShownText.isHidden) == false, "\(sample.kind) \(name): a raw control character")
                        #expect(message?.contains("\n") == false, "\(sample.kind) \(name): more than one line")
                    default:
                        Issue.record("\(sample.kind) \(name): ended \(state ?? "never") \(done)")
                    }
                    let after = try await TestDatabase.rowCounts(database)
                    #expect(after == before, "\(sample.kind) \(name) changed the registry: \(after.filter { before[$0.key] != $0.value })")
                }
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    /// Uploads `file` and polls the job until it ends; a watchdog of two minutes turns a hang into a failure.
    static func importEnd(_ file: URL, client: some TestClientProtocol) async throws -> [String: Any] {
        let name = file.lastPathComponent
        let body = try HostileInputWebTests.upload(file, fields: ["as_of": "2025-06-30"])
        let id = try await client.execute(uri: "/api/v1/imports", method: .post,
                                          headers: [.contentType: "multipart/form-data; boundary=\(HostileInputWebTests.boundary)"], body: body) { response in
            #expect(response.status == .accepted, "\(name): \(response.status) \(response.text.prefix(300))")
            return try response.json()["id"] as? String
        }
        guard let id else { return ["state": "refused at upload"] }
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let json = try await client.execute(uri: "/api/v1/imports/\(id)", method: .get) { try $0.json() }
            if json["state"] as? String != "running" { return json }
            try await Task.sleep(for: .milliseconds(50))
        }
        return ["state": "still running after 120 s"]
    }
}
