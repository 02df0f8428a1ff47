import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// Looking a person up by NIK: `GET /orang` (the form), `POST /orang` (the page) and
/// `POST /api/v1/people/lookup` (JSON). The NIK travels in the request body, never in the address, so it
/// stays out of server logs and browser history. Only people within the user's scope are found; every
/// lookup is audited, found or not.
struct PersonLookupController {
    let services: AppServices

    func register(pages: GuardedRoutes<some RouterMethods<AppRequestContext>>, api: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        pages.get("orang", .permitted(.readPersonalData, region: .none)) { _, context -> Response in
            services.pages.render("orang", FamilyPage(csrf: context.csrfToken, family: nil, message: nil), for: context)
        }
        pages.post("orang", .permitted(.readPersonalData, region: .none)) { request, context -> Response in
            let csrf = context.csrfToken
            let nik = try await Self.nik(in: request)
            guard let family = try await lookUp(nik, context) else {
                return services.pages.render("orang", FamilyPage(csrf: csrf, family: nil, message: AppError.personNotFound.indonesianMessage),
                                             status: .notFound, for: context)
            }
            return services.pages.render("orang", FamilyPage(csrf: csrf, family: family, message: nil), for: context)
        }
        api.post("people/lookup", .permitted(.readPersonalData, region: .none)) { request, context -> Response in
            guard let family = try await lookUp(try await Self.nik(in: request), context) else { throw AppError.personNotFound }
            return JSONBody.response(family)
        }
    }

    private func lookUp(_ nik: String, _ context: AppRequestContext) async throws -> FamilyView? {
        let user = try context.requireUser()
        let card = try await FamilyLookup(database: services.database, tree: services.regions).family(ofNIK: nik, within: user.scope.region)
        try await services.audit.append(context.auditActor, .personalDataViewed, region: card?.villageCode.dotted ?? user.scope.region.dotted,
                                        target: "family by NIK", recordCount: card?.members.count ?? 0, outcome: card == nil ? "not_found" : "ok")
        return card.map { FamilyView($0, tree: services.regions, fullIdentity: user.role.may(.seeFullIdentity)) }
    }

    /// The `nik` field of a form body: 16 digits (spaces allowed), or a 400 that says what is wrong.
    static func nik(in request: Request) async throws -> String {
        let text = (try await FormQuery.body(request)["nik"] ?? "").filter { $0 != " " }
        guard text.count == 16, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw AppError.badNIK }
        return text
    }
}
