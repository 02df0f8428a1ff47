import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// Looking a person up by NIK: `GET /orang` (the form), `POST /orang` (the page) and
/// `POST /api/v1/people/lookup` (JSON). The NIK travels in the request body, never in the address, so it
/// stays out of server logs and browser history. Only people within the user's scope are found; every
/// lookup is audited, found (`ok`), not found (`not_found`) or refused for too many misses (`throttled`).
///
/// A lookup that finds nobody confirms that a guessed NIK is wrong, so misses are limited per user:
/// `LookupMisses.limit` misses in `LookupMisses.window` and further lookups answer 429 until the oldest miss
/// leaves the window. A lookup takes its place in the count before it runs, so parallel guesses cannot slip
/// past the limit.
struct PersonLookupController {
    let services: AppServices
    let misses = LookupMisses()

    func register(pages: GuardedRoutes<some RouterMethods<AppRequestContext>>, api: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        pages.get("orang", .permitted(.readPersonalData, region: .none)) { _, context -> Response in
            services.pages.render("orang", FamilyPage(csrf: context.csrfToken, family: nil, message: nil, texts: context.texts), for: context)
        }
        pages.post("orang", .permitted(.readPersonalData, region: .none)) { request, context -> Response in
            let csrf = context.csrfToken
            let nik = try await Self.nik(in: request)
            guard await admit(context) else {
                return services.pages.render("orang", FamilyPage(csrf: csrf, family: nil, message: context.texts["person_too_many"], texts: context.texts),
                                             status: .tooManyRequests, for: context)
            }
            guard let family = try await lookUp(nik, context, texts: context.texts) else {
                return services.pages.render("orang", FamilyPage(csrf: csrf, family: nil, message: context.texts.message(AppError.personNotFound), texts: context.texts),
                                             status: .notFound, for: context)
            }
            return services.pages.render("orang", FamilyPage(csrf: csrf, family: family, message: nil, texts: context.texts), for: context)
        }
        api.post("people/lookup", .permitted(.readPersonalData, region: .none)) { request, context -> Response in
            let nik = try await Self.nik(in: request)
            guard await admit(context) else {
                return JSONBody.response(ErrorBody(error: .init(code: "too_many_lookups", message: LookupMisses.englishMessage, pesan: LookupMisses.indonesianMessage)),
                                         status: .tooManyRequests)
            }
            guard let family = try await lookUp(nik, context, texts: .of(.id)) else { throw AppError.personNotFound }
            return JSONBody.response(family)
        }
    }

    /// Whether the user may look up once more; a refusal is audited as `throttled`.
    private func admit(_ context: AppRequestContext) async -> Bool {
        guard let user = context.identity?.user else { return true }
        if await misses.admit(user.username) { return true }
        try? await services.audit.append(context.auditActor, .personalDataViewed, region: user.scope.region.dotted,
                                         target: "family by NIK", recordCount: 0, outcome: "throttled")
        return false
    }

    /// Looks the NIK up (after `admit`): a find gives the user's reserved miss back.
    private func lookUp(_ nik: String, _ context: AppRequestContext, texts: Catalogue) async throws -> FamilyView? {
        let user = try context.requireUser()
        let card: FamilyCard?
        do {
            card = try await FamilyLookup(database: services.database, tree: services.regions).family(ofNIK: nik, within: user.scope.region)
        } catch {
            await misses.forgive(user.username)
            throw error
        }
        if card != nil { await misses.forgive(user.username) }
        try await services.audit.append(context.auditActor, .personalDataViewed, region: card?.villageCode.dotted ?? user.scope.region.dotted,
                                        target: "family by NIK", recordCount: card?.members.count ?? 0, outcome: card == nil ? "not_found" : "ok")
        guard let card else { return nil }
        let programmes = try await ProgrammeStore(database: services.database).programmes(ofFamily: card.regencyCode, household: card.householdID)
        return FamilyView(card, tree: services.regions, fullIdentity: user.role.may(.seeFullIdentity), programmes: programmes, texts: texts)
    }

    /// The `nik` field of a form body: 16 digits (spaces allowed), or a 400 that says what is wrong.
    static func nik(in request: Request) async throws -> String {
        let text = (try await FormQuery.body(request)["nik"] ?? "").filter { $0 != " " }
        guard text.count == 16, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw AppError.badNIK }
        return text
    }
}

/// Lookups by NIK that found nobody, per user, in a sliding window (in memory: a restart forgets them).
actor LookupMisses {
    /// Misses allowed in `window`.
    static let limit = 20
    static let window: Duration = .seconds(15 * 60)
    static let indonesianMessage = "Terlalu banyak pencarian NIK yang tidak ditemukan (20 dalam 15 menit). Tunggu beberapa menit lalu coba lagi."
    static let englishMessage = "Too many NIK lookups found nobody (20 within 15 minutes); wait a few minutes and try again."

    private var byUser: [String: [ContinuousClock.Instant]] = [:]

    /// Reserves a miss for `user` unless they already have `limit` in the window; `false` means refuse.
    func admit(_ user: String, now: ContinuousClock.Instant = .now) -> Bool {
        var recent = (byUser[user] ?? []).filter { now - $0 < Self.window }
        guard recent.count < Self.limit else {
            byUser[user] = recent
            return false
        }
        recent.append(now)
        byUser[user] = recent
        return true
    }

    /// Gives back the miss reserved by the user's latest `admit` (the lookup found someone).
    func forgive(_ user: String) {
        guard var recent = byUser[user], !recent.isEmpty else { return }
        recent.removeLast()
        byUser[user] = recent.isEmpty ? nil : recent
    }
}
