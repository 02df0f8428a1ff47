import Foundation
import Hummingbird
import Logging

/// One log line per request: method, path, status and duration — never the query string (it can hold a
/// form's security token) or any header, body or user name. Personal data is never in a path: a NIK is
/// looked up through a form body.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: Int(response.status.code), since: start)
            return response
        } catch {
            log(request, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("request", metadata: [
            "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(status)",
            "ms": "\(String(format: "%.1f", milliseconds))",
        ])
    }
}
