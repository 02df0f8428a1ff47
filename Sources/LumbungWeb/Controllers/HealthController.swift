import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// `GET /healthz`: 200 when the database answers, 503 when it does not (for load balancers and monitors).
struct HealthController {
    let database: Database

    struct Health: Encodable {
        let status: String
        let database: String
    }

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("healthz", .open) { _, _ -> Response in
            do {
                try await database.ping()
            } catch {
                throw AppError.databaseUnavailable
            }
            return JSONBody.response(Health(status: "ok", database: database.engine.rawValue))
        }
    }
}
