import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore

/// Figures from other sources (issue 16 item 3), JSON:
/// - `GET /api/v1/external-indicators`: every external indicator with its unit, direction, source, number of regions and
///   newest period;
/// - `GET /api/v1/external-indicators/{indicator}?within=CODE`: its values per region and period at or below `within`
///   (default the reader's scope), oldest period first; published aggregates, shown to every role that reads aggregates,
///   except that a count of 1–4 is `null` with `"withheld": true` for roles that may not see small counts;
/// - `POST /api/v1/external-indicators` (multipart: `file` and the fields `indicator`, `name`, `unit`, `direction`,
///   `source`, `date`, each optional when the sheet's header block gives it): import one table, all rows or none
///   (admins and analysts only).
struct ExternalIndicatorAPIController {
    let services: AppServices

    struct IndicatorList: Encodable { let indicators: [ExternalIndicatorStore.Summary] }

    struct RegionValue: Encodable {
        let region: String
        let name: String
        let period: String
        /// `nil` when withheld (`ExternalIndicator.withholds`).
        let value: Double?
        let withheld: Bool
        let source: String
    }

    struct Values: Encodable {
        let indicator: ExternalIndicator
        let within: String
        let values: [RegionValue]
    }

    /// The largest table accepted (a desa table of NTB is a few hundred kB).
    static let maxBytes = 16 << 20

    func register(on group: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        group.get("external-indicators", .permitted(.readAggregates, region: .none)) { _, _ -> Response in
            JSONBody.response(IndicatorList(indicators: try await ExternalIndicatorStore(database: services.database).summaries()))
        }
        group.get("external-indicators/{indicator}", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            let within = try FormQuery.filled("within", in: request)
                .map { try AppError.region($0, in: services.regions).code } ?? scope
            let id = context.parameters.get("indicator") ?? ""
            let store = ExternalIndicatorStore(database: services.database)
            guard let indicator = try await store.indicator(id) else { throw AppError.external(.unknown(String(id.prefix(60)))) }
            let restricted = context.suppressesSmallCells
            let values = try await store.values(indicator: id, within: within).map { value in
                let withheld = restricted && indicator.withholds(value.value)
                return RegionValue(region: value.region, name: (try? RegionCode(value.region)).flatMap { services.regions[$0]?.name } ?? "",
                                   period: value.period, value: withheld ? nil : value.value, withheld: withheld, source: value.source)
            }
            return JSONBody.response(Values(indicator: indicator, within: within.dotted, values: values))
        }
        group.post("external-indicators", .permitted(.importExternalFigures, region: .none)) { request, context -> Response in
            let result = try await Self.importTable(request, context: context, services: services)
            return JSONBody.response(result, status: result.outcome.added + result.outcome.corrected > 0 ? .created : .ok)
        }
    }

    /// Receives a table and its options and imports it (the API and the page's form share this).
    static func importTable(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> ExternalIndicatorImportJob.Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sumber-lain-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upload: MultipartUpload
        do {
            upload = try await MultipartUpload.receive(request, into: folder, maxBytes: maxBytes, limitText: "16 MB")
        } catch let failure as MultipartUpload.Failure {
            throw AppError.badUpload(failure)
        }
        func field(_ name: String) -> String? {
            guard let value = upload.fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return String(value.prefix(400))
        }
        let given = ExternalIndicatorSheet.Header(id: field("indicator"), name: field("name"), unit: field("unit"), direction: field("direction"),
                                                  source: field("source"), date: field("date"))
        let user = try context.requireUser()
        try await services.audit.append(context.auditActor, .importStarted, region: user.scope.region.dotted,
                                        target: "sumber lain \(given.id ?? "?"): \(upload.fileName)")
        do {
            return try await ExternalIndicatorImportJob(database: services.database, references: try ImportReferences.load())
                .run(upload.file, given: given, by: context.auditActor.name, within: user.scope.region, actor: context.auditActor)
        } catch let refused as ExternalIndicatorImportJob.Refused {
            throw AppError.externalRefused(refused.problems.prefix(200).map(\.description))
        } catch let problem as ExternalIndicatorProblem {
            throw AppError.external(problem)
        } catch let problem as MonitoringProblem {
            throw AppError.monitoring(problem)
        } catch let error as SheetReadError {
            throw AppError.listUnreadable(english: error.description, indonesian: error.indonesianDescription)
        } catch let error as ImportError {
            throw AppError.listUnreadable(english: error.description, indonesian: error.indonesianDescription)
        }
    }
}
