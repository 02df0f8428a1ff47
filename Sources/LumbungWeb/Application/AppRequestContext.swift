import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore
import NIOCore

/// The request context of every Lumbung route: who is asking, once `AuthenticationMiddleware` has looked,
/// and from which address (for throttling and the audit log).
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The signed-in user (by session cookie or bearer token), or `nil`.
    var identity: Identity?
    /// The language of the pages (`LanguageMiddleware`).
    var language: Language = .id
    /// This page in the other language (the header's switch).
    var languageSwitchHref = "?lang=en"
    /// The catalogue of the request's language.
    var texts: Catalogue { Catalogue.of(language) }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}

/// A signed-in user and how they proved it.
struct Identity: Sendable {
    let user: UserRecord
    /// The session's CSRF token; `nil` for bearer tokens (not sent by browsers on their own, so no CSRF).
    let csrfToken: String?

    /// Whether counts under 5 must be shown as "<5" for this user.
    var suppressesSmallCells: Bool { !user.role.may(.exactSmallCounts) }
}
