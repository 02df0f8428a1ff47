import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// The rule of every route, by method and path (`GET /wilayah/{code}`), as registered. Written only while
/// the router is built (before the server starts), read-only afterwards.
public final class RuleBook: @unchecked Sendable {
    public private(set) var rules: [String: AccessRule] = [:]

    fileprivate func record(_ method: HTTPRequest.Method, _ path: String, _ rule: AccessRule) {
        let key = "\(method) \(RouterPath(path))"
        precondition(rules[key] == nil, "route \(key) registered twice")
        rules[key] = rule
    }

    /// The rule of a route as the router describes it (`GET /api/v1/regions/{code}`).
    public func rule(for description: String) -> AccessRule? { rules[description] }
}

/// Registers routes on a router or group only together with their access rule, and checks the rule
/// before the handler runs.
struct GuardedRoutes<Methods: RouterMethods<AppRequestContext>> {
    let methods: Methods
    /// The group's path prefix (`api/v1`), for the rule book.
    let prefix: String
    let services: AppServices

    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    func get(_ path: String, _ rule: AccessRule, _ handler: @escaping Handler) { add(.get, path, rule, handler) }
    func post(_ path: String, _ rule: AccessRule, _ handler: @escaping Handler) { add(.post, path, rule, handler) }

    private func add(_ method: HTTPRequest.Method, _ path: String, _ rule: AccessRule, _ handler: @escaping Handler) {
        services.rules.record(method, prefix.isEmpty ? path : "\(prefix)/\(path)", rule)
        let services = self.services
        methods.on(RouterPath(path), method: method) { request, context in
            try await rule.check(request, context, tree: services.regions, audit: services.audit)
            if method == .post {
                do {
                    try CSRFCheck.verify(request, context)
                } catch {
                    try await services.audit.append(context.auditActor, .csrfRejected, region: context.identity?.user.scope.region.dotted,
                                                    target: "\(method) \(request.uri.path)", outcome: "denied")
                    throw error
                }
            }
            return try await handler(request, context)
        }
    }
}

/// A form or call that changes something, sent with a session cookie, must carry the session's CSRF token
/// (the `csrf` query parameter of the form's action, or an `X-CSRF-Token` header). Bearer-token calls need
/// none: browsers never attach those on their own. The sign-in form checks its own token.
enum CSRFCheck {
    static func verify(_ request: Request, _ context: AppRequestContext) throws {
        guard let identity = context.identity, let expected = identity.csrfToken else { return }
        let sent = request.headers[.csrfToken] ?? FormQuery.value("csrf", in: request)
        guard let sent, constantTimeEqual(sent, expected) else { throw AppError.csrfRejected }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension HTTPField.Name {
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}
