import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import LumbungStore
import LumbungTestSupport
import LumbungWeb

/// Runs `body` against the real Lumbung application on a freshly migrated database, without a socket.
func withWebApp(
    _ engine: Database.Engine = .sqlite,
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await TestDatabase.with(engine) { database in
        let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("uploads-\(UUID())")
        defer { try? FileManager.default.removeItem(at: uploads) }
        let services = try await AppServices.load(database: database, uploadFolder: uploads)
        let app = buildApplication(configuration: .init(host: "127.0.0.1", port: 0), services: services, logger: TestDatabase.logger)
        try await app.test(.router, body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}
