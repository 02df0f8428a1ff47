import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// Who may use a route. Every route is registered with one (`GuardedRoutes`); the authorization matrix
/// test walks the router and fails for a route that has none.
public enum AccessRule: Sendable {
    /// Anyone: the sign-in page, health checks.
    case open
    /// Any signed-in user (sign out, the start page).
    case signedIn
    /// A signed-in user whose role has `permission`, and, where the route names a region, whose scope covers it.
    case permitted(Permission, region: RegionSource)

    /// Where a route names the region it is about.
    public enum RegionSource: Sendable {
        case none
        /// A path parameter, e.g. `:code`.
        case path(String)
        /// A query parameter, e.g. `within`; when absent the user's own scope is meant.
        case query(String)
    }

    /// Checks the rule for this request; throws 401 (not signed in), 403 (role or scope) with an audit
    /// event for refusals of signed-in users.
    func check(_ request: Request, _ context: AppRequestContext, tree: RegionTree, audit: AuditLog) async throws {
        guard case .permitted(let permission, let source) = self else {
            if case .signedIn = self, context.identity == nil { throw AppError.signInRequired }
            return
        }
        guard let identity = context.identity else { throw AppError.signInRequired }
        let actor = context.auditActor
        guard identity.user.role.may(permission) else {
            try await audit.append(actor, .accessDenied, region: identity.user.scope.region.dotted, target: "\(request.method) \(request.uri.path)",
                                   outcome: "denied")
            throw AppError.forbidden(identity.user.role, permission)
        }
        let text: String? = switch source {
        case .none: nil
        case .path(let name): context.parameters.get(name)
        case .query(let name): FormQuery.value(name, in: request)
        }
        guard let text, !text.isEmpty else { return }
        // A malformed or unknown code is the handler's 400/404; only a real region outside the scope is refused here.
        guard let code = try? RegionCode(text), tree[code] != nil, !identity.user.scope.covers(code) else { return }
        try await audit.append(actor, .accessDenied, region: code.dotted, target: "\(request.method) \(request.uri.path)", outcome: "denied")
        throw AppError.outOfScope(code, scope: identity.user.scope.region)
    }
}
