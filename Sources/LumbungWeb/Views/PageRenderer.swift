import Foundation
import Hummingbird
import Mustache

/// Renders the Mustache page templates shipped in the package into HTML responses.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    static var templateFolder: String { Bundle.module.resourcePath! + "/templates" }
    static var staticFolder: String { Bundle.module.resourcePath! + "/static" }

    static func load() async throws -> PageRenderer {
        PageRenderer(library: try await MustacheLibrary(directory: templateFolder))
    }

    /// The HTML of `template` filled from `model`; an unknown template is a programming error and renders as a 500.
    func html(_ template: String, _ model: Any) -> String? {
        library.render(model, withTemplate: template)
    }

    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        guard let html = html(template, model) else {
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "Template \(template) hilang.")))
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The model of the error page.
struct ErrorPage {
    let title: String
    let status: Int
    let message: String
}
