import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// Programme results (issue 16 item 4): `GET /api/v1/programmes/{programme}/results?within=CODE` — the programme's output
/// targets per region and year at or below `within` (default the reader's scope), each with its realisasi (counted from
/// the enrolments of the year, or reported) and capaian. For partners and viewers a counted realisation of 1–4 is withheld.
struct ProgrammeResultsAPIController {
    let services: AppServices

    struct Results: Encodable {
        let programme: String
        let within: String
        let results: [ProgrammeResult]
    }

    func register(on group: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        group.get("programmes/{programme}/results", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let user = try context.requireUser()
            let within = try FormQuery.filled("within", in: request)
                .map { try AppError.region($0, in: services.regions).code } ?? user.scope.region
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user,
                                                          store: ProgrammeStore(database: services.database))
            let code = record.programme.code.value
            let results = try await ProgrammeTargetStore(database: services.database).results(of: code, within: within, tree: services.regions,
                                                                                             restricted: context.suppressesSmallCells)
            return JSONBody.response(Results(programme: code, within: within.dotted, results: results))
        }
    }
}
