import LumbungDomain

/// A person who signs in to Lumbung, without their password hash.
public struct UserRecord: Sendable, Hashable, Codable {
    public let id: Int
    public let username: String
    public let displayName: String
    public let role: Role
    /// Their region scope: the region and everything below it.
    public let scope: AccessScope
    /// The organisation a partner belongs to (an NGO, a university, BAZNAS…).
    public let organisation: String?
    public let disabled: Bool
    /// The language of their pages: `id` (Bahasa Indonesia) or `en`.
    public let language: String
}

/// Why a user change was refused.
public enum AccessError: Error, Equatable, Sendable, CustomStringConvertible {
    case usernameTaken(String)
    case unknownUser(String)
    case weakPassword(PasswordPolicy.Weakness)
    /// The acting admin may not manage this user: their scope lies outside the admin's, or their role is above it.
    case outsideOversight(username: String, scope: String)
    case badUsername(String)
    case unknownScope(String)
    case partnerWithoutOrganisation
    case unknownToken(Int)
    case wrongPassword
    /// Too many password checks at once; nothing was changed.
    case busy

    public var description: String {
        switch self {
        case .usernameTaken(let name): "The username '\(name)' is taken."
        case .unknownUser(let name): "There is no user '\(name)'."
        case .weakPassword(let reason): "The password is too weak: \(reason.english)."
        case .outsideOversight(let name, let scope):
            "You may not manage '\(name)' (scope \(scope)): only users of a scope inside yours, with a role not above yours."
        case .badUsername(let name): "'\(name)' is not a username: use 3–40 lowercase letters, digits, '.', '-' or '_'."
        case .unknownScope(let code): "There is no region with code \(code) to scope the user to."
        case .partnerWithoutOrganisation: "A partner must belong to an organisation (--organisation)."
        case .unknownToken(let id): "There is no active API token \(id)."
        case .wrongPassword: "The current password is wrong."
        case .busy: "The server is busy checking passwords; try again in a moment."
        }
    }
}
