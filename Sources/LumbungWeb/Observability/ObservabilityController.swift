import Foundation
import HTTPTypes
import Hummingbird
import LumbungStore

/// `GET /metrics` (Prometheus text format) and `GET /readyz` (ready to serve: the database answers and its schema is
/// the one this Lumbung knows). `/healthz` (alive) is `HealthController`'s.
struct ObservabilityController {
    let database: Database

    struct Readiness: Encodable {
        let status: String
        let database: String
        let schemaVersion: Int?
        let expectedSchemaVersion: Int
    }

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("metrics", .open) { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: ServerMetrics.text())))
        }
        router.get("readyz", .open) { _, _ -> Response in
            let expected = Migrator.all.last?.id ?? 0
            let schema: Int?
            do {
                schema = try await Migrator.schemaVersion(of: database)
            } catch {
                throw AppError.databaseUnavailable
            }
            let ready = schema == expected
            return JSONBody.response(Readiness(status: ready ? "ready" : "schema_not_current", database: database.engine.rawValue,
                                               schemaVersion: schema, expectedSchemaVersion: expected),
                                     status: ready ? .ok : .serviceUnavailable)
        }
    }
}
