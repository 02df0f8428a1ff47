import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// `/masuk` (sign in) and `/keluar` (sign out).
///
/// The sign-in form carries its own CSRF token (a cookie and the same value in the form's action, compared
/// on POST), so another site cannot sign a browser in to an account of its choosing.
struct SignInPageController {
    let services: AppServices

    static let formCookie = "lumbung_masuk"

    struct Page {
        let title: String
        let query = ""
        let csrf: String
        let next: String
        let username: String
        let message: String?
    }

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("masuk", .open) { request, context -> Response in
            if context.identity != nil { return .redirect(to: Self.safeNext(FormQuery.value("lanjut", in: request))) }
            return Self.form(services.pages, request, next: FormQuery.value("lanjut", in: request), username: "", message: nil, status: .ok)
        }
        router.post("masuk", .open) { request, context -> Response in
            let form = try await FormQuery.body(request)
            let next = form["lanjut"], username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let sent = FormQuery.value("csrf", in: request), let cookie = request.cookies[Self.formCookie]?.value,
                  CSRFCheck.constantTimeEqual(sent, cookie) else {
                return Self.form(services.pages, request, next: next, username: username, message: Self.texts(request).message(AppError.csrfRejected), status: .forbidden)
            }
            let outcome = try await SignIn(database: services.database, limiter: services.signInLimiter, checks: services.passwordChecks, audit: services.audit).attempt(
                username: username, password: form["password"] ?? "", address: AuthenticationMiddleware.address(of: context))
            switch outcome {
            case .throttled:
                return Self.form(services.pages, request, next: next, username: username, message: Self.texts(request).message(AppError.tooManyAttempts),
                                 status: .tooManyRequests)
            case .busy:
                return Self.form(services.pages, request, next: next, username: username, message: Self.texts(request).isEnglish ? AccessError.busy.description : AccessError.busy.indonesianDescription,
                                 status: .serviceUnavailable)
            case .wrongCredentials:
                return Self.form(services.pages, request, next: next, username: username, message: Self.texts(request).message(AppError.wrongCredentials),
                                 status: .unauthorized)
            case .signedIn(let user):
                let session = try await services.sessions.start(for: user)
                var response = Response.redirect(to: Self.safeNext(next))
                response.setCookie(Cookie(name: AuthenticationMiddleware.sessionCookie, value: session.secret, maxAge: SessionStore.sessionLifetime,
                                          path: "/", secure: Self.isSecure(request), httpOnly: true, sameSite: .lax))
                response.setCookie(Cookie(name: Self.formCookie, value: "", maxAge: 0, path: "/masuk", secure: Self.isSecure(request),
                                          httpOnly: true, sameSite: .strict))
                return response
            }
        }
        router.post("keluar", .signedIn) { request, context -> Response in
            if let secret = request.cookies[AuthenticationMiddleware.sessionCookie]?.value { try await services.sessions.end(secret: secret) }
            try await services.audit.append(context.auditActor, .logout, region: context.identity?.user.scope.region.dotted)
            var response = Response.redirect(to: "/masuk")
            response.setCookie(Cookie(name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                                      secure: Self.isSecure(request), httpOnly: true, sameSite: .lax))
            return response
        }
    }

    /// The catalogue of the sign-in page's language (no user yet: `?lang=`, the cookie, Bahasa Indonesia).
    private static func texts(_ request: Request) -> Catalogue { .of(Language.of(request, user: nil)) }

    /// The form with a fresh CSRF token in its cookie and its action.
    private static func form(_ pages: PageRenderer, _ request: Request, next: String?, username: String, message: String?,
                             status: HTTPResponse.Status) -> Response {
        let token = Passwords.randomSecret()
        let language = Language.of(request, user: nil)
        var response = pages.render("masuk", Page(title: Catalogue.of(language)["signin_heading"] + " — Lumbung", csrf: token, next: safeNext(next), username: username, message: message), status: status,
                                    language: language, switchHref: Language.switchHref(request, to: language.other))
        response.setCookie(Cookie(name: formCookie, value: token, maxAge: 3600, path: "/masuk", secure: isSecure(request), httpOnly: true,
                                  sameSite: .strict))
        return response
    }

    static func safeNext(_ next: String?) -> String { signInRedirectTarget(next) }

    /// Served over TLS (directly or behind a proxy that says so): cookies get the Secure attribute.
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https"
    }
}

/// Where the sign-in form may send the user afterwards: only a path on this site. It must start with one `/`
/// followed by something other than `/` or `\` (`//evil.example` and `/\evil.example` name another host), and
/// hold no control character or white space anywhere (browsers drop a tab or newline, so `/<TAB>/evil.example`
/// becomes `//evil.example`); anything else goes to the start page.
public func signInRedirectTarget(_ next: String?) -> String {
    guard let next, next.hasPrefix("/") else { return "/" }
    let second = next.dropFirst().first
    guard second != "/", second != "\\" else { return "/" }
    let forbidden = CharacterSet.controlCharacters.union(.whitespacesAndNewlines).union(.illegalCharacters)
    guard !next.unicodeScalars.contains(where: { forbidden.contains($0) || $0 == "\\" }) else { return "/" }
    return next
}
