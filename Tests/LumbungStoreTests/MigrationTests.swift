import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

@Suite struct MigrationTests {
    @Test(arguments: TestDatabase.engines)
    func fresh_database_gets_every_migration_recorded(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine, migrated: false) { database in
            let applied = try await Migrator().migrate(database)
            #expect(applied.map(\.id) == Migrator.all.map(\.id))
            let ledger = try await Migrator().applied(on: database)
            #expect(ledger.map(\.id) == Array(1...Migrator.all.count))
            #expect(ledger.allSatisfy { !$0.appliedAt.isEmpty })
        }
    }

    @Test(arguments: TestDatabase.engines)
    func migrating_again_changes_nothing(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let again = try await Migrator().migrate(database)
            #expect(again.isEmpty)
            let regions = try await count("region", in: database)
            #expect(regions == 1_294)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func region_tables_hold_the_whole_ntb_tree(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let byLevel = try await database.read { db in
                try await db.raw("SELECT level, COUNT(*) AS n FROM region GROUP BY level ORDER BY level").all()
            }.reduce(into: [String: Int]()) { $0[try $1.decode(column: "level", as: String.self)] = try $1.decode(column: "n", as: Int.self) }
            #expect(byLevel == ["provinsi": 1, "kabupaten": 8, "kota": 2, "kecamatan": 117, "desa": 1_021, "kelurahan": 145])
            let boundaries = try await count("region_boundary", in: database)
            let bpsCodes = try await count("region_bps_code", in: database)
            let national = try await count("national_region", in: database)
            #expect(boundaries == 10 + 117 + 1_150)
            #expect(bpsCodes == 1_267)
            #expect(national == 7_837)
            let sekotong = try await RegionStore(database: database).region(forBPSCode: "5201010")
            let expected = try RegionCode("52.01.07")
            #expect(sekotong == expected)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_failing_migration_leaves_the_database_as_it_was(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine, migrated: false) { database in
            let broken = Migration(id: Migrator.all.last!.id + 1, name: "broken on purpose") { _ in
                ["CREATE TABLE half_done (id INTEGER)", "INSERT INTO region (code) VALUES ('99')", "CREATE TABLE never (id INTEGER)"]
            }
            let migrator = Migrator(migrations: Migrator.all + [broken], logger: TestDatabase.logger)
            await #expect {
                try await migrator.migrate(database)
            } throws: { error in
                guard case StoreError.migrationFailed(let id, _, _) = error else { return false }
                return id == broken.id
            }
            let ledger = try await migrator.applied(on: database).map(\.id)
            #expect(ledger == Migrator.all.map(\.id))
            // The table created before the failing statement was rolled back with it.
            await #expect(throws: (any Error).self) {
                try await database.read { db in try await db.raw("SELECT COUNT(*) FROM half_done").run() }
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_database_from_a_newer_lumbung_is_refused(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let older = Migrator(migrations: Array(Migrator.all.prefix(3)), logger: TestDatabase.logger)
            await #expect {
                try await older.migrate(database)
            } throws: { error in
                guard case StoreError.schemaTooNew(let applied, let known) = error else { return false }
                return applied == Migrator.all.last!.id && known == 3
            }
        }
    }

    private func count(_ table: String, in database: Database) async throws -> Int {
        let sql = "SELECT COUNT(*) AS n FROM \(table)"
        return try await database.read { db in
            try await db.raw(SQLQueryString(sql)).first()!.decode(column: "n", as: Int.self)
        }
    }
}

@Suite struct AggregateFormatMigrationTests {
    /// Migration 8 tallies every stored village again in the split format, from the records, keeping its date.
    @Test(arguments: TestDatabase.engines)
    func stored_tallies_of_the_old_format_are_rebuilt_from_the_records(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine, migrated: false) { database in
            try await Migrator(migrations: Array(Migrator.all.prefix(7)), logger: TestDatabase.logger).migrate(database)
            try await database.transaction { db in
                try await db.raw("""
                    INSERT INTO household (id, regency_code, village_code, kk_number, desil) VALUES (1, '52.03', '52.03.01.2001', '5203010101010001', 1)
                    """).run()
                try await db.raw("""
                    INSERT INTO person (id, regency_code, household_id, village_code, nik, nik_status, full_name, sex, birth_date, relationship, disability)
                    VALUES (1, '52.03', 1, '52.03.01.2001', NULL, 'missing', 'Inaq', 2, '1950-01-01', 1, 1)
                    """).run()
                try await db.raw("""
                    INSERT INTO village_aggregate (village_code, regency_code, as_of, tally) VALUES ('52.03.01.2001', '52.03', '2025-06-30', '{"families":1,"people":1}')
                    """).run()
            }
            try await Migrator(logger: TestDatabase.logger).migrate(database)
            let tally = try #require(try await VillageAggregateStore(database: database).fetchTallies(within: try RegionCode("52.03"))[try RegionCode("52.03.01.2001")])
            #expect(tally.families == 1 && tally.people == 1 && tally.familiesByDesil[0].total == 1)
            #expect(tally.population.female == 1 && tally.population.count(band: .elderly60plus) == 1 && tally.disabled.total == 1)
            #expect(tally.elderlyLivingAlone.total == 1 && tally.needsVerification.total == 1)
            #expect(try await VillageAggregateStore(database: database).generation() == 1)
        }
    }
}
