import LumbungDomain
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// The registry schema enforces its invariants in the database itself, on both engines.
@Suite struct RegistrySchemaTests {
    @Test(arguments: TestDatabase.engines)
    func a_family_and_its_people_can_be_stored(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            try await database.transaction { db in
                try await db.raw("""
                    INSERT INTO household (id, regency_code, village_code, kk_number, desil, floor, drinking_water)
                    VALUES (1, '52.03', '52.03.01.2001', \(bind: "5203010101900001"), 1, 8, 6)
                    """).run()
                try await db.raw("""
                    INSERT INTO person (regency_code, household_id, village_code, nik, nik_status, full_name, sex, relationship)
                    VALUES ('52.03', 1, '52.03.01.2001', \(bind: "5203014507850001"), 'valid', 'Contoh Warga', 2, 1)
                    """).run()
                try await db.raw("""
                    INSERT INTO person (regency_code, household_id, village_code, nik, nik_status, full_name, needs_verification)
                    VALUES ('52.03', 1, '52.03.01.2001', NULL, 'missing', 'Tanpa NIK', \(bind: true))
                    """).run()
            }
            let people = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM person WHERE village_code = '52.03.01.2001'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(people == 2)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func invalid_registry_rows_are_refused_and_nothing_of_the_transaction_stays(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let invalid = [
                // desil outside 1–10
                "INSERT INTO household (id, regency_code, village_code, desil) VALUES (2, '52.03', '52.03.01.2001', 11)",
                // a floor code that the Regsosek list does not have
                "INSERT INTO household (id, regency_code, village_code, floor) VALUES (2, '52.03', '52.03.01.2001', 10)",
                // a village outside the regency the row claims
                "INSERT INTO household (id, regency_code, village_code) VALUES (2, '52.01', '52.03.01.2001')",
                // an unknown village
                "INSERT INTO household (id, regency_code, village_code) VALUES (2, '52.03', '52.03.01.2999')",
            ]
            for statement in invalid {
                await #expect(throws: (any Error).self, "\(statement)") {
                    try await database.transaction { db in
                        try await db.raw("INSERT INTO household (id, regency_code, village_code) VALUES (1, '52.03', '52.03.01.2001')").run()
                        try await db.raw(SQLQueryString(statement)).run()
                    }
                }
            }
            let households = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM household").first()!.decode(column: "n", as: Int.self)
            }
            #expect(households == 0)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_valid_nik_is_unique_within_a_regency_and_a_missing_one_needs_no_value(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            try await database.transaction { db in
                try await db.raw("INSERT INTO household (id, regency_code, village_code) VALUES (1, '52.03', '52.03.01.2001')").run()
                try await db.raw("""
                    INSERT INTO person (regency_code, household_id, village_code, nik, nik_status, full_name)
                    VALUES ('52.03', 1, '52.03.01.2001', '5203014507850001', 'valid', 'A')
                    """).run()
            }
            await #expect(throws: (any Error).self) {
                try await database.transaction { db in
                    try await db.raw("""
                        INSERT INTO person (regency_code, household_id, village_code, nik, nik_status, full_name)
                        VALUES ('52.03', 1, '52.03.01.2001', '5203014507850001', 'valid', 'B')
                        """).run()
                }
            }
            // A "valid" status without a NIK, or a NIK marked missing, contradicts itself.
            await #expect(throws: (any Error).self) {
                try await database.transaction { db in
                    try await db.raw("""
                        INSERT INTO person (regency_code, household_id, village_code, nik, nik_status, full_name)
                        VALUES ('52.03', 1, '52.03.01.2001', NULL, 'valid', 'C')
                        """).run()
                }
            }
        }
    }
}
