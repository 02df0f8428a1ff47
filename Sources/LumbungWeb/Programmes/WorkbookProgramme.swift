import Foundation
import Hummingbird
import LumbungDomain
import LumbungImport
import LumbungStore

/// A new programme registered on the web from its participant workbook (the two-sheet workbook `lumbung import
/// --organisation` reads: the programme described as key/value rows, then its participants): `GET
/// /organisasi/{organisasi}/program-baru` shows the form, `POST` the same address imports the workbook for that
/// organisation (its id) — the programme registered as the organisation's (or changed, when its code is the
/// organisation's already) and the participants enrolled in one batch, answered with the report as any list upload.
///
/// Who may: operators and admins (they manage programmes and import) for an organisation of their region or a national
/// one, for target regions inside their scope; a partner (Mitra) for its own organisation only — another's is refused
/// (403, audited) and a workbook naming another organisation as Lembaga is refused whole.
enum WorkbookProgramme {
    static func mayRegister(_ user: UserRecord, for organisation: Organisation) -> Bool {
        if user.role.may(.manageProgrammes) && user.role.may(.importData) {
            return organisation.region.map { user.scope.covers($0) || $0.contains(user.scope.region) } ?? true
        }
        guard user.role == .partner, let own = user.organisation else { return false }
        return own.lowercased() == organisation.name.lowercased()
    }

    /// The organisation of the address, 404 when there is none; 403 (audited) when the user may not register for it.
    static func organisation(_ text: String, request: Request, context: AppRequestContext, services: AppServices) async throws -> Organisation {
        let user = try context.requireUser()
        guard let id = Int(text), let organisation = try await ProgrammeStore(database: services.database).organisations().first(where: { $0.id == id }) else {
            throw AppError.pageNotFound
        }
        guard mayRegister(user, for: organisation) else {
            try await services.audit.append(context.auditActor, .accessDenied, region: organisation.region?.dotted ?? user.scope.region.dotted,
                                            target: "\(request.method) \(request.uri.path)", outcome: "denied")
            throw AppError.forbidden(user.role, .manageProgrammes)
        }
        return organisation
    }

    /// Imports the uploaded workbook as `organisation`'s programme. A file that describes no programme, or targets
    /// regions outside the user's scope, is refused before anything is written.
    static func run(_ organisation: Organisation, request: Request, context: AppRequestContext, services: AppServices) async throws -> (code: String, name: String, outcome: ListUpload.Outcome) {
        let user = try context.requireUser()
        var described: ProgrammeDescription?
        let outcome = try await ListUpload.receive(request, context: context, services: services, target: "program baru dari berkas (\(organisation.name))") { upload in
            let description: ProgrammeDescription?
            do {
                description = try ProgrammeWorkbook.description(of: upload.file)
            } catch let error as ImportError {
                throw AppError.listUnreadable(english: error.description, indonesian: error.indonesianDescription)
            }
            guard let description else {
                let error = ImportError.programmeSheetMissing(file: upload.fileName)
                throw AppError.listUnreadable(english: error.description, indonesian: error.indonesianDescription)
            }
            if let outside = description.targetRegions.first(where: { !user.scope.covers($0) }) {
                try await services.audit.append(context.auditActor, .accessDenied, region: outside.dotted,
                                                target: "\(request.method) \(request.uri.path)", outcome: "denied")
                throw AppError.outOfScope(outside, scope: user.scope.region)
            }
            described = description
            var options = BeneficiaryImportOptions(asOf: .todayInNTB(secondsSince1970: Date().timeIntervalSince1970), programme: nil)
            options.owner = organisation.name
            return options
        }
        return (outcome.view.programme, described?.name ?? outcome.view.programme, outcome)
    }
}

/// `/organisasi/{organisasi}/program-baru`: the form to upload a programme workbook for one organisation.
struct WorkbookProgrammePage {
    let title: String
    let query = ""
    let csrf: String
    let organisationID: Int
    let organisation: String
    let error: String?
}
