/// What a signed-in user may do to other users and see of other people's work: the one rule that compares
/// the actor's role and scope with the target's. Every user, audit and import route asks it, and the store
/// queries filter by it.
///
/// - An admin manages (creates, enables, disables, resets) only users whose scope lies inside its own
///   (equal or below) and whose role is not above its own: an admin of 52.01 cannot make an admin of 52.
/// - An admin lists only the users of its scope, reads only the audit events of regions in its scope (events
///   without a region — sign-ins of unknown names, refused tokens — only when it is province-wide), and sees
///   only the import batches, reports and rejected rows of uploads made inside its scope.
/// - Anyone else sees only the imports they started themselves.
public struct Oversight: Sendable, Hashable {
    public let role: Role
    public let scope: AccessScope

    public init(role: Role, scope: AccessScope) {
        self.role = role
        self.scope = scope
    }

    /// The whole province (LKKS NTB): the root of the region tree.
    public var isProvinceWide: Bool { scope.region.depth == 1 }

    /// Whether the actor may create, enable, disable or reset the password of a user with `targetRole` scoped to `targetScope`.
    public func mayManage(role targetRole: Role, scope targetScope: RegionCode) -> Bool {
        role.may(.manageUsers) && scope.covers(targetScope) && targetRole.rank <= role.rank
    }

    /// Whether the actor may see a user scoped to `targetScope` in the list of users.
    public func maySeeUser(scopedTo targetScope: RegionCode) -> Bool {
        role.may(.manageUsers) && scope.covers(targetScope)
    }

    /// Whether the actor may read an audit event about `region` (a dotted code, or `nil` for events without one).
    public func maySeeEvent(region: String?) -> Bool {
        guard role.may(.readAudit) else { return false }
        guard let region, let code = try? RegionCode(region) else { return isProvinceWide }
        return scope.covers(code)
    }

    /// Whether the actor may see an import (its batch, report and rejected rows) made by an uploader scoped to
    /// `uploadScope` (`nil`: the command line, province-wide); `ownUpload` when the actor started it.
    public func maySeeImport(uploadScope: RegionCode?, ownUpload: Bool) -> Bool {
        if ownUpload { return true }
        guard role.may(.manageUsers) else { return false }
        guard let uploadScope else { return isProvinceWide }
        return scope.covers(uploadScope)
    }
}
