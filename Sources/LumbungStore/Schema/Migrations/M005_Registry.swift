import LumbungDomain
import Foundation
import SQLKit

extension Migration {
    /// The social registry: families (`household`, one per KK) and people (`person`).
    ///
    /// Both tables carry `regency_code` (the kabupaten/kota of the village). On PostgreSQL they are
    /// partitioned by it — one partition per NTB kabupaten/kota plus a default one for the rest of
    /// Indonesia — and keyed by `(regency_code, id)`, the shape a national registry distributes on.
    /// Code columns hold the official codes of the lists in `LumbungDomain` (Regsosek 2022 for
    /// housing, Dukcapil for relationship, marital status and education); their ranges are written out as
    /// they were when this step was made, so that a later change to a list cannot change it.
    static let registry = Migration(id: 5, name: "create registry") { db, d in
        let statements = [
            """
            CREATE TABLE household (
                id \(d.serial) NOT NULL,
                regency_code TEXT NOT NULL,
                village_code TEXT NOT NULL REFERENCES region (code),
                kk_number TEXT,
                source_family_id TEXT,
                head_name TEXT,
                address TEXT,
                rt TEXT,
                rw TEXT,
                desil INTEGER CHECK (desil BETWEEN 1 AND 10),
                building_ownership INTEGER \(d.check("building_ownership", codes: 1...5)),
                floor_area INTEGER CHECK (floor_area >= 0),
                floor INTEGER \(d.check("floor", codes: 1...9)),
                wall INTEGER \(d.check("wall", codes: 1...7)),
                roof INTEGER \(d.check("roof", codes: 1...8)),
                drinking_water INTEGER \(d.check("drinking_water", codes: 1...11)),
                lighting INTEGER \(d.check("lighting", codes: 1...4)),
                cooking_fuel INTEGER \(d.check("cooking_fuel", codes: 1...12)),
                defecation_facility INTEGER \(d.check("defecation_facility", codes: 1...6)),
                toilet_type INTEGER \(d.check("toilet_type", codes: 1...4)),
                sewage_disposal INTEGER \(d.check("sewage_disposal", codes: 1...6)),
                first_batch_id \(d.bigint) REFERENCES import_batch (id),
                last_batch_id \(d.bigint) REFERENCES import_batch (id),
                first_seen_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                last_seen_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                \(d.engine == .postgres ? "PRIMARY KEY (regency_code, id)" : "PRIMARY KEY (id)"),
                CHECK (substr(village_code, 1, 5) = regency_code)
            )\(d.partitionedByRegency)
            """,
            "CREATE UNIQUE INDEX household_regency_id ON household (regency_code, id)",
            "CREATE UNIQUE INDEX household_kk_number ON household (regency_code, kk_number) WHERE kk_number IS NOT NULL",
            "CREATE INDEX household_village ON household (village_code)",
            """
            CREATE TABLE person (
                id \(d.serial) NOT NULL,
                regency_code TEXT NOT NULL,
                household_id \(d.bigint) NOT NULL,
                village_code TEXT NOT NULL REFERENCES region (code),
                nik TEXT,
                nik_status TEXT NOT NULL \(d.check("nik_status", in: ["valid", "missing"])),
                full_name TEXT NOT NULL,
                sex INTEGER \(d.check("sex", codes: 1...2)),
                birth_date \(d.date),
                birth_place TEXT,
                relationship INTEGER \(d.check("relationship", codes: 1...11)),
                marital_status INTEGER \(d.check("marital_status", codes: 1...4)),
                education INTEGER \(d.check("education", codes: 1...10)),
                occupation TEXT,
                mother_name TEXT,
                disability INTEGER \(d.check("disability", codes: 1...5)),
                pregnant \(d.boolean),
                chronic_illness INTEGER CHECK (chronic_illness BETWEEN 1 AND 18),
                school_participation INTEGER \(d.check("school_participation", codes: 1...3)),
                health_insurance INTEGER CHECK (health_insurance BETWEEN 0 AND 15),
                needs_verification \(d.boolean) NOT NULL DEFAULT \(d.falseValue),
                first_batch_id \(d.bigint) REFERENCES import_batch (id),
                last_batch_id \(d.bigint) REFERENCES import_batch (id),
                first_seen_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                last_seen_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                \(d.engine == .postgres ? "PRIMARY KEY (regency_code, id)" : "PRIMARY KEY (id)"),
                FOREIGN KEY (regency_code, household_id) REFERENCES household (regency_code, id),
                CHECK (substr(village_code, 1, 5) = regency_code),
                CHECK ((nik_status = 'valid') = (nik IS NOT NULL))
            )\(d.partitionedByRegency)
            """,
            "CREATE UNIQUE INDEX person_nik ON person (regency_code, nik) WHERE nik_status = 'valid'",
            "CREATE INDEX person_nik_anywhere ON person (nik)",
            "CREATE INDEX person_household ON person (regency_code, household_id)",
            "CREATE INDEX person_village ON person (village_code)",
        ]
        for statement in statements {
            try await db.raw(SQLQueryString(statement)).run()
        }
        if d.engine == .postgres {
            try await createRegencyPartitions(db)
        }
    }

    /// One partition per kabupaten/kota in the region table, and a default partition for any other code.
    private static func createRegencyPartitions(_ db: any SQLDatabase) async throws {
        let regencies = try await db.raw("SELECT code FROM region WHERE depth = 2 ORDER BY code").all()
            .map { try $0.decode(column: "code", as: String.self) }
        for table in ["household", "person"] {
            for code in regencies {
                let suffix = code.replacingOccurrences(of: ".", with: "_")
                let partition = "CREATE TABLE \(table)_\(suffix) PARTITION OF \(table) FOR VALUES IN ('\(code)')"
                try await db.raw(SQLQueryString(partition)).run()
            }
            let fallback = "CREATE TABLE \(table)_other PARTITION OF \(table) DEFAULT"
            try await db.raw(SQLQueryString(fallback)).run()
        }
    }
}
