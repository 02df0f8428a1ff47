import Foundation
import HTTPTypes
import Hummingbird
import LumbungStore

/// The Impor pages: upload form and recent batches (`/impor`), an import's progress and report
/// (`/impor/proses/{id}`), and its rejected rows to download.
struct ImportPageController {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("impor") { _, _ -> Response in
            let batches = try await ImportBatchStore(database: services.database).recent()
            return services.pages.render("impor", ImportFormPage(batches: batches))
        }
        router.post("impor") { request, _ -> Response in
            let (id, folder) = await services.imports.newUploadFolder()
            let upload = try await ImportUploads.receive(request, into: folder)
            let options = try ImportUploads.options(upload.fields)
            await services.imports.start(id: id, upload: upload, layout: options.layout, dryRun: options.dryRun, asOf: options.asOf)
            return .redirect(to: "/impor/proses/\(id)", type: .found)
        }
        router.get("impor/proses/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let status = await services.imports.status(id) else { throw AppError.unknownImport(id) }
            var response = services.pages.render("impor-proses", ImportJobPage(status))
            if status.state == .running { response.headers[HTTPField.Name("Refresh")!] = "2" }
            return response
        }
        router.get("impor/proses/:id/ditolak.csv") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let url = await services.imports.rejectsFile(id), let data = try? Data(contentsOf: url) else {
                throw AppError.unknownImport(id)
            }
            let name = url.lastPathComponent.replacingOccurrences(of: "\"", with: "")
            return Response(status: .ok, headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
