import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// Looks for a session cookie (browsers) or an `Authorization: Bearer` token (partner systems) and puts
/// the user in the context. An unknown or expired cookie is ignored (the page then asks to sign in); a
/// bearer token that does not hold is refused at once with 401. Both leave an audit event, at most
/// `AuditFloodGate.perMinute` per address a minute (the rest are counted).
///
/// Every response to a signed-in user carries `Cache-Control: no-store`: pages, JSON and CSV files of
/// personal data must not stay in a browser's or a proxy's cache.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: SessionStore
    let audit: AuditLog

    static let sessionCookie = "lumbung_sesi"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "), case let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces),
                  let user = try await sessions.user(forToken: token) else {
                try await audit.appendUnauthenticated(context.auditActor, .tokenRejected, target: request.uri.path)
                throw AppError.badToken
            }
            context.identity = Identity(user: user, csrfToken: nil)
        } else if let secret = request.cookies[Self.sessionCookie]?.value, !secret.isEmpty {
            guard let session = try await sessions.session(secret: secret) else {
                // Expired, ended or forged: say so in the audit log and drop the cookie.
                try await audit.appendUnauthenticated(context.auditActor, .sessionRejected, target: request.uri.path)
                var response: Response
                do {
                    response = try await next(request, context)
                } catch AppError.signInRequired where !ErrorMiddleware.isAPI(request) {
                    response = ErrorMiddleware.signInRedirect(request)
                }
                // A sign-in that sent the stale cookie gets its new one; dropping the old one too would sign it out again.
                let setsSession = response.headers[values: .setCookie].contains { $0.hasPrefix(Self.sessionCookie + "=") }
                if !setsSession {
                    response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
                }
                return response
            }
            context.identity = Identity(user: session.user, csrfToken: session.csrfToken)
        }
        guard let identity = context.identity else { return try await next(request, context) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch where request.uri.path.hasPrefix("/static/") {
            // `FileMiddleware` (outside) serves a static file on the router's 404: that error must reach it as it is.
            throw error
        } catch {
            // The error page (drawn outside, by `ErrorMiddleware`) keeps the user's bar and menu.
            throw SignedInError(identity: identity, underlying: error)
        }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The client's address as the server sees it (behind a reverse proxy, the proxy's).
    static func address(of context: Context) -> String {
        context.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// An error raised while serving a signed-in user, carrying who they are to the error page.
struct SignedInError: Error {
    let identity: Identity
    let underlying: any Error
}
