import Foundation
import Hummingbird
import LumbungDomain
import LumbungStore

/// Who may do what with programmes, beyond the route's rule (which checks the role's permission):
///
/// - a programme is seen by users whose scope overlaps one of its target regions;
/// - a programme is created, changed or closed by admins and operators whose scope covers every target region;
/// - its enrolled people are listed for roles that read personal data (within their scope), and for a partner only
///   when the programme is its own organisation's; viewers and other partners get aggregates only.
enum ProgrammeAccess {
    static func sees(_ user: UserRecord, _ programme: Programme) -> Bool {
        programme.targetRegions.contains { user.scope.covers($0) || $0.contains(user.scope.region) }
    }

    static func manages(_ user: UserRecord, _ programme: Programme) -> Bool {
        user.role.may(.manageProgrammes) && !programme.targetRegions.isEmpty && programme.targetRegions.allSatisfy { user.scope.covers($0) }
    }

    static func listsPeople(_ user: UserRecord, _ record: ProgrammeRecord) -> Bool {
        if user.role.may(.readPersonalData) { return true }
        guard user.role == .partner, let organisation = user.organisation else { return false }
        return organisation.lowercased() == record.organisation.name.lowercased()
    }

    /// The programme called `text`, visible to the user, or 404 (an invisible one is not confirmed to exist).
    static func record(_ text: String, for user: UserRecord, store: ProgrammeStore) async throws -> ProgrammeRecord {
        guard let code = ProgrammeCode(text), let record = try await store.programme(code, within: user.scope.region),
              sees(user, record.programme) else { throw AppError.unknownProgramme(String(text.prefix(40))) }
        return record
    }

    /// Refuses (403, audited) a change by a user whose scope does not cover the programme's regions.
    static func requireManage(_ user: UserRecord, _ programme: Programme, _ request: Request, _ context: AppRequestContext, audit: AuditLog) async throws {
        guard !manages(user, programme) else { return }
        let outside = programme.targetRegions.first { !user.scope.covers($0) } ?? user.scope.region
        try await audit.append(context.auditActor, .accessDenied, region: outside.dotted, target: "\(request.method) \(request.uri.path)", outcome: "denied")
        throw user.role.may(.manageProgrammes) ? AppError.outOfScope(outside, scope: user.scope.region) : AppError.forbidden(user.role, .manageProgrammes)
    }
}

extension ProgrammeAccess {
    /// An organisation is changed or closed by admins and operators whose scope covers its region (the province for
    /// a national body): the rule of programmes, with the organisation's region as its one target region.
    static func manages(_ user: UserRecord, _ organisation: Organisation) -> Bool {
        user.role.may(.manageProgrammes) && (organisation.managingRegion.map { user.scope.covers($0) } ?? false)
    }

    /// The organisation `text` names (its id, or its name, case ignored), or 404. Organisations are listed to every
    /// signed-in user, so an existing one is no secret.
    static func organisation(_ text: String, store: ProgrammeStore) async throws -> Organisation {
        let trimmed = (text.removingPercentEncoding ?? text).trimmingCharacters(in: .whitespaces)
        if let id = Int(trimmed), trimmed.count <= 12, let organisation = try await store.organisation(id: id) { return organisation }
        guard trimmed.count <= Organisation.maximumNameLength, let organisation = try await store.organisation(named: trimmed) else {
            throw AppError.unknownOrganisation(String(trimmed.prefix(60)))
        }
        return organisation
    }

    /// Refuses (403, audited) a change of `organisation` by a user who may not manage it.
    static func requireManage(_ user: UserRecord, _ organisation: Organisation, _ request: Request, _ context: AppRequestContext, audit: AuditLog) async throws {
        guard !manages(user, organisation) else { return }
        let region = organisation.managingRegion ?? user.scope.region
        try await audit.append(context.auditActor, .accessDenied, region: region.dotted, target: "\(request.method) \(request.uri.path)", outcome: "denied")
        throw user.role.may(.manageProgrammes) ? AppError.outOfScope(region, scope: user.scope.region) : AppError.forbidden(user.role, .manageProgrammes)
    }
}

/// A programme as the API and pages show it to a role.
struct ProgrammeView: Encodable {
    struct OrganisationView: Encodable {
        let name: String
        let kind: String
        let kindLabel: String
    }

    let code: String
    let name: String
    let organisation: OrganisationView
    let sectors: [String]
    let sectorLabels: String
    let unit: String
    let fundingSource: String
    let start: String
    let end: String?
    let budget: Int?
    let budgetText: String
    let targetRegions: [String]
    let eligibility: String
    let maximumDesil: Int?
    let closedOn: String?
    let enrolments: DisclosedCount
    let unmatched: DisclosedCount
    let familiesReached: DisclosedCount
    let enrolmentsByMatch: [String: DisclosedCount]

    init(_ record: ProgrammeRecord, restricted: Bool) {
        let programme = record.programme
        func count(_ value: Int) -> DisclosedCount { restricted && CellSuppression.suppresses(value) ? .withheld(.small) : .value(value) }
        code = programme.code.value
        name = programme.name
        organisation = OrganisationView(name: record.organisation.name, kind: record.organisation.kind.rawValue, kindLabel: record.organisation.kind.label)
        sectors = programme.sectors.map(\.rawValue)
        sectorLabels = programme.sectors.map(\.label).joined(separator: ", ")
        unit = programme.unit.rawValue
        fundingSource = programme.fundingSource
        start = programme.start.description
        end = programme.end?.description
        budget = programme.budget
        budgetText = programme.budget.map { "Rp " + IndonesianNumber.format($0) } ?? "—"
        targetRegions = programme.targetRegions.map(\.dotted)
        eligibility = programme.eligibility
        maximumDesil = programme.maximumDesil
        closedOn = programme.closedOn?.description
        enrolments = count(record.enrolments)
        unmatched = count(record.unmatched)
        familiesReached = count(record.familiesReached)
        enrolmentsByMatch = record.enrolmentsByMatch.mapValues(count)
    }
}
