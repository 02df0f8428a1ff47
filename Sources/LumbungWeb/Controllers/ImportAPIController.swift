import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungImport
import LumbungStore

/// `POST /api/v1/imports` (multipart: `file`, optional `layout`, `dry_run`, `as_of`, `desa`, and a column mapping: `mapping`, a JSON
/// object header → field, or `template`, a saved template's name) starts an import and answers 202 with its id;
/// `GET /api/v1/imports/{id}` gives its status, progress and report; `GET /api/v1/column-templates` lists the saved templates.
struct ImportAPIController {
    let services: AppServices

    struct Started: Encodable {
        let id: String
        let status: String
        let statusURL: String

        enum CodingKeys: String, CodingKey {
            case id, status
            case statusURL = "status_url"
        }
    }

    struct TemplateList: Encodable {
        struct Item: Encodable {
            let name: String
            let organisation: String?
            let layout: String?
            let columns: [String: String]
            let values: [String: String]
            /// Field → the file's label → the official value it is read as.
            let labels: [String: [String: String]]
            let signature: String

            init(_ template: ColumnTemplate) {
                name = template.name
                organisation = template.organisation
                layout = template.mapping.layout
                var columns = template.mapping.columns.mapValues(\.rawValue)
                for header in template.mapping.ignored { columns[header] = ColumnMapping.ignore }
                self.columns = columns
                var values: [String: String] = [:]
                if let village = template.mapping.village { values["desa"] = village }
                if let date = template.mapping.dataDate { values["tanggal_data"] = date }
                self.values = values
                labels = Dictionary(template.mapping.labels.labels.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { a, _ in a })
                signature = template.signature
            }
        }
        let templates: [Item]
    }

    func register(on group: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        group.post("imports", .permitted(.importData, region: .none)) { request, context -> Response in
            let id = try await ImportUploads.start(request, context, services)
            var response = JSONBody.response(Started(id: id, status: "running", statusURL: "/api/v1/imports/\(id)"), status: .accepted)
            response.headers[.location] = "/api/v1/imports/\(id)"
            return response
        }
        group.get("column-templates", .permitted(.importData, region: .none)) { _, context -> Response in
            let user = try context.requireUser()
            let templates = try await ColumnTemplateStore(database: services.database).templates(organisation: user.organisation)
            return JSONBody.response(TemplateList(templates: templates.map(TemplateList.Item.init)))
        }
        group.get("imports/:id", .permitted(.importData, region: .none)) { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let status = await services.imports.status(id, for: try context.requireUser()) else { throw AppError.unknownImport(id) }
            try await ImportUploads.auditReportView(status, context, services)
            return JSONBody.response(status)
        }
    }
}

/// What the API and the Impor page share about receiving an upload.
enum ImportUploads {
    /// Receives the upload, starts importing it for the signed-in user (rows limited to their scope),
    /// records the start in the audit log, and returns the job's id.
    static func start(_ request: Request, _ context: AppRequestContext, _ services: AppServices) async throws -> String {
        let user = try context.requireUser()
        let slot: (id: String, folder: URL)
        do {
            slot = try await services.imports.newUploadFolder(for: user)
        } catch let failure as MultipartUpload.Failure {
            throw AppError.badUpload(failure)
        }
        let id = slot.id, folder = slot.folder
        let upload: MultipartUpload, options: Choices
        do {
            upload = try await receive(request, into: folder, policy: services.imports.policy)
            options = try Self.options(upload.fields)
        } catch {
            await services.imports.abandon(id)
            throw error
        }
        if let village = options.village, !user.scope.region.contains(village) {
            await services.imports.abandon(id)
            throw AppError.outOfScope(village, scope: user.scope.region)
        }
        var template: ColumnTemplate?
        if let name = options.template {
            do {
                template = try await Self.template(named: name, for: user, services)
            } catch {
                await services.imports.abandon(id)
                throw error
            }
        }
        // Recorded before the import begins: on SQLite a running import holds the only writer.
        do {
            try await services.audit.append(context.auditActor, .importStarted, region: user.scope.region.dotted, target: upload.fileName)
        } catch {
            await services.imports.abandon(id)
            throw error
        }
        await services.imports.start(id: id, upload: upload, layout: options.layout, dryRun: options.dryRun, asOf: options.asOf,
                                     village: options.village, mapping: options.mapping, template: template, by: user)
        return id
    }

    /// A finished report shows rejected values (NIK, names) from the file: looking at it is audited.
    /// (Only its owner and the admins overseeing the uploader's scope get this far: `ImportJobs.status(_:for:)`.)
    static func auditReportView(_ status: ImportJobs.Status, _ context: AppRequestContext, _ services: AppServices) async throws {
        guard let report = status.report else { return }
        try await services.audit.append(context.auditActor, .personalDataViewed, region: context.identity?.user.scope.region.dotted,
                                        target: "import report \(status.fileName)", recordCount: report.problems.reduce(0) { $0 + $1.examples.count })
    }

    /// The saved template called `name` that `user` may use (a partner: its organisation's or LKKS's own), or 404.
    static func template(named name: String, for user: UserRecord, _ services: AppServices) async throws -> ColumnTemplate {
        guard let record = try await ColumnTemplateStore(database: services.database).named(name),
              user.organisation == nil || record.organisation == nil || record.organisation?.lowercased() == user.organisation?.lowercased() else {
            throw AppError.unknownTemplate(name)
        }
        do {
            return try ColumnTemplate(record)
        } catch let error as ImportError {
            throw AppError.mappingRefused(english: [error.description], indonesian: [error.indonesianDescription])
        }
    }

    struct Choices {
        let layout: String
        let dryRun: Bool
        let asOf: CalendarDate
        /// The desa of a file without region columns (`desa`, a Kemendagri code with or without dots).
        let village: RegionCode?
        /// A column mapping sent as JSON (`mapping`), or the name of a saved one (`template`).
        var mapping: ColumnMapping?
        var template: String?
    }

    static func receive(_ request: Request, into folder: URL, policy: UploadPolicy) async throws -> MultipartUpload {
        do {
            return try await MultipartUpload.receive(request, into: folder, maxBytes: policy.maxBytes, limitText: policy.maxSizeText)
        } catch let failure as MultipartUpload.Failure {
            throw AppError.badUpload(failure)
        }
    }

    static func options(_ fields: [String: String]) throws -> Choices {
        let layout = fields["layout"].flatMap { $0.isEmpty ? nil : $0 } ?? "auto"
        let known = ["auto", "dtsen", "p3ke", "siksng", "lumbung"] + ImportLayout.allCases.map(\.rawValue)
        guard known.contains(layout.lowercased()) else { throw AppError.unknownLayout(layout) }
        let dryRun = ["1", "true", "on", "ya"].contains((fields["dry_run"] ?? "").lowercased())
        var asOf = CalendarDate.todayInNTB(secondsSince1970: Date().timeIntervalSince1970)
        if let text = fields["as_of"], !text.isEmpty {
            guard let date = CalendarDate(iso: text) else { throw AppError.badDate(text) }
            asOf = date
        }
        var village: RegionCode?
        if let text = fields["desa"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            do { village = try RegionCode(text) } catch { throw AppError.badRegionCode(error) }
        }
        var choices = Choices(layout: layout, dryRun: dryRun, asOf: asOf, village: village)
        if let text = fields["mapping"]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            do {
                choices.mapping = try ColumnMapping.decodeObject(Data(text.utf8), source: "mapping")
            } catch let error as ImportError {
                throw AppError.mappingRefused(english: [error.description], indonesian: [error.indonesianDescription])
            }
        }
        if let name = fields["template"]?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty {
            guard choices.mapping == nil else {
                throw AppError.mappingRefused(english: ["Send either mapping or template, not both."], indonesian: ["Kirim mapping atau template, bukan keduanya."])
            }
            choices.template = name
        }
        return choices
    }
}
