import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// New and ended enrolments in the release diff, on the five hand-made families of `ProgrammeFixtures` (Tanjung Luar
/// 52.03.01.2001: families 1–3; Pijot 52.03.01.2002: families 4–5) and two programmes written here:
///
/// | enrolment | programme | family | at snapshot A | between A and B | at snapshot B |
/// |---|---|---|---|---|---|
/// | 1 | PKH | 1 | running | — | running |
/// | 2 | PKH | 2 | running | ended | — |
/// | 3 | BPNT | 1 | running | ended, then re-started | running (neither new nor ended) |
/// | 4 | BPNT | 5 | — | enrolled | running (new, Pijot) |
/// | 5 | PKH | 4 | — | enrolled | running (new, Pijot) |
/// | 6 | PKH | 3 | ended before A | — | — |
/// | 7 | BPNT | 3 | running | family 3 moves to Pijot; ended | — (ended, at Tanjung Luar: its desa in A) |
///
/// By hand: Tanjung Luar — new 0, ended 2 (enrolments 2 and 7; PKH 1, BPNT 1); Pijot — new 2 (PKH 1, BPNT 1), ended 0;
/// Keruak and Lombok Timur — new 2, ended 2.
@Suite struct SnapshotEnrolmentTests {
    static func enrol(_ db: any SQLDatabase, id: Int, programme: Int, household: Int, village: String, ended: String? = nil, postgres: Bool) async throws {
        let endedOn: SQLQueryString = ended.map { postgres ? "CAST(\(bind: $0) AS DATE)" : "\(bind: $0)" } ?? "NULL"
        try await db.raw("""
            INSERT INTO enrolment (id, programme_id, enrolment_key, period, match_kind, regency_code, village_code, household_id, ended_on)
            VALUES (\(bind: id), \(bind: programme), \(bind: "kk-\(household)-\(id)"), '', 'kk', '52.03', \(bind: village), \(bind: household), \(endedOn))
            """).run()
    }

    @Test(arguments: TestDatabase.engines)
    func new_and_ended_enrolments_are_counted_where_the_family_lives(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let postgres = engine == .postgres
            try await ProgrammeFixtures.registry(database)
            try await database.transaction { db in
                let tally: SQLQueryString = postgres ? "CAST('{}' AS jsonb)" : "'{}'"
                try await db.raw("INSERT INTO village_aggregate (village_code, regency_code, as_of, tally) VALUES ('52.03.01.2001', '52.03', '2024-06-30', \(tally))").run()
                try await db.raw("INSERT INTO organisation (id, name, kind) VALUES (1, 'Kemensos', 'kementerian')").run()
                let start: SQLQueryString = postgres ? "CAST('2020-01-01' AS DATE)" : "'2020-01-01'"
                try await db.raw("INSERT INTO programme (id, code, name, organisation_id, unit, start_date) VALUES (1, 'PKH', 'PKH', 1, 'keluarga', \(start))").run()
                try await db.raw("INSERT INTO programme (id, code, name, organisation_id, unit, start_date) VALUES (2, 'BPNT', 'BPNT', 1, 'keluarga', \(start))").run()
                try await Self.enrol(db, id: 1, programme: 1, household: 1, village: "52.03.01.2001", postgres: postgres)
                try await Self.enrol(db, id: 2, programme: 1, household: 2, village: "52.03.01.2001", postgres: postgres)
                try await Self.enrol(db, id: 3, programme: 2, household: 1, village: "52.03.01.2001", postgres: postgres)
                try await Self.enrol(db, id: 6, programme: 1, household: 3, village: "52.03.01.2001", ended: "2024-01-31", postgres: postgres)
                try await Self.enrol(db, id: 7, programme: 2, household: 3, village: "52.03.01.2001", postgres: postgres)
            }
            let store = SnapshotStore(database: database)
            let a = try await store.create(name: SnapshotName("a")!, date: CalendarDate(year: 2024, month: 6, day: 30), by: "uji")
            try await database.transaction { db in
                let ended: SQLQueryString = postgres ? "CAST('2025-03-31' AS DATE)" : "'2025-03-31'"
                try await db.raw("UPDATE enrolment SET ended_on = \(ended) WHERE id IN (2, 7)").run()
                try await db.raw("UPDATE enrolment SET ended_on = \(ended) WHERE id = 3").run()
                try await db.raw("UPDATE enrolment SET ended_on = NULL WHERE id = 3").run()
                try await db.raw("UPDATE household SET village_code = '52.03.01.2002' WHERE id = 3").run()
                try await Self.enrol(db, id: 4, programme: 2, household: 5, village: "52.03.01.2002", postgres: postgres)
                try await Self.enrol(db, id: 5, programme: 1, household: 4, village: "52.03.01.2002", postgres: postgres)
            }
            let b = try await store.create(name: SnapshotName("b")!, date: CalendarDate(year: 2025, month: 6, day: 30), by: "uji")

            func counts(_ level: DiffLevel) async throws -> [String: [Int]] {
                let diff = try await store.diff(from: a, to: b, level: level)
                return Dictionary(uniqueKeysWithValues: diff.regions.map { ($0.code, [$0.newEnrolments, $0.endedEnrolments]) })
                    .filter { $0.value != [0, 0] }
            }
            #expect(try await counts(.desa) == ["52.03.01.2001": [0, 2], "52.03.01.2002": [2, 0]])
            #expect(try await counts(.kecamatan) == ["52.03.01": [2, 2]])
            #expect(try await counts(.kabupaten) == ["52.03": [2, 2]])
            let byProgramme = try await store.diff(from: a, to: b, level: .desa, byProgramme: true)
            let tanjungLuar = try #require(byProgramme.regions.first { $0.code == "52.03.01.2001" })
            #expect(tanjungLuar.programmes == [ProgrammeEnrolmentChange(programme: "BPNT", newEnrolments: 0, endedEnrolments: 1),
                                               ProgrammeEnrolmentChange(programme: "PKH", newEnrolments: 0, endedEnrolments: 1)])
            let pijot = try #require(byProgramme.regions.first { $0.code == "52.03.01.2002" })
            #expect(pijot.programmes == [ProgrammeEnrolmentChange(programme: "BPNT", newEnrolments: 1, endedEnrolments: 0),
                                         ProgrammeEnrolmentChange(programme: "PKH", newEnrolments: 1, endedEnrolments: 0)])
            // Without the breakdown the JSON has no "programmes"; the reverse diff swaps new and ended.
            let plain = try await store.diff(from: a, to: b, level: .kabupaten)
            #expect(plain.regions.allSatisfy { $0.programmes == nil })
            let reverse = try await store.diff(from: b, to: a, level: .kabupaten)
            #expect(reverse.regions.first { $0.code == "52.03" }.map { [$0.newEnrolments, $0.endedEnrolments] } == [2, 2])
        }
    }
}
