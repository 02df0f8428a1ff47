import Foundation
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore

/// A beneficiary list uploaded for one programme on the web (`POST /program/{kode}/unggah`) or the API
/// (`POST /api/v1/programmes/{kode}/enrolments`): imported at once through `BeneficiaryImportJob` (one batch, all or
/// nothing, the same file again changes nothing), only rows of families inside the uploader's region taken. Who may:
/// operators and admins (import permission) for any programme they see; a partner for its own organisation's
/// programmes only. The answer is the import report and the partner's view: how many of the programme's families
/// also receive each other programme, how many rows were not found, and how many desil-1 families of the uploader's
/// region nobody reaches — aggregates, small counts withheld for partners.
enum ListUpload {
    /// The largest list accepted (a kabupaten's list of a national programme is a few MB).
    static let maxBytes = 64 << 20

    static func mayUpload(_ user: UserRecord, _ record: ProgrammeRecord) -> Bool {
        if user.role.may(.importData) { return true }
        guard user.role == .partner, let organisation = user.organisation else { return false }
        return organisation.lowercased() == record.organisation.name.lowercased()
    }

    /// What the uploader learns at once.
    struct Outcome: Encodable {
        let report: ImportReport
        let view: PartnerView
    }

    struct PartnerView: Encodable {
        let programme: String
        let familiesReached: DisclosedCount
        /// Families of this programme (in the uploader's region) also reached by each other programme.
        let alsoReceiving: [String: DisclosedCount]
        let unmatched: DisclosedCount
        let desil1Unreached: DisclosedCount
    }

    static func run(_ record: ProgrammeRecord, request: Request, context: AppRequestContext, services: AppServices) async throws -> Outcome {
        let user = try context.requireUser()
        guard mayUpload(user, record) else {
            try await services.audit.append(context.auditActor, .accessDenied, region: user.scope.region.dotted,
                                            target: "\(request.method) \(request.uri.path)", outcome: "denied")
            throw AppError.forbidden(user.role, .importData)
        }
        return try await receive(request, context: context, services: services, target: "daftar penerima \(record.programme.code.value)") { upload in
            var options = BeneficiaryImportOptions(asOf: .todayInNTB(secondsSince1970: Date().timeIntervalSince1970), programme: record.programme.code)
            options.owner = user.role == .partner ? user.organisation : nil
            return options
        }
    }

    /// Receives the uploaded list, imports it with the options `prepare` gives for it (after its own checks of the
    /// file), in the uploader's region, and counts what the uploader learns at once.
    static func receive(_ request: Request, context: AppRequestContext, services: AppServices, target: String,
                        prepare: (MultipartUpload) async throws -> BeneficiaryImportOptions) async throws -> Outcome {
        let user = try context.requireUser()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daftar-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let upload = try await MultipartUpload.receive(request, into: folder, maxBytes: maxBytes, limitText: "64 MB")
        var options = try await prepare(upload)
        options.scope = user.scope.region.depth > 1 ? user.scope.region : nil
        options.rejectsFolder = folder
        options.dryRun = upload.fields["dry_run"] == "1"
        options.actor = context.auditActor
        try await services.audit.append(context.auditActor, .importStarted, region: user.scope.region.dotted, target: "\(target): \(upload.fileName)")
        var report: ImportReport
        do {
            report = try await BeneficiaryImportJob(database: services.database, references: try ImportReferences.load()).run(upload.file, options: options)
        } catch let error as EnrolmentListError {
            throw AppError.listRefused(error)
        } catch let error as ImportError {
            throw AppError.listUnreadable(english: error.description, indonesian: error.indonesianDescription)
        } catch let error as SheetReadError {
            throw AppError.listUnreadable(english: error.description, indonesian: error.indonesianDescription)
        }
        report.rejectsFile = nil
        report.rejectsFiles = []
        let restricted = context.suppressesSmallCells
        func count(_ value: Int) -> DisclosedCount { restricted && CellSuppression.suppresses(value) ? .withheld(.small) : .value(value) }
        let villages = try await ProgrammeStore(database: services.database).coverageByVillage(within: user.scope.region)
        var total = CoverageTally()
        for tally in villages.values { total.merge(tally) }
        // The list's programme: the one it was uploaded for, else the one its workbook describes (`penerima-program:KODE`).
        let code = options.programme?.value ?? String((report.layout ?? "").split(separator: ":").last ?? "")
        var also: [String: Int] = [:]
        for (pair, families) in total.overlaps where pair.first == code || pair.second == code {
            also[pair.first == code ? pair.second : pair.first] = families
        }
        let unmatched = report.enrolments?.byMatch[EnrolmentMatch.unmatched.rawValue] ?? 0
        return Outcome(report: report, view: PartnerView(
            programme: code, familiesReached: count(total.familiesReached[code] ?? 0), alsoReceiving: also.mapValues(count),
            unmatched: count(unmatched), desil1Unreached: count(total.desil1UnreachedFamilies)))
    }
}
