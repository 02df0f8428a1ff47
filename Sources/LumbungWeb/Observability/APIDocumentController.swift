import Foundation
import HTTPTypes
import Hummingbird

/// `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of every JSON route (a file shipped with the app;
/// a test fails when a route of the router is missing from it, or it names a route that does not exist).
struct APIDocumentController {
    func register(on api: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        api.get("openapi.json", .open) { _, _ -> Response in
            let url = URL(fileURLWithPath: PageRenderer.staticFolder).appendingPathComponent("openapi.json")
            guard let data = try? Data(contentsOf: url) else { throw AppError.pageNotFound }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
