import Foundation
import LumbungDomain
import SQLKit

/// The enrolments a snapshot freezes and the new and ended enrolments of a release diff (`RegionChange.newEnrolments`,
/// `.endedEnrolments`).
///
/// A snapshot keeps every enrolment running when it is made (`enrolment.ended_on` NULL) that can be placed in a desa:
/// the desa of the registry family it reaches (where the family lives now), else the desa the enrolment was matched
/// or listed in. An enrolment of a person programme (PBI-JK) whose person the registry knows dead or gone (a village
/// export's `status_dasar` 2, …) is not running: no list ends it, yet nobody receives it. Between snapshots A and B:
/// - a **new** enrolment runs in B and did not run in A (absent, or ended) — counted at its desa in B;
/// - an **ended** enrolment ran in A and does not run in B (its flag turned off in a newer release, or it was ended) —
///   counted at its desa in A.
/// A re-started enrolment (the same programme and key again) is the same enrolment: running in both, it is neither.
enum SnapshotEnrolments {
    /// Copies the running enrolments into snapshot `id` (inside `create`'s transaction).
    static func freeze(_ db: any SQLDatabase, snapshot id: Int) async throws {
        let resident = ResidentStatus.allCases.filter(\.countsAsResident).map { String($0.rawValue) }.joined(separator: ", ")
        try await db.raw("""
            INSERT INTO snapshot_enrolment (snapshot_id, enrolment_id, programme_id, village_code)
            SELECT \(bind: id), e.id, e.programme_id, COALESCE(h.village_code, e.village_code, e.listed_village_code)
            FROM enrolment e JOIN programme p ON p.id = e.programme_id
              LEFT JOIN household h ON h.regency_code = e.regency_code AND h.id = e.household_id
              LEFT JOIN person pe ON pe.regency_code = e.regency_code AND pe.id = e.person_id
            WHERE e.ended_on IS NULL AND COALESCE(h.village_code, e.village_code, e.listed_village_code) IS NOT NULL
              AND NOT (p.unit = 'individu' AND COALESCE(pe.resident_status, \(unsafeRaw: String(ResidentStatus.alive.rawValue))) NOT IN (\(unsafeRaw: resident)))
            """).run()
        try await db.raw("UPDATE snapshot SET has_enrolments = 1 WHERE id = \(bind: id)").run()
    }

    /// Whether snapshot `id` froze its enrolments (made after migration 23).
    static func frozen(_ db: any SQLDatabase, snapshot id: Int) async throws -> Bool {
        try await db.raw("SELECT has_enrolments FROM snapshot WHERE id = \(bind: id)").first()?.decode(column: "has_enrolments", as: Int.self) == 1
    }

    /// Per region of `level` (the first `length` characters of the desa code) and programme code: new and ended enrolments.
    static func counts(_ db: any SQLDatabase, from a: Int, to b: Int, length: Int) async throws -> [String: [String: (new: Int, ended: Int)]] {
        let query: SQLQueryString = """
            SELECT events.region AS region, p.code AS code, SUM(events.added) AS added, SUM(events.ended) AS ended FROM (
              SELECT substr(nb.village_code, 1, \(unsafeRaw: String(length))) AS region, nb.programme_id, 1 AS added, 0 AS ended
              FROM snapshot_enrolment nb LEFT JOIN snapshot_enrolment na ON na.snapshot_id = \(bind: a) AND na.enrolment_id = nb.enrolment_id
              WHERE nb.snapshot_id = \(bind: b) AND na.enrolment_id IS NULL
              UNION ALL
              SELECT substr(na.village_code, 1, \(unsafeRaw: String(length))) AS region, na.programme_id, 0 AS added, 1 AS ended
              FROM snapshot_enrolment na LEFT JOIN snapshot_enrolment nb ON nb.snapshot_id = \(bind: b) AND nb.enrolment_id = na.enrolment_id
              WHERE na.snapshot_id = \(bind: a) AND nb.enrolment_id IS NULL
            ) AS events JOIN programme p ON p.id = events.programme_id
            GROUP BY events.region, p.code ORDER BY events.region, p.code
            """
        var counts: [String: [String: (new: Int, ended: Int)]] = [:]
        for row in try await db.raw(query).all() {
            let region = try row.decode(column: "region", as: String.self), code = try row.decode(column: "code", as: String.self)
            counts[region, default: [:]][code] = (try row.decode(column: "added", as: Int.self), try row.decode(column: "ended", as: Int.self))
        }
        return counts
    }

    /// `regions` with the new and ended enrolments of A → B added (regions with only enrolment changes appended), and
    /// per programme when `byProgramme`. Unchanged when either snapshot did not freeze its enrolments.
    static func add(to regions: [RegionChange], _ db: any SQLDatabase, from a: Int, to b: Int, level: DiffLevel, within scope: RegionCode?,
                    byProgramme: Bool) async throws -> [RegionChange] {
        guard try await frozen(db, snapshot: a), try await frozen(db, snapshot: b) else { return regions }
        let counts = try await counts(db, from: a, to: b, length: level.codeLength)
        var byCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
        for (region, programmes) in counts {
            if let scope, let parsed = try? RegionCode(region), !scope.contains(parsed) { continue }
            var change = byCode[region] ?? RegionChange(code: region)
            change.newEnrolments = programmes.values.reduce(0) { $0 + $1.new }
            change.endedEnrolments = programmes.values.reduce(0) { $0 + $1.ended }
            if byProgramme {
                change.programmes = programmes.sorted { $0.key < $1.key }.map {
                    ProgrammeEnrolmentChange(programme: $0.key, newEnrolments: $0.value.new, endedEnrolments: $0.value.ended)
                }
            }
            byCode[region] = change
        }
        return byCode.values.sorted { $0.code < $1.code }
    }
}
