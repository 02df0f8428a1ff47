import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import Testing

/// Cancelling a running import: all or nothing — rows already written into the batch are rolled back with it.
@Suite struct ImportCancellationTests {
    /// 3,000 heads of family, one a row (written by a loop: each row gives a family and a person, so the batch is
    /// written in three chunks of 1,000 rows).
    static func file(rows: Int) throws -> URL {
        var lines = ["no_kk;nik;nama;jenis_kelamin;tanggal_lahir;kode_desa;shdk"]
        for index in 1...rows {
            let serial = String(format: "%04d", index)
            lines.append("520301110618\(serial);520301120785\(serial);Orang \(index);1;12-07-1985;5203012001;1")
        }
        return try ColumnTemplateTests.write(lines.joined(separator: "\n") + "\n", name: "besar.csv")
    }

    @Test(arguments: TestDatabase.engines)
    func a_cancel_after_rows_were_written_into_the_batch_leaves_nothing(engine: Database.Engine) async throws {
        let url = try Self.file(rows: 3_000)
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            let written = ChunkCount()
            // Cancelled once the first chunk is in the (uncommitted) batch: the import is running, rows are written.
            var options = ImportFixtures.options()
            options.cancellation = ImportCancellation { chunks in
                await written.set(chunks)
                if chunks == 1 { await written.cancelNow() }
            }
            await written.attach(options.cancellation)
            await #expect(throws: ImportError.cancelled(file: "besar.csv")) {
                _ = try await job.run(url, options: options)
            }
            #expect(await written.value == 1)
            for table in ["person", "household", "import_batch"] {
                #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM \(table)", in: database) == 0, "\(table)")
            }
            // The same file, not cancelled: every row is there (so the cancel, not the file, kept it out).
            var again = ImportFixtures.options()
            again.cancellation = ImportCancellation()
            let report = try await job.run(url, options: again)
            #expect(report.inserted == 3_000 && report.rejected == 0)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person", in: database) == 3_000)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_cancel_while_the_last_rows_are_written_rolls_the_batch_back(engine: Database.Engine) async throws {
        let url = try Self.file(rows: 1_500)
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            let written = ChunkCount()
            var options = ImportFixtures.options()
            // The second chunk is the last: cancelled after it, the scan ends, and the batch is still not committed.
            options.cancellation = ImportCancellation { chunks in
                await written.set(chunks)
                if chunks == 2 { await written.cancelNow() }
            }
            await written.attach(options.cancellation)
            await #expect(throws: ImportError.cancelled(file: "besar.csv")) {
                _ = try await job.run(url, options: options)
            }
            #expect(await written.value == 2)
            let people = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person", in: database)
            let batches = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM import_batch", in: database)
            #expect(people == 0 && batches == 0)
        }
    }
}

/// The chunks a test import wrote, and the cancellation to trigger from its hook.
actor ChunkCount {
    private(set) var value = 0
    private var cancellation: ImportCancellation?

    func set(_ chunks: Int) { value = chunks }
    func attach(_ cancellation: ImportCancellation?) { self.cancellation = cancellation }
    func cancelNow() { cancellation?.cancel() }
}
