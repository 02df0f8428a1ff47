import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

extension AppRequestContext {
    /// The signed-in user; routes behind a rule other than `.open` always have one.
    func requireUser() throws(AppError) -> UserRecord {
        guard let user = identity?.user else { throw .signInRequired }
        return user
    }

    /// What the signed-in user oversees (other users, audit events, imports): `Oversight`.
    func requireOversight() throws(AppError) -> Oversight {
        let user = try requireUser()
        return Oversight(role: user.role, scope: user.scope)
    }

    /// Whether counts under 5 must be shown as "<5" (for anyone not signed in too; such requests never get that far).
    var suppressesSmallCells: Bool { identity?.suppressesSmallCells ?? true }

    /// The session's CSRF token for the forms of a page (empty for bearer tokens, which need none).
    var csrfToken: String { identity?.csrfToken ?? "" }

    /// Who audit events of this request are about.
    var auditActor: AuditActor {
        AuditActor(name: identity?.user.username ?? "-", address: AuthenticationMiddleware.address(of: self))
    }
}
