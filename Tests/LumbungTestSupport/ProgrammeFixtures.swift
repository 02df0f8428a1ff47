import LumbungStore
import SQLKit

/// A registry of five hand-made families in Kecamatan 52.03.01, for programme and coverage tests:
///
/// | family | desa | desil | KK | members (NIK) |
/// |---|---|---|---|---|
/// | 1 | 52.03.01.2001 | 1 | 5203010101200001 | Inaq Sari 5203014101800001 (head), Amaq Sari 5203010101780001 |
/// | 2 | 52.03.01.2001 | 1 | 5203010101200002 | Baiq Nur 5203014202850001 (head), Lalu Adi 5203010303100001 |
/// | 3 | 52.03.01.2001 | 7 | 5203010101200003 | Made Putra 5203010404700001 (head) |
/// | 4 | 52.03.01.2002 | 3 | 5203010101200004 | Papuq Rahim, no NIK, born 1950-05-05 (head) |
/// | 5 | 52.03.01.2002 | 2 | 5203010101200005 | Nengah 5203015505900001 (head) |
public enum ProgrammeFixtures {
    public static func registry(_ database: Database) async throws {
        try await database.transaction { db in
            let families: [(Int, String, Int, String)] = [
                (1, "52.03.01.2001", 1, "5203010101200001"), (2, "52.03.01.2001", 1, "5203010101200002"), (3, "52.03.01.2001", 7, "5203010101200003"),
                (4, "52.03.01.2002", 3, "5203010101200004"), (5, "52.03.01.2002", 2, "5203010101200005"),
            ]
            for (id, village, desil, kk) in families {
                try await db.raw("""
                    INSERT INTO household (id, regency_code, village_code, kk_number, desil) VALUES (\(bind: id), '52.03', \(bind: village), \(bind: kk), \(bind: desil))
                    """).run()
            }
            let people: [(Int, Int, String, String?, String, String, Int)] = [
                (1, 1, "52.03.01.2001", "5203014101800001", "Inaq Sari", "1980-01-01", 1), (2, 1, "52.03.01.2001", "5203010101780001", "Amaq Sari", "1978-01-01", 2),
                (3, 2, "52.03.01.2001", "5203014202850001", "Baiq Nur", "1985-02-02", 1), (4, 2, "52.03.01.2001", "5203010303100001", "Lalu Adi", "2010-03-03", 4),
                (5, 3, "52.03.01.2001", "5203010404700001", "Made Putra", "1970-04-04", 1), (6, 4, "52.03.01.2002", nil, "Papuq Rahim", "1950-05-05", 1),
                (7, 5, "52.03.01.2002", "5203015505900001", "Nengah", "1990-05-15", 1),
            ]
            for (id, household, village, nik, name, birth, relationship) in people {
                let date = database.engine == .postgres ? "CAST('\(birth)' AS DATE)" : "'\(birth)'"
                try await db.raw("""
                    INSERT INTO person (id, regency_code, household_id, village_code, nik, nik_status, full_name, birth_date, relationship)
                    VALUES (\(bind: id), '52.03', \(bind: household), \(bind: village), \(bind: nik), \(bind: nik == nil ? "missing" : "valid"), \(bind: name),
                            \(unsafeRaw: date), \(bind: relationship))
                    """).run()
            }
        }
    }

}
