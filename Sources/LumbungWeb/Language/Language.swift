import Foundation
import Hummingbird
import LumbungStore

/// The language of the pages: Bahasa Indonesia by default, English on the switch in the header.
///
/// Which one a request gets, first that applies: `?lang=en|id` in the URL; the signed-in user's stored choice;
/// the `lumbung_bahasa` cookie (pages before signing in); Bahasa Indonesia.
enum Language: String, Sendable, CaseIterable {
    case id
    case en

    static let cookie = "lumbung_bahasa"
    static let queryName = "lang"

    /// The other language, the one the switch offers.
    var other: Language { self == .id ? .en : .id }

    /// The language asked for in the URL (`lang=en`), or `nil` (absent or not a language Lumbung has).
    static func asked(in request: Request) -> Language? {
        FormQuery.value(queryName, in: request).flatMap { Language(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) }
    }

    /// The language of `request` for `user` (signed in) or a visitor.
    static func of(_ request: Request, user: UserRecord?) -> Language {
        if let asked = asked(in: request) { return asked }
        if let user { return Language(rawValue: user.language) ?? .id }
        return request.cookies[cookie].flatMap { Language(rawValue: $0.value) } ?? .id
    }

    /// The link of the header's switch: this page with `lang` set to the other language.
    static func switchHref(_ request: Request, to language: Language) -> String {
        var items = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix(queryName + "=") && !$0.isEmpty }.map(String.init)
        items.append("\(queryName)=\(language.rawValue)")
        return request.uri.path + "?" + items.joined(separator: "&")
    }
}
