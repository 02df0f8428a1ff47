import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// The hand-made files of `Fixtures/real-shapes`: shapes that other systems write (P3KE, DTSEN ART, SIAK,
/// BDT 2015, Regsosek 2022, village-system exports) and bad inputs, written from the layout descriptions of
/// docs/domain.md §1, not by the generator and not with the importer. Their expected figures are written out
/// by hand in the tests; `make_fixtures.py` in that folder writes the XLSX files (the CSVs are typed by hand).
enum RealShapes {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/real-shapes", isDirectory: true)

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// Imports one fixture with layout `auto` as of `ImportFixtures.asOf`.
    static func importFile(_ name: String, into database: Database, options: ImportOptions = ImportFixtures.options()) async throws -> ImportReport {
        let job = ImportJob(database: database, references: ImportFixtures.references)
        return try await job.run(url(name), options: options)
    }

    /// The figures of each region asked for, summed from the stored village tallies (every village inside it).
    static func figures(_ codes: [String], in database: Database) async throws -> [String: Figures] {
        let villages = try await VillageAggregateStore(database: database).fetchTallies(within: try RegionCode("52"))
        var result: [String: Figures] = [:]
        for code in codes {
            let region = try RegionCode(code)
            var tally = RegionTally()
            for (village, villageTally) in villages where region.contains(village) { tally.merge(villageTally) }
            result[code] = Figures(tally)
        }
        return result
    }

    /// Checks every region's figures against the expected ones, naming the region and the fixture.
    static func expectFigures(_ expected: [(String, Figures)], in database: Database, file: String,
                              sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let actual = try await figures(expected.map(\.0), in: database)
        for (code, figures) in expected {
            #expect(actual[code] == figures, "\(file), \(code): got \(actual[code]?.description ?? "nothing"), expected \(figures)",
                    sourceLocation: sourceLocation)
        }
    }

    /// One stored problem of a batch.
    struct StoredIssue: CustomStringConvertible {
        let row: Int?
        let column: String?
        let severity: String
        let code: String
        let message: String
        var description: String { "row \(row.map(String.init) ?? "-") [\(column ?? "-")] \(severity) \(code): \(message)" }
    }

    /// Every problem stored for a batch, in row order.
    static func issues(batch: Int, in database: Database) async throws -> [StoredIssue] {
        let rows = try await database.read { db in
            try await db.raw("SELECT row_number, column_name, severity, code, message FROM import_issue WHERE batch_id = \(bind: batch) ORDER BY row_number").all()
        }
        return try rows.map { row in
            StoredIssue(row: try row.decodeNil(column: "row_number") ? nil : try row.decode(column: "row_number", as: Int.self),
                        column: try row.decodeNil(column: "column_name") ? nil : try row.decode(column: "column_name", as: String.self),
                        severity: try row.decode(column: "severity", as: String.self),
                        code: try row.decode(column: "code", as: String.self),
                        message: try row.decode(column: "message", as: String.self))
        }
    }

    /// The Bahasa Indonesia text of an error the import threw.
    static func indonesianText(of error: any Error) -> String {
        if let error = error as? ImportError { return error.indonesianDescription }
        return String(describing: error)
    }

    static func count(_ sql: String, in database: Database) async throws -> Int {
        try await ImportFixtures.count(sql, in: database)
    }
}

/// The headline figures of one region: what the board reads. Written out by hand for each fixture.
struct Figures: Equatable, Sendable, CustomStringConvertible {
    var families = 0
    var people = 0
    var male = 0
    var female = 0
    /// People by age band on 2025-06-30: 0–4, 5–17, 18–59, 60+.
    var ages = [0, 0, 0, 0]
    var disabled = 0
    var femaleHeaded = 0
    var withChildren = 0
    var withElderly = 0
    var desil1 = 0
    var desil1to4 = 0

    init(families: Int, people: Int, male: Int, female: Int, ages: [Int], disabled: Int,
         femaleHeaded: Int, withChildren: Int, withElderly: Int, desil1: Int = 0, desil1to4: Int = 0) {
        self.families = families
        self.people = people
        self.male = male
        self.female = female
        self.ages = ages
        self.disabled = disabled
        self.femaleHeaded = femaleHeaded
        self.withChildren = withChildren
        self.withElderly = withElderly
        self.desil1 = desil1
        self.desil1to4 = desil1to4
    }

    /// Reads the figures of a stored tally.
    init(_ tally: RegionTally) {
        families = tally.families
        people = tally.people
        male = tally.population.male
        female = tally.population.female
        ages = [AgeBand.under5, .child5to17, .adult18to59, .elderly60plus].map { tally.population.count(band: $0) }
        disabled = tally.disabled.total
        femaleHeaded = tally.femaleHeadedFamilies.total
        // FamilyCounts dimensions: 0 head sex, 1 member with disability, 2 elderly member, 3 child member.
        withChildren = tally.allFamilies.count(dimension: 3, group: 1)
        withElderly = tally.allFamilies.count(dimension: 2, group: 1)
        desil1 = tally.familiesByDesil[0].total
        desil1to4 = tally.familiesByDesil[0..<4].reduce(0) { $0 + $1.total }
    }

    var description: String {
        "families \(families), people \(people) (m \(male), f \(female)), ages \(ages), disabled \(disabled), "
            + "female-headed \(femaleHeaded), with children \(withChildren), with elderly \(withElderly), desil 1 \(desil1), desil 1–4 \(desil1to4)"
    }
}
