import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// The Impor pages: upload form and recent batches (`/impor`), an import's progress and report
/// (`/impor/proses/{id}`), and its rejected rows to download.
struct ImportPageController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("impor", .permitted(.importData, region: .none)) { _, context -> Response in
            // Operators see their own batches; admins those uploaded inside their scope.
            let user = try context.requireUser()
            let batches = try await ImportBatchStore(database: services.database)
                .recent(for: .init(userID: user.id, oversight: try context.requireOversight()))
            return services.pages.render("impor", ImportFormPage(batches: batches, csrf: context.csrfToken,
                                                                     zone: IndonesianTimeZone(region: user.scope.region),
                                                                     texts: context.texts), for: context)
        }
        router.post("impor", .permitted(.importData, region: .none)) { request, context -> Response in
            let id = try await ImportUploads.start(request, context, services)
            return .redirect(to: "/impor/proses/\(id)", type: .found)
        }
        router.get("impor/proses/:id", .permitted(.importData, region: .none)) { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let status = await services.imports.status(id, for: try context.requireUser()) else { throw AppError.unknownImport(id) }
            try await ImportUploads.auditReportView(status, context, services)
            var response = services.pages.render("impor-proses", ImportJobPage(status, id: id, csrf: context.csrfToken, texts: context.texts), for: context)
            if status.state == .running { response.headers[HTTPField.Name("Refresh")!] = "2" }
            return response
        }
        // Batalkan: stops the running import before it commits (a plain form; nothing is written). Only its owner may.
        router.post("impor/proses/:id/batal", .permitted(.importData, region: .none)) { _, context -> Response in
            let id = try context.parameters.require("id")
            let user = try context.requireUser()
            guard await services.imports.status(id, for: user) != nil else { throw AppError.unknownImport(id) }
            if await services.imports.cancel(id, for: user) {
                try await services.audit.append(context.auditActor, .importCancelled, region: user.scope.region.dotted, target: id)
            }
            return .redirect(to: "/impor/proses/\(id)", type: .found)
        }
        router.get("impor/proses/:id/ditolak.csv", .permitted(.importData, region: .none)) { _, context -> Response in
            try await rejects(number: 1, context)
        }
        router.get("impor/proses/:id/ditolak/:number", .permitted(.importData, region: .none)) { _, context -> Response in
            // A number that is not a small positive whole number names no file: the same 404 as an unknown job.
            guard let number = Int(try context.parameters.require("number")), (1...1000).contains(number) else {
                throw AppError.unknownImport(try context.parameters.require("id"))
            }
            return try await rejects(number: number, context)
        }
    }

    /// One rejects file of a job (a workbook of several tables has one per sheet), audited as an export of personal data.
    private func rejects(number: Int, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let user = try context.requireUser()
        guard let url = await services.imports.rejectsFile(id, number: number, for: user), let data = try? Data(contentsOf: url) else {
            throw AppError.unknownImport(id)
        }
        let rows = max(0, data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1)
        try await services.audit.append(context.auditActor, .personalDataExported, region: user.scope.region.dotted,
                                        target: url.lastPathComponent, recordCount: rows)
        let name = url.lastPathComponent.replacingOccurrences(of: "\"", with: "")
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(name)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
