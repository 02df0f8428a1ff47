import Foundation
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing
import ZIPFoundation

/// `lumbung backup` / `lumbung restore` on both engines: a restore gives back every table row for row, and a
/// backup that is cut short, altered, newer or of the other engine, or a target that already holds data, is
/// refused with nothing overwritten.
@Suite struct BackupTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lumbung-backup-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Two families, three people (one without NIK) and a user, written with plain SQL.
    static func fill(_ database: Database) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO household (id, regency_code, village_code, kk_number, desil, floor) VALUES
                (1, '52.03', '52.03.01.2001', '5203010101900001', 1, 8), (2, '52.01', '52.01.01.2002', '5201010101900002', 4, NULL)
                """).run()
            try await db.raw("""
                INSERT INTO person (regency_code, household_id, village_code, nik, nik_status, full_name, sex, relationship) VALUES
                ('52.03', 1, '52.03.01.2001', '5203014507850001', 'valid', 'Baiq Siti', 2, 1),
                ('52.03', 1, '52.03.01.2001', NULL, 'missing', 'Lalu Ahmad ''Tanpa NIK''', 1, 4),
                ('52.01', 2, '52.01.01.2002', '5201011207800001', 'valid', 'Sahdan', 1, 1)
                """).run()
        }
    }

    /// Every table's rows as sorted lines of text, read with plain SQL (not with the backup's checksum code).
    static func contents(_ database: Database) async throws -> [String: [String]] {
        try await database.read { db in
            let names: [String]
            switch database.engine {
            case .sqlite:
                names = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            case .postgres:
                names = try await db.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            }
            var result: [String: [String]] = [:]
            for name in names {
                let rows: [String]
                switch database.engine {
                case .sqlite:
                    let columns = try await db.raw("SELECT name FROM pragma_table_info(\(bind: name))").all().map { try $0.decode(column: "name", as: String.self) }
                    let expression = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
                    rows = try await db.raw(SQLQueryString("SELECT \(expression) AS line FROM \"\(name)\"")).all()
                        .map { try $0.decode(column: "line", as: String.self) }
                case .postgres:
                    rows = try await db.raw(SQLQueryString("SELECT t::text AS line FROM \"\(name)\" t")).all()
                        .map { try $0.decode(column: "line", as: String.self) }
                }
                result[name] = rows.sorted()
            }
            return result
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_restore_gives_back_every_table_row_for_row(engine: Database.Engine) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cadangan.zip")
        let original = try await TestDatabase.with(engine) { database in
            try await Self.fill(database)
            let manifest = try await DatabaseBackup.backup(database, to: file, logger: TestDatabase.logger)
            #expect(manifest.tables.first { $0.table == "person" }?.rows == 3)
            #expect(manifest.tables.first { $0.table == "household" }?.rows == 2)
            // Written after the backup: must not be in the restored copy.
            try await database.transaction { db in
                try await db.raw("DELETE FROM person WHERE full_name = 'Sahdan'").run()
            }
            return try await Self.contents(database)
        }
        #expect(original["person"]?.count == 2)

        let target = try await TestDatabase.create(engine)
        defer { Task { try? await TestDatabase.drop(target) } }
        try await DatabaseBackup.restore(file, into: target.location, logger: TestDatabase.logger)
        let restoredDatabase = try await TestDatabase.open(target.location)
        let restored = try await Self.contents(restoredDatabase)
        let households = try await restoredDatabase.read { db in
            try await db.raw("SELECT kk_number FROM household ORDER BY id").all().map { try $0.decode(column: "kk_number", as: String.self) }
        }
        await restoredDatabase.close()

        #expect(households == ["5203010101900001", "5201010101900002"])
        #expect(restored["person"]?.count == 3)
        #expect(restored["person"]?.contains { $0.contains("Lalu Ahmad") && $0.contains("Tanpa NIK") } == true)
        // Every other table equal row for row to the original.
        #expect(Set(restored.keys) == Set(original.keys))
        for (table, rows) in original where !table.hasPrefix("person") {  // PostgreSQL lists its partitions too
            #expect(restored[table] == rows, "\(table)")
        }
        // The target now holds data: a second restore into it is refused.
        await #expect(throws: BackupError.self) {
            try await DatabaseBackup.restore(file, into: target.location, logger: TestDatabase.logger)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_target_that_holds_data_is_refused_and_left_as_it_was(engine: Database.Engine) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cadangan.zip")
        try await TestDatabase.with(engine) { database in
            try await DatabaseBackup.backup(database, to: file, logger: TestDatabase.logger)
        }
        try await TestDatabase.with(engine) { existing in
            try await Self.fill(existing)
            let before = try await Self.contents(existing)
            await #expect(throws: BackupError.self) {
                try await DatabaseBackup.restore(file, into: existing.location, logger: TestDatabase.logger)
            }
            #expect(try await Self.contents(existing) == before)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_cut_altered_newer_or_foreign_backup_is_refused(engine: Database.Engine) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cadangan.zip")
        try await TestDatabase.with(engine) { database in
            try await Self.fill(database)
            try await DatabaseBackup.backup(database, to: file, logger: TestDatabase.logger)
        }
        let bytes = try Data(contentsOf: file)

        func refusal(_ data: Data, _ label: String) async throws -> String? {
            let broken = folder.appendingPathComponent("\(label).zip")
            try data.write(to: broken)
            let target = try await TestDatabase.create(engine)
            defer { Task { try? await TestDatabase.drop(target) } }
            do {
                try await DatabaseBackup.restore(broken, into: target.location, logger: TestDatabase.logger)
                return nil
            } catch {
                #expect(error is BackupError, "\(label): \(error)")
                if case .sqlite(let path) = target.location { #expect(!FileManager.default.fileExists(atPath: path), "\(label)") }
                return "\(error)"
            }
        }

        // Cut in half.
        let cut = try await refusal(bytes.prefix(bytes.count / 2), "cut")
        #expect(cut?.contains("not a Lumbung backup") == true || cut?.contains("damaged") == true, "\(String(describing: cut))")

        // One byte of the stored database changed: the zip's CRC or the copy's SHA-256 tells.
        var flipped = bytes
        let middle = flipped.count / 2
        flipped[middle] ^= 0x5a
        let altered = try await refusal(flipped, "altered")
        #expect(altered != nil)

        // A manifest that claims a newer schema, and one of the other engine.
        func rewritten(_ change: (inout [String: Any]) -> Void, _ label: String) async throws -> String? {
            let source = try Archive(url: file, accessMode: .read)
            var manifestData = Data()
            _ = try source.extract(try #require(source["manifest.json"])) { manifestData.append($0) }
            var manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
            change(&manifest)
            let databaseName = try #require(manifest["databaseFile"] as? String)
            let work = folder.appendingPathComponent("work-\(label)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            _ = try source.extract(try #require(source[databaseName]), to: work.appendingPathComponent(databaseName))
            try JSONSerialization.data(withJSONObject: manifest).write(to: work.appendingPathComponent("manifest.json"))
            let rebuilt = folder.appendingPathComponent("\(label)-source.zip")
            let archive = try Archive(url: rebuilt, accessMode: .create)
            try archive.addEntry(with: "manifest.json", relativeTo: work)
            try archive.addEntry(with: databaseName, relativeTo: work)
            return try await refusal(try Data(contentsOf: rebuilt), label)
        }
        let newer = try await rewritten({ $0["schemaVersion"] = 999 }, "newer")
        #expect(newer?.contains("newer Lumbung") == true, "\(String(describing: newer))")
        let other = try await rewritten({ $0["engine"] = engine == .sqlite ? "postgres" : "sqlite" }, "foreign")
        #expect(other?.contains("cannot be restored into") == true, "\(String(describing: other))")
        // A table's count in the manifest that the copy does not have: the comparison after restoring tells.
        let lying = try await rewritten({ manifest in
            var tables = manifest["tables"] as? [[String: Any]] ?? []
            if let index = tables.firstIndex(where: { $0["table"] as? String == "person" }) { tables[index]["rows"] = 4 }
            manifest["tables"] = tables
        }, "lying")
        #expect(lying?.contains("table person differs") == true, "\(String(describing: lying))")

        // Not a zip at all.
        let text = try await refusal(Data("NIK;Nama\n".utf8), "text")
        #expect(text?.contains("not a Lumbung backup") == true)
    }
}
