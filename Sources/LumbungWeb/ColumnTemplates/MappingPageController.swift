import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore

/// The mapping page: upload a file of any shape (`POST /impor/petakan`), see and change what each column is read as
/// (`GET /impor/petakan/{id}`), then preview a dry run, save the mapping as a template, or import it
/// (`POST /impor/petakan/{id}`, field `aksi`: `pratinjau`, `simpan` or `impor`). Plain forms, no JavaScript.
/// Only the one who uploaded the file sees its mapping page; anyone else gets the 404 of an unknown import.
struct MappingPageController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.post("impor/petakan", .permitted(.importData, region: .none)) { request, context -> Response in
            let id = try await receive(request, context)
            return .redirect(to: "/impor/petakan/\(id)", type: .found)
        }
        router.get("impor/petakan/:id", .permitted(.importData, region: .none)) { request, context -> Response in
            let (id, upload, sheet) = try await inspect(context, sheet: Self.sheet(FormQuery.value("lembar", in: request)))
            let user = try context.requireUser()
            // A saved template that fits the file's headers is chosen; otherwise what Lumbung understood itself.
            let templates = try await ColumnTemplateStore(database: services.database).templates(organisation: user.organisation)
            let chosen = try? ColumnTemplateFit.pick(templates, forFile: upload.file)
            let fields = sheet.columns.map { column in
                chosen.map { template in Self.field(of: column.header, in: template.mapping) } ?? column.understood
            }
            let page = MappingPage(id: id, csrf: context.csrfToken, sheet: sheet, fields: fields,
                                   desa: chosen?.mapping.village ?? upload.fields["desa"] ?? "", dataDate: chosen?.mapping.dataDate ?? upload.fields["as_of"] ?? "",
                                   templateName: chosen?.name ?? "", templateChosen: chosen?.name, problems: [], message: nil, preview: nil, report: nil,
                                   labels: chosen?.mapping.labels ?? CodedLabels(), texts: context.texts)
            return services.pages.render("impor-petakan", page, for: context)
        }
        router.post("impor/petakan/:id", .permitted(.importData, region: .none)) { request, context -> Response in
            let form = try await FormQuery.body(request)
            let (id, upload, sheet) = try await inspect(context, sheet: Self.sheet(form["lembar"]))
            let user = try context.requireUser()
            let fields = sheet.columns.map { column in form["kolom_\(column.index)"].flatMap { ImportField(rawValue: $0) } }
            let desa = (form["desa"] ?? "").trimmingCharacters(in: .whitespaces)
            let dataDate = (form["tanggal_data"] ?? "").trimmingCharacters(in: .whitespaces)
            let templateName = (form["nama_templat"] ?? "").trimmingCharacters(in: .whitespaces)
            let action = form["aksi"] ?? "pratinjau"
            var problems = MappingPreview.problems(sheet, fields: fields)
            var mapping = ColumnMapping()
            for (column, field) in zip(sheet.columns, fields) {
                if let field { mapping.columns[column.header] = field } else { mapping.ignored.append(column.header) }
            }
            mapping.labels = MappingPage.labels(from: form, fields: fields)
            var village: RegionCode?
            if !desa.isEmpty {
                if let code = try? RegionCode(desa), code.depth == 4, services.regions[code] != nil {
                    if user.scope.region.contains(code) { village = code; mapping.village = code.dotted } else { problems.append(context.texts.message(AppError.outOfScope(code))) }
                } else {
                    problems.append(context.texts("mapping_bad_desa", ["text": String(desa.prefix(20))]))
                }
            }
            var asOf = CalendarDate.todayInNTB(secondsSince1970: Date().timeIntervalSince1970)
            if !dataDate.isEmpty {
                if let date = CalendarDate(iso: dataDate) { asOf = date; mapping.dataDate = date.description } else { problems.append(context.texts.message(AppError.badDate(String(dataDate.prefix(20))))) }
            }
            func page(_ problems: [String], message: String? = nil, preview: [LumbungImport.PreviewRow]? = nil, report: ImportReport? = nil,
                      status: HTTPResponse.Status = .ok) -> Response {
                services.pages.render("impor-petakan", MappingPage(id: id, csrf: context.csrfToken, sheet: sheet, fields: fields, desa: desa, dataDate: dataDate,
                                                                   templateName: templateName, templateChosen: nil, problems: problems, message: message,
                                                                   preview: preview, report: report, labels: mapping.labels, texts: context.texts), status: status, for: context)
            }
            if action == "simpan" && templateName.isEmpty { problems.append(context.texts["mapping_name_first"]) }
            guard problems.isEmpty else { return page(problems, status: .badRequest) }
            switch action {
            case "simpan":
                let template = ColumnTemplate(name: templateName, organisation: user.organisation, signature: sheet.signature, mapping: mapping)
                do {
                    let saved = try await ColumnTemplateStore(database: services.database).save(template, by: context.auditActor)
                    return page([], message: context.texts(saved.added ? "mapping_template_saved" : "mapping_template_updated", ["name": saved.record.name]))
                } catch let problem as ColumnTemplateProblem {
                    return page([problem.indonesianDescription], status: .badRequest)
                }
            case "impor":
                // Recorded before the import begins: on SQLite a running import holds the only writer.
                try await services.audit.append(context.auditActor, .importStarted, region: user.scope.region.dotted, target: upload.fileName)
                await services.imports.start(id: id, upload: upload, layout: "auto", dryRun: false, asOf: asOf, village: village, mapping: mapping,
                                             sheet: sheet.sheetNames.count > 1 ? sheet.sheetIndex : nil, by: user)
                return .redirect(to: "/impor/proses/\(id)", type: .found)
            default:
                do {
                    let chosenSheet = sheet.sheetNames.count > 1 ? sheet.sheetIndex : nil
                    let rows = try MappingPreview.rows(upload.file, mapping: mapping, asOf: asOf, references: services.imports.job.references,
                                                       scope: user.scope.region, sheet: chosenSheet)
                    var options = ImportOptions(asOf: asOf)
                    options.scope = user.scope.region
                    options.dryRun = true
                    options.village = village
                    options.use(mapping)
                    options.sheet = chosenSheet
                    let preview = FileManager.default.temporaryDirectory.appendingPathComponent("pratinjau-\(UUID().uuidString)")
                    try FileManager.default.createDirectory(at: preview, withIntermediateDirectories: true)
                    defer { try? FileManager.default.removeItem(at: preview) }
                    options.rejectsFolder = preview
                    let report = try await services.imports.job.run(upload.file, options: options)
                    try await services.audit.append(context.auditActor, .personalDataViewed, region: user.scope.region.dotted,
                                                    target: "pratinjau impor \(upload.fileName)", recordCount: rows.count)
                    return page([], preview: rows, report: report)
                } catch let error as ImportError {
                    return page([error.indonesianDescription], status: .badRequest)
                } catch let error as SheetReadError {
                    return page([error.indonesianDescription], status: .badRequest)
                }
            }
        }
    }

    /// The field `header` is read as under `mapping` (headers compared normalised).
    static func field(of header: String, in mapping: ColumnMapping) -> ImportField? {
        let key = HeaderName.normalize(header)
        return mapping.columns.first { HeaderName.normalize($0.key) == key }?.value
    }

    /// Receives an upload for the mapping page (`file`, optional `desa` and `as_of`) and keeps it there.
    private func receive(_ request: Request, _ context: AppRequestContext) async throws -> String {
        let user = try context.requireUser()
        let slot: (id: String, folder: URL)
        do {
            slot = try await services.imports.newUploadFolder(for: user)
        } catch let failure as MultipartUpload.Failure {
            throw AppError.badUpload(failure)
        }
        do {
            let upload = try await ImportUploads.receive(request, into: slot.folder, policy: services.imports.policy)
            _ = try ImportUploads.options(upload.fields)
            await services.imports.awaitMapping(id: slot.id, upload: upload)
        } catch {
            await services.imports.abandon(slot.id)
            throw error
        }
        return slot.id
    }

    /// The sheet chosen on the page (`lembar`, 1 = the first) as its position; `nil` when none or not a number.
    static func sheet(_ text: String?) -> Int? {
        text.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { (1...10_000).contains($0) ? $0 - 1 : nil }
    }

    /// The upload of the page's id and what the file's columns are (on the chosen sheet), or the 404 of an unknown import.
    private func inspect(_ context: AppRequestContext, sheet: Int? = nil) async throws -> (String, MultipartUpload, MappingSheet) {
        let id = try context.parameters.require("id")
        guard let upload = await services.imports.uploadAwaitingMapping(id, for: try context.requireUser()) else { throw AppError.unknownImport(id) }
        do {
            return (id, upload, try MappingPreview.inspect(upload.file, sheet: sheet))
        } catch let error as ImportError {
            throw AppError.mappingRefused(english: [error.description], indonesian: [error.indonesianDescription])
        } catch let error as SheetReadError {
            throw AppError.mappingRefused(english: [error.description], indonesian: [error.indonesianDescription])
        }
    }
}
