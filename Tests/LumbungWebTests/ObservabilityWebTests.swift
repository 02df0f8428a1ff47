import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import SQLKit
import Testing

/// `/metrics` is scraped like Prometheus does, and `/readyz` tells a database whose schema is not current.
/// Metrics are per process and other tests run alongside: every check is on an increase, never on a total.
@Suite struct ObservabilityWebTests {
    /// The samples of one metric whose label set contains every `labels` pair, summed.
    static func sample(_ text: String, _ name: String, _ labels: [String: String] = [:]) -> Double {
        var total = 0.0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2, let value = Double(parts[parts.count - 1]) else { continue }
            let series = parts.dropLast().joined(separator: " ")
            let metric = series.split(separator: "{", maxSplits: 1).first.map(String.init) ?? series
            guard metric == name else { continue }
            if labels.allSatisfy({ series.contains("\($0.key)=\"\($0.value)\"") }) { total += value }
        }
        return total
    }

    static func scrape(_ client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/metrics", method: .get, headers: [:]) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            return String(buffer: response.body)
        }
    }

    @Test func metrics_count_requests_by_route_imports_by_outcome_and_audit_events() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, _, _ in
            let before = try await Self.scrape(client)
            for _ in 0..<3 {
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            }
            // A refused sign-in is an audit event; a file that is no spreadsheet ends as a failed import.
            try await client.execute(uri: "/api/v1/regions/52.99", method: .get, headers: [.authorization: "Bearer salah"]) { response in
                #expect(response.status == .unauthorized)
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let broken = folder.appendingPathComponent("kosong.csv")
            try Data().write(to: broken)
            let operatorClient = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let end = try await HostileInputWebTests.importEnd(broken, client: operatorClient)
            #expect(end["state"] as? String == "failed")

            let after = try await Self.scrape(client)
            let health = ["http_route": "/healthz", "http_response_status_code": "200"]
            #expect(Self.sample(after, "hb_requests", health) - Self.sample(before, "hb_requests", health) >= 3)
            #expect(Self.sample(after, "http_server_request_duration_count", health) >= 3)
            #expect(after.contains("http_server_request_duration_bucket{"))
            #expect(Self.sample(after, "lumbung_imports", ["outcome": "failed"]) - Self.sample(before, "lumbung_imports", ["outcome": "failed"]) >= 1)
            #expect(Self.sample(after, "lumbung_audit_events") - Self.sample(before, "lumbung_audit_events") >= 1)
            // Nothing personal in the metrics: no NIK, no user name, no file name.
            #expect(!after.contains("kosong.csv") && !after.contains("r-operator"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func readiness_needs_the_current_schema(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, _, services, _ in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["status"] as? String == "ready")
                #expect(json["schemaVersion"] as? Int == json["expectedSchemaVersion"] as? Int)
            }
            // As if the newest migration had not run.
            try await services.database.transaction { db in
                try await db.raw("DELETE FROM schema_migration WHERE id = (SELECT MAX(id) FROM schema_migration)").run()
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let json = try response.json()
                #expect(json["status"] as? String == "schema_not_current")
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }
}
