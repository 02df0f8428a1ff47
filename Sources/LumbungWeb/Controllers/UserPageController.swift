import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// `/pengguna`: the admin's list of users, a form to add one, and buttons to disable or enable them.
/// Every change is audited (by the store, in the same transaction). An admin sees and manages only the users
/// of its own scope, with a role not above its own (`Oversight`): anything else is refused with 403 and an
/// `access.denied` event.
struct UserPageController {
    let services: AppServices

    struct Page {
        struct Row {
            let username: String
            let name: String
            let role: String
            let scope: String
            let organisation: String
            let status: String
            let disabled: Bool
        }

        struct RoleOption {
            let value: String
            let label: String
            let selected: Bool
        }

        /// What the admin typed, given back with an error (never the password).
        struct Entered {
            var username = ""
            var name = ""
            var role = ""
            var scope = "52"
            var organisation = ""
        }

        let title: String
        let query = ""
        let csrf: String
        let users: [Row]
        let message: String?
        let error: String?
        let entered: Entered
        let roles: [RoleOption]

        init(csrf: String, users: [Row], message: String?, error: String?, entered: Entered, texts: Catalogue) {
            title = texts["users_title"] + " — Lumbung"
            self.csrf = csrf
            self.users = users
            self.message = message
            self.error = error
            self.entered = entered
            roles = Role.allCases.map { RoleOption(value: $0.rawValue, label: texts["role_\($0.rawValue)"], selected: $0.rawValue == entered.role) }
        }
    }

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("pengguna", .permitted(.manageUsers, region: .none)) { request, context -> Response in
            try await page(context, message: FormQuery.value("pesan", in: request), error: nil, status: .ok)
        }
        router.post("pengguna", .permitted(.manageUsers, region: .none)) { request, context -> Response in
            let form = try await FormQuery.body(request)
            let entered = Page.Entered(username: form["username"] ?? "", name: form["name"] ?? "", role: form["role"] ?? "",
                                       scope: form["scope"] ?? "", organisation: form["organisation"] ?? "")
            guard let role = Role(rawValue: form["role"] ?? "") else {
                return try await page(context, message: nil, error: context.texts["users_pick_role"], status: .badRequest, entered: entered)
            }
            do {
                let user = try await UserStore(database: services.database).add(
                    username: (form["username"] ?? "").trimmingCharacters(in: .whitespaces), displayName: form["name"] ?? "", role: role,
                    scope: form["scope"] ?? "", organisation: form["organisation"].flatMap { $0.isEmpty ? nil : $0 },
                    password: form["password"] ?? "", by: context.auditActor, manager: try context.requireOversight())
                return .redirect(to: "/pengguna?pesan=" + (context.texts("users_added", ["name": user.username]).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            } catch AccessError.outsideOversight(let name, let scope) {
                try await refuse(request, context, username: name, scope: scope)
            } catch let error as AccessError {
                return try await page(context, message: nil, error: error.indonesianDescription, status: .badRequest, entered: entered)
            }
        }
        router.post("pengguna/{username}/status", .permitted(.manageUsers, region: .none)) { request, context -> Response in
            let username = try context.parameters.require("username")
            let form = try await FormQuery.body(request)
            let disable = form["aktif"] != "1"
            guard username != context.identity?.user.username || !disable else {
                return try await page(context, message: nil, error: context.texts["users_not_yourself"], status: .badRequest)
            }
            do {
                try await UserStore(database: services.database).setDisabled(username, disable, by: context.auditActor,
                                                                             manager: try context.requireOversight())
            } catch AccessError.outsideOversight(let name, let scope) {
                try await refuse(request, context, username: name, scope: scope)
            } catch let error as AccessError {
                return try await page(context, message: nil, error: error.indonesianDescription, status: .notFound)
            }
            return .redirect(to: "/pengguna")
        }
    }

    /// A change to a user outside the admin's oversight: audited, then 403 naming the region.
    private func refuse(_ request: Request, _ context: AppRequestContext, username: String, scope: String) async throws -> Never {
        try await services.audit.append(context.auditActor, .accessDenied, region: scope,
                                        target: "\(request.method) \(request.uri.path) (\(username))", outcome: "denied")
        guard let code = try? RegionCode(scope) else { throw AppError.forbidden(try context.requireUser().role, .manageUsers) }
        throw AppError.outOfScope(code, scope: try context.requireUser().scope.region)
    }

    private func page(_ context: AppRequestContext, message: String?, error: String?, status: HTTPResponse.Status,
                      entered: Page.Entered = .init()) async throws -> Response {
        let users = try await UserStore(database: services.database).list(visibleTo: try context.requireOversight())
        let texts = context.texts
        let page = Page(csrf: context.csrfToken, users: users.map {
            Page.Row(username: $0.username, name: $0.displayName, role: texts["role_\($0.role.rawValue)"], scope: $0.scope.region.dotted,
                     organisation: $0.organisation ?? "", status: texts[$0.disabled ? "users_inactive" : "users_active"], disabled: $0.disabled)
        }, message: message, error: error, entered: entered, texts: texts)
        return services.pages.render("pengguna", page, status: status, for: context)
    }
}
