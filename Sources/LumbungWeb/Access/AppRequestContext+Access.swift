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

    /// Who audit events of this request are about.
    var auditActor: AuditActor {
        AuditActor(name: identity?.user.username ?? "-", address: AuthenticationMiddleware.address(of: self))
    }
}
