import Foundation
import HTTPTypes
import Hummingbird
import LumbungStore

/// Puts the request's language (`Language.of`) into the context. A `?lang=` in the URL is remembered: in a cookie
/// for visitors, and with the signed-in user (the `app_user.language` column), so the next page, on any device,
/// opens in the language last chosen.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let users: UserStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let language = Language.of(request, user: context.identity?.user)
        context.language = language
        context.languageSwitchHref = Language.switchHref(request, to: language.other)
        // The JSON API and static files have no language; a `lang` there is not a choice to remember.
        guard let asked = Language.asked(in: request), !ErrorMiddleware.isAPI(request), !request.uri.path.hasPrefix("/static/") else {
            return try await next(request, context)
        }
        if let user = context.identity?.user, user.language != asked.rawValue {
            try await users.setLanguage(userID: user.id, asked.rawValue)
        }
        var response = try await next(request, context)
        if request.cookies[Language.cookie]?.value != asked.rawValue {
            response.setCookie(Cookie(name: Language.cookie, value: asked.rawValue, maxAge: 365 * 24 * 3600, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
