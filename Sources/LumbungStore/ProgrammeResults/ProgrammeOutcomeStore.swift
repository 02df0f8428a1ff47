import Foundation
import LumbungDomain
import SQLKit

/// The outcome indicators of programmes (issue 16): registry indicators (`IndicatorCatalogue`) or external indicators a
/// programme names as what it means to change (PKH → `desil1_families`). Linking and unlinking are audited as
/// `programme.changed`; who may do it is decided above (the web's `ProgrammeAccess.requireManage`, the CLI's operator).
public struct ProgrammeOutcomeStore: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Links `indicator` to `programme` as an outcome; `false` when it was linked already (nothing changes).
    ///
    /// - Throws: `ProgrammeProblem.programmeUnknown`, `MonitoringProblem.indicatorUnknown` (neither a registry nor an
    ///   external indicator).
    @discardableResult
    public func link(_ indicator: String, to programme: String, by actor: AuditActor) async throws -> Bool {
        let engine = database.engine
        return try await database.transaction { db in
            let (id, region) = try await Self.programme(db, programme)
            let external = try await db.raw("SELECT id FROM external_indicator WHERE id = \(bind: indicator)").first() != nil
            guard IndicatorCatalogue.indicator(indicator) != nil || external else {
                throw MonitoringProblem.indicatorUnknown(String(indicator.prefix(60)))
            }
            guard try await db.raw("""
                SELECT indicator FROM programme_outcome WHERE programme_id = \(bind: id) AND indicator = \(bind: indicator)
                """).first() == nil else { return false }
            try await db.raw("""
                INSERT INTO programme_outcome (programme_id, indicator, linked_by) VALUES (\(bind: id), \(bind: indicator), \(bind: actor.name))
                """).run()
            try await AuditLog.append(db, engine: engine, actor: actor, action: .programmeChanged, region: region,
                                      target: "\(programme): indikator hasil + \(indicator)")
            return true
        }
    }

    /// Unlinks `indicator` from `programme`; `false` when it was not linked.
    ///
    /// - Throws: `ProgrammeProblem.programmeUnknown`.
    @discardableResult
    public func unlink(_ indicator: String, from programme: String, by actor: AuditActor) async throws -> Bool {
        let engine = database.engine
        return try await database.transaction { db in
            let (id, region) = try await Self.programme(db, programme)
            guard try await db.raw("""
                SELECT indicator FROM programme_outcome WHERE programme_id = \(bind: id) AND indicator = \(bind: indicator)
                """).first() != nil else { return false }
            try await db.raw("DELETE FROM programme_outcome WHERE programme_id = \(bind: id) AND indicator = \(bind: indicator)").run()
            try await AuditLog.append(db, engine: engine, actor: actor, action: .programmeChanged, region: region,
                                      target: "\(programme): indikator hasil − \(indicator)")
            return true
        }
    }

    /// The outcome indicators of `programme`, in the order they were linked.
    public func outcomes(of programme: String) async throws -> [String] {
        try await database.read { db in
            try await db.raw("""
                SELECT o.indicator FROM programme_outcome o JOIN programme p ON p.id = o.programme_id
                WHERE p.code = \(bind: programme) ORDER BY o.linked_at, o.indicator
                """).all().map { try $0.decode(column: "indicator", as: String.self) }
        }
    }

    /// The programme's id and its first target region (for the audit line).
    private static func programme(_ db: any SQLDatabase, _ code: String) async throws -> (Int, String?) {
        guard let id = try await db.raw("SELECT id FROM programme WHERE code = \(bind: code)").first()?.decode(column: "id", as: Int.self) else {
            throw ProgrammeProblem.programmeUnknown(String(code.prefix(40)))
        }
        let region = try await db.raw("SELECT MIN(region_code) AS code FROM programme_region WHERE programme_id = \(bind: id)").first()?
            .decode(column: "code", as: String?.self)
        return (id, region)
    }
}
