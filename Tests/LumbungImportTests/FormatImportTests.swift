import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import Testing

/// Issue 13: the .ods, .xls and HTML-as-.xls versions of one file give the figures of its CSV. The files are
/// LumbungSheetsTests' `Fixtures/formats` (keluarga.csv saved by LibreOffice; the web page written by hand).
@Suite struct FormatImportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LumbungSheetsTests/Fixtures/formats", isDirectory: true)

    struct Figures: Equatable {
        let read, inserted, rejected, warned, families: Int
        let tally: RegionTally
    }

    static func figures(_ name: String, engine: Database.Engine) async throws -> Figures {
        // A copy, so that the rejects file and nothing else is written next to it.
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("formats-import-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let url = work.appendingPathComponent(name)
        try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: url)
        return try await TestDatabase.with(engine) { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.layout == "dtsen-individu", "\(name)")
            return Figures(read: report.rowsRead, inserted: report.inserted, rejected: report.rejected, warned: report.warned,
                           families: report.familiesInserted, tally: try await PersonRowFamiliesTests.tally("52.03.01.2001", in: database))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_ods_xls_and_html_versions_give_the_figures_of_the_csv(engine: Database.Engine) async throws {
        let csv = try await Self.figures("keluarga.csv", engine: engine)
        // By hand from keluarga.csv: 8 people in 3 families, all living; heads Baiq Zoë Siti and Inaq Raehan are women;
        // Lalu Ahmad (netra), Inaq Sahnan (fisik) and Baiq Nurhayati (rungu) have a disability; desil 1, 3 and 2.
        #expect(csv.read == 8 && csv.inserted == 8 && csv.rejected == 0 && csv.families == 3)
        #expect(csv.tally.people == 8 && csv.tally.families == 3)
        #expect(csv.tally.population.male == 3 && csv.tally.population.female == 5)
        #expect(csv.tally.disabled.total == 3 && csv.tally.femaleHeadedFamilies.total == 2)
        #expect(csv.tally.familiesByDesil[0].total == 1 && csv.tally.familiesByDesil[1].total == 1 && csv.tally.familiesByDesil[2].total == 1)
        for name in ["keluarga.xls", "keluarga.ods", "keluarga.html", "keluarga-web.xls"] {
            let other = try await Self.figures(name, engine: engine)
            #expect(other == csv, "\(name)")
        }
    }
}
