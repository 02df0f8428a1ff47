import Foundation
import Hummingbird
import Logging
import LumbungStore

/// Turns every error into a response the user can read: JSON with a code under `/api`, an
/// Indonesian HTML page elsewhere, keeping the real status. Unknown errors become a generic 500
/// whose details go only to the log, under a reference the user can quote.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SignedInError {
            return try response(to: error.underlying, of: request, identity: error.identity)
        } catch {
            return try response(to: error, of: request, identity: nil)
        }
    }

    /// The response to `error`; the page of a signed-in user keeps their bar and menu.
    private func response(to error: any Error, of request: Request, identity: Identity?) throws -> Response {
        switch error {
        case AppError.signInRequired where !Self.isAPI(request):
            return Self.signInRedirect(request)
        case _ where DatabaseBusy.matches(error):
            // A wait that ran out (pool, or another process's SQLite write lock): "sedang sibuk", and when to come back.
            let busy = AppError.busy
            var response = respond(to: request, status: busy.status, code: busy.code, english: busy.englishMessage,
                                   title: busy.indonesianTitle, indonesian: busy.indonesianMessage, identity: identity)
            response.headers[.retryAfter] = String(DatabaseBusy.retryAfterSeconds)
            return response
        case let failure as MultipartUpload.Failure:
            // An upload that is not one (no multipart body, a broken one, no file part): the same answer wherever it was read.
            let error = AppError.badUpload(failure)
            return respond(to: request, status: error.status, code: error.code, english: error.englishMessage,
                           title: error.indonesianTitle, indonesian: error.indonesianMessage, identity: identity)
        case let error as AppError:
            return respond(to: request, status: error.status, code: error.code, english: error.englishMessage,
                           title: error.indonesianTitle, indonesian: error.indonesianMessage, identity: identity)
        case let error as HTTPError where error.status == .notFound:
            let notFound = AppError.pageNotFound
            return respond(to: request, status: error.status, code: notFound.code, english: notFound.englishMessage,
                           title: notFound.indonesianTitle, indonesian: notFound.indonesianMessage, identity: identity)
        case let error as HTTPError where error.status.code < 500:
            return respond(to: request, status: error.status, code: "bad_request",
                           english: error.body ?? "The request could not be handled.",
                           title: "Permintaan tidak valid", indonesian: "Permintaan tidak dapat diproses.", identity: identity)
        default:
            let reference = String(UUID().uuidString.prefix(8))
            logger.error("request failed", metadata: [
                "reference": "\(reference)", "path": "\(request.uri.path)", "error": "\(String(reflecting: type(of: error)))",
            ])
            return respond(to: request, status: .internalServerError, code: "internal_error",
                           english: "Something went wrong on the server (reference \(reference)).",
                           title: "Terjadi kesalahan",
                           indonesian: "Terjadi kesalahan di server. Sebutkan kode rujukan \(reference) kepada admin.", identity: identity)
        }
    }

    private func respond(to request: Request, status: HTTPResponse.Status, code: String, english: String,
                         title: String, indonesian: String, identity: Identity?) -> Response {
        // A message may quote what the client sent (`?indikator=%00…`): never a raw control character back.
        let english = Self.printable(english), indonesian = Self.printable(indonesian)
        if Self.isAPI(request) {
            return JSONBody.response(ErrorBody(error: .init(code: code, message: english, pesan: indonesian)), status: status)
        }
        // The page in the reader's language: the English message, and the heading for the status from the catalogue.
        let language = Language.of(request, user: identity?.user)
        let texts = Catalogue.of(language)
        let key = "error_title_\(status.code)"
        let heading = language == .id ? title : (texts.texts[key] ?? texts["error_title_500"])
        let page = ErrorPage(title: heading, status: Int(status.code), message: language == .id ? indonesian : english)
        let switchHref = Language.switchHref(request, to: language.other)
        guard let html = pages.html("error", page, language: language, switchHref: switchHref) else {
            return pages.render("error", page, status: status, language: language, switchHref: switchHref)
        }
        return pages.respond(html, status: status, identity: identity, language: language)
    }
}

extension ErrorMiddleware {
    /// `text` with every control character (NUL, ESC, a line break …) shown as "?".
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }

    static func isAPI(_ request: Request) -> Bool { request.uri.path.hasPrefix("/api/") || request.uri.path == "/healthz" }

    /// To the sign-in form, and back to this page afterwards.
    static func signInRedirect(_ request: Request) -> Response {
        let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return .redirect(to: "/masuk?lanjut=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
    }
}

/// `{"error": {"code": "...", "message": "..."}}`
struct ErrorBody: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
        /// The message in Bahasa Indonesia, as the pages show it.
        var pesan: String?
    }
    let error: Detail
}
