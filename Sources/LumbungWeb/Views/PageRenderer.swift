import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore
import Mustache

/// Renders the Mustache page templates shipped in the package into HTML responses.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    /// The routes' access rules, for the menu.
    let rules: RuleBook

    static var templateFolder: String { Bundle.module.resourcePath! + "/templates" }
    static var staticFolder: String { Bundle.module.resourcePath! + "/static" }

    static func load(rules: RuleBook) async throws -> PageRenderer {
        PageRenderer(library: try await MustacheLibrary(directory: templateFolder), rules: rules)
    }

    /// The HTML of `template` filled from `model`, its labels from the catalogue of `language` (`{{t.key}}`); an
    /// unknown template is a programming error and renders as a 500.
    func html(_ template: String, _ model: Any, language: Language, switchHref: String? = nil) -> String? {
        library.render(LocalizedModel(model: model, catalogue: .of(language), languageSwitchHref: switchHref ?? "?lang=\(language.other.rawValue)"),
                       withTemplate: template)
    }

    /// The HTML of `template` in the request's language.
    func html(_ template: String, _ model: Any, for context: AppRequestContext) -> String? {
        html(template, model, language: context.language, switchHref: context.languageSwitchHref)
    }

    /// The page for a signed-in user: the header names them and offers "Keluar" (a form carrying the CSRF token).
    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok, for context: AppRequestContext) -> Response {
        guard let html = html(template, model, for: context) else { return Self.missing(template) }
        return respond(html, status: status, for: context)
    }

    /// A page without a signed-in user's bar (sign-in form, error pages).
    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok, language: Language, switchHref: String? = nil) -> Response {
        guard let html = html(template, model, language: language, switchHref: switchHref) else { return Self.missing(template) }
        return respond(html, status: status, identity: nil, language: language)
    }

    private static func missing(_ template: String) -> Response {
        Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: "Template \(template) hilang.")))
    }

    /// A page already rendered (e.g. cached), with the signed-in user's bar put into its header.
    func respond(_ page: String, status: HTTPResponse.Status = .ok, for context: AppRequestContext) -> Response {
        respond(page, status: status, identity: context.identity, language: context.language)
    }

    /// A page with the bar and menu of `identity` (none: no bar, no menu).
    func respond(_ page: String, status: HTTPResponse.Status, identity: Identity?, language: Language) -> Response {
        var page = page
        if let session = identity.flatMap({ html("session", SessionBar($0, texts: .of(language)), language: language) }),
           let marker = page.range(of: Self.sessionMarker) {
            page.replaceSubrange(marker, with: session)
        }
        if let marker = page.range(of: Self.menuMarker) {
            page.replaceSubrange(marker, with: Menu.html(for: identity?.user.role, rules: rules, texts: .of(language)))
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}

extension PageRenderer {
    /// Where the header holds the signed-in user's bar.
    static let sessionMarker = "<!--lumbung:session-->"
    /// Where the header holds the main menu, made for the user's role (`Menu`).
    static let menuMarker = "<!--lumbung:menu-->"
}

/// The signed-in user's bar in the header.
struct SessionBar {
    let name: String
    let role: String
    let scope: String
    let csrf: String
    let isAdmin: Bool
    /// May look people up by NIK.
    let personal: Bool

    init(_ identity: Identity, texts: Catalogue) {
        personal = identity.user.role.may(.readPersonalData)
        name = identity.user.displayName
        role = texts["role_\(identity.user.role.rawValue)"]
        scope = identity.user.scope.region.dotted
        csrf = identity.csrfToken ?? ""
        isAdmin = identity.user.role == .admin
    }
}

/// The model of the error page.
struct ErrorPage {
    let title: String
    let status: Int
    let message: String
}
