import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// `/akun`: who am I (role, region, organisation) and a form to change my own password. Changing it ends
/// every session of the account, this one included.
struct AccountPageController {
    let services: AppServices

    struct Page {
        let title: String
        let query = ""
        let csrf: String
        let username: String
        let name: String
        let role: String
        let scope: String
        let organisation: String?
        let error: String?
    }

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("akun", .signedIn) { _, context -> Response in
            try page(context, error: nil, status: .ok)
        }
        router.post("akun", .signedIn) { request, context -> Response in
            let user = try context.requireUser()
            let form = try await FormQuery.body(request)
            guard let new = form["baru"], new == form["ulang"] else {
                return try page(context, error: context.texts["account_mismatch"], status: .badRequest)
            }
            do {
                try await UserStore(database: services.database).changePassword(user.username, current: form["lama"] ?? "", new: new,
                                                                                by: context.auditActor)
            } catch let error as AccessError {
                return try page(context, error: error.indonesianDescription, status: .badRequest)
            }
            return .redirect(to: "/masuk")
        }
    }

    private func page(_ context: AppRequestContext, error: String?, status: HTTPResponse.Status) throws -> Response {
        let user = try context.requireUser()
        return services.pages.render("akun", Page(title: context.texts["account_title"] + " — Lumbung", csrf: context.csrfToken, username: user.username, name: user.displayName,
                                                  role: context.texts["role_\(user.role.rawValue)"], scope: user.scope.region.dotted, organisation: user.organisation,
                                                  error: error), status: status, for: context)
    }
}
