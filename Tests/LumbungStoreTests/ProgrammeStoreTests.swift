import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Organisations, programmes, enrolments and coverage on the five hand-made families of `ProgrammeFixtures`.
@Suite struct ProgrammeStoreTests {
    static let actor = AuditActor(name: "tester", address: nil)
    static let start = CalendarDate(year: 2025, month: 1, day: 1)!

    static func registry(_ database: Database) async throws { try await ProgrammeFixtures.registry(database) }

    struct Setup {
        let store: ProgrammeStore
        let kemensos: Organisation
        let village: Organisation
    }

    static func programmes(_ database: Database) async throws -> Setup {
        let store = ProgrammeStore(database: database)
        let kemensos = try await store.addOrganisation(Organisation(name: "Kementerian Sosial", kind: .ministry), by: actor)
        let desa = try await store.addOrganisation(Organisation(name: "Pemerintah Desa Bagik Polak", kind: .village, region: try RegionCode("52.03.01.2001")), by: actor)
        let ntb = try RegionCode("52")
        for (code, organisation, sector, unit) in [("PKH", kemensos, Sector.cash, ProgrammeUnit.family), ("BLT-DD", desa, .cash, .family),
                                                   ("PBI-JK", kemensos, .health, .person)] {
            _ = try await store.add(Programme(code: ProgrammeCode(code)!, name: "Program \(code)", organisationID: organisation.id, sectors: [sector], unit: unit,
                                              fundingSource: "APBN", start: start, end: CalendarDate(year: 2025, month: 12, day: 31), budget: 1_000_000,
                                              targetRegions: [code == "BLT-DD" ? try RegionCode("52.03.01.2001") : ntb], maximumDesil: 4), by: actor)
        }
        return Setup(store: store, kemensos: kemensos, village: desa)
    }

    static func info(_ file: String, programme: String?, owner: String? = nil) -> EnrolmentListInfo {
        EnrolmentListInfo(batch: ImportBatchInfo(layout: "penerima-program", fileName: file, sha256: UUID().uuidString, dryRun: false,
                                                 asOf: CalendarDate(year: 2025, month: 6, day: 30)!),
                          programme: programme.flatMap(ProgrammeCode.init), owner: owner)
    }

    static func write(_ store: ProgrammeStore, _ info: EnrolmentListInfo, _ entries: [BeneficiaryEntry]) async throws -> EnrolmentOutcome {
        try await store.importEnrolments(info) { writer in
            try await writer.add(entries)
            return ([], BatchCounts(read: entries.count, warned: 0, rejected: 0))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func organisations_and_programmes_are_added_listed_changed_and_closed_with_audit(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let setup = try await Self.programmes(database)
            let store = setup.store
            await #expect(throws: ProgrammeProblem.organisationNameTaken("kementerian sosial")) {
                _ = try await store.addOrganisation(Organisation(name: "kementerian sosial", kind: .ministry), by: Self.actor)
            }
            let all = try await store.programmes()
            #expect(all.map(\.programme.code.value) == ["BLT-DD", "PBI-JK", "PKH"])
            #expect(all.first?.organisation.name == "Pemerintah Desa Bagik Polak" && all.first?.programme.sectors == [.cash])
            // A viewer of another kabupaten sees the province-wide ones only; a partner only its organisation's.
            #expect(try await store.programmes(visibleIn: try RegionCode("52.01")).map(\.programme.code.value) == ["PBI-JK", "PKH"])
            #expect(try await store.programmes(organisation: "pemerintah desa bagik polak").map(\.programme.code.value) == ["BLT-DD"])
            var pkh = try #require(try await store.programme(ProgrammeCode("PKH")!)).programme
            #expect(pkh.budget == 1_000_000 && pkh.end == CalendarDate(year: 2025, month: 12, day: 31) && pkh.maximumDesil == 4)
            pkh.budget = 2_500_000
            pkh.sectors = [.cash, .education]
            let changed = try await store.update(pkh, by: Self.actor)
            #expect(changed.programme.budget == 2_500_000 && changed.programme.sectors == [.cash, .education])
            var taken = pkh
            taken.id = nil
            await #expect(throws: ProgrammeProblem.codeTaken("PKH")) { _ = try await store.add(taken, by: Self.actor) }
            var backwards = taken
            backwards.code = ProgrammeCode("PKH-2")!
            backwards.end = CalendarDate(year: 2024, month: 6, day: 1)
            await #expect(throws: ProgrammeProblem.endsBeforeStart(start: Self.start, end: CalendarDate(year: 2024, month: 6, day: 1)!)) {
                _ = try await store.add(backwards, by: Self.actor)
            }
            var nowhere = taken
            nowhere.code = ProgrammeCode("PKH-3")!
            nowhere.targetRegions = [try RegionCode("52.99")]
            await #expect(throws: ProgrammeProblem.regionUnknown("52.99")) { _ = try await store.add(nowhere, by: Self.actor) }
            #expect(try await store.programme(ProgrammeCode("PKH-3")!) == nil, "nothing half-written")
            let closed = try await store.close(ProgrammeCode("BLT-DD")!, on: CalendarDate(year: 2025, month: 6, day: 30)!, by: Self.actor)
            #expect(closed.programme.closedOn == CalendarDate(year: 2025, month: 6, day: 30))
            await #expect(throws: ProgrammeProblem.alreadyClosed("BLT-DD")) {
                _ = try await store.close(ProgrammeCode("BLT-DD")!, on: CalendarDate(year: 2025, month: 7, day: 1)!, by: Self.actor)
            }
            let actions = try await database.read { db in
                try await db.raw("SELECT action, target FROM audit_event ORDER BY id").all().map {
                    "\(try $0.decode(column: "action", as: String.self)) \(try $0.decode(column: "target", as: String.self))"
                }
            }
            #expect(actions == ["organisation.added Kementerian Sosial", "organisation.added Pemerintah Desa Bagik Polak", "programme.added PKH",
                                "programme.added BLT-DD", "programme.added PBI-JK", "programme.changed PKH", "programme.closed BLT-DD"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func lists_are_matched_by_nik_kk_then_name_and_birth_date_and_coverage_follows(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            try await Self.registry(database)
            let setup = try await Self.programmes(database)
            let store = setup.store
            let desa2001 = try RegionCode("52.03.01.2001"), desa2002 = try RegionCode("52.03.01.2002")
            let pkh = [
                BeneficiaryEntry(row: 2, nik: "5203014101800001", name: "Inaq Sari", period: "2025"),                          // family 1 by NIK
                BeneficiaryEntry(row: 3, kkNumber: "5203010101200003", name: "Made Putra", period: "2025"),                    // family 3 by KK
                BeneficiaryEntry(row: 4, name: "PAPUQ  RAHIM", birthDate: CalendarDate(year: 1950, month: 5, day: 5), village: desa2002, period: "2025"), // family 4, weak
                BeneficiaryEntry(row: 5, nik: "5203019999990001", name: "Orang Lain", village: desa2001, period: "2025"),      // nobody
                BeneficiaryEntry(row: 6, nik: "5203014101800001", name: "Inaq Sari", period: "2025"),                          // row 2 again
            ]
            let first = try await Self.write(store, Self.info("pkh.csv", programme: "PKH"), pkh)
            #expect(first.insertedByMatch == [.nik: 1, .kk: 1, .nameAndBirthDate: 1, .unmatched: 1])
            #expect(first.merged == 1 && first.unchanged == 0 && first.refused.isEmpty)
            #expect(Set(first.warnings.map(\.code)) == ["weak_match", "not_in_registry", "duplicate_in_file"])
            // The same rows again: nothing new.
            let again = try await Self.write(store, Self.info("pkh-lagi.csv", programme: "PKH"), pkh)
            #expect(again.inserted == 0 && again.unchanged == 4 && again.merged == 1)
            let blt = try await Self.write(store, Self.info("blt.csv", programme: "BLT-DD"), [
                BeneficiaryEntry(row: 2, kkNumber: "5203010101200001", period: "2025-06"),                                              // family 1 again: cash twice
                BeneficiaryEntry(row: 3, nik: "5203015505900001", receivedOn: CalendarDate(year: 2026, month: 2, day: 1), period: "2025-06"), // family 5: outside
            ])
            #expect(blt.warnings.map(\.code).sorted() == ["outside_programme_period", "outside_programme_regions"])
            #expect(blt.warnings.allSatisfy { $0.row == 3 })
            _ = try await Self.write(store, Self.info("pbi.csv", programme: "PBI-JK"), [
                BeneficiaryEntry(row: 2, nik: "5203014202850001"), BeneficiaryEntry(row: 3, nik: "5203010303100001"),                   // family 2, two people
            ])
            let counts = try #require(try await store.programme(ProgrammeCode("PBI-JK")!))
            #expect(counts.enrolments == 2 && counts.familiesReached == 1)
            let pkhCounts = try #require(try await store.programme(ProgrammeCode("PKH")!))
            #expect(pkhCounts.enrolmentsByMatch == ["nik": 1, "kk": 1, "name_birth": 1, "unmatched": 1] && pkhCounts.familiesReached == 3)
            #expect(try await store.programme(ProgrammeCode("PKH")!, within: desa2002)?.familiesReached == 1)

            let villages = try await store.coverageByVillage(within: try RegionCode("52.03"))
            let v1 = try #require(villages[desa2001]), v2 = try #require(villages[desa2002])
            #expect(v1.familiesReached == ["PKH": 2, "BLT-DD": 1, "PBI-JK": 1])
            #expect(v1.duplicatedAidFamilies == 1 && v1.inclusionErrorFamilies == 1 && v1.eligibleUnreachedFamilies == 0)
            #expect(v1.overlaps == [ProgrammePair("BLT-DD", "PKH"): 1])
            #expect(v2.familiesReached == ["PKH": 1, "BLT-DD": 1] && v2.eligibleUnreachedFamilies == 0 && v2.duplicatedAidFamilies == 0)
            // Health only: families 1, 3, 4 and 5 are reached by no health programme; 1, 4, 5 are eligible.
            let health = try await store.coverageByVillage(within: try RegionCode("52.03.01"), sector: .health)
            #expect(health[desa2001]?.eligibleUnreachedFamilies == 1 && health[desa2002]?.eligibleUnreachedFamilies == 2)
            #expect(health[desa2001]?.familiesReached == ["PBI-JK": 1])

            // The stored desa tallies follow the registry (a desa tallied again) and the catalogue (a programme's sector changed).
            try await database.transaction { db in
                try await db.raw("UPDATE household SET desil = 9 WHERE id = 2").run()
                try await db.raw("INSERT INTO village_aggregate (village_code, regency_code, as_of, tally) VALUES ('52.03.01.2001', '52.03', '2025-06-30', '{}')").run()
            }
            let retallied = try #require(try await store.coverageByVillage(within: try RegionCode("52.03"))[desa2001])
            #expect(retallied.inclusionErrorFamilies == 2 && retallied.families[8] == 1 && retallied.duplicatedAidFamilies == 1, "family 2 now desil 9 with PBI-JK")
            var bltProgramme = try #require(try await store.programme(ProgrammeCode("BLT-DD")!)).programme
            bltProgramme.sectors = [.food]
            _ = try await store.update(bltProgramme, by: Self.actor)
            let recounted = try #require(try await store.coverageByVillage(within: try RegionCode("52.03"))[desa2001])
            #expect(recounted.duplicatedAidFamilies == 0, "PKH is cash, BLT-DD now food: no longer the same kind of aid")
            #expect(try await store.coverageByVillage(within: try RegionCode("52.03"))[desa2001] == recounted, "read back from the stored tallies")

            let family1 = try await store.programmes(ofFamily: "52.03", household: 1)
            #expect(family1.map(\.code) == ["BLT-DD", "PKH"] && family1.last?.organisation == "Kementerian Sosial" && family1.last?.match == .nik)
            #expect(try await store.programmes(ofFamily: "52.03", household: 1, organisation: "Kementerian Sosial").map(\.code) == ["PKH"])
            let family2 = try await store.programmes(ofFamily: "52.03", household: 2)
            #expect(family2.compactMap(\.personName).sorted() == ["Baiq Nur", "Lalu Adi"])
            let unmatched = try await store.enrolments(of: ProgrammeCode("PKH")!, match: .unmatched)
            #expect(unmatched.map(\.name) == ["Orang Lain"] && unmatched.first?.village == "52.03.01.2001")
            #expect(try await store.enrolments(of: ProgrammeCode("PKH")!, within: desa2002).map(\.desil) == [3])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_list_matching_nobody_or_of_another_organisation_is_refused_whole(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            try await Self.registry(database)
            let setup = try await Self.programmes(database)
            let store = setup.store
            let strangers = [BeneficiaryEntry(row: 2, nik: "5203019999990001", name: "A"), BeneficiaryEntry(row: 3, nik: "5203019999990002", name: "B")]
            await #expect(throws: EnrolmentListError.matchesNobody(file: "asing.csv", rows: 2)) {
                _ = try await Self.write(store, Self.info("asing.csv", programme: "PKH"), strangers)
            }
            await #expect(throws: EnrolmentListError.notYourProgramme(code: "PKH", organisation: "LSM Lain")) {
                _ = try await Self.write(store, Self.info("pkh.csv", programme: "PKH", owner: "LSM Lain"), strangers)
            }
            await #expect(throws: EnrolmentListError.programmeUnknown("RASKIN")) {
                _ = try await Self.write(store, Self.info("raskin.csv", programme: "RASKIN"), strangers)
            }
            let left = try await database.read { db in
                (try await db.raw("SELECT COUNT(*) AS n FROM enrolment").first()?.decode(column: "n", as: Int.self),
                 try await db.raw("SELECT COUNT(*) AS n FROM import_batch").first()?.decode(column: "n", as: Int.self))
            }
            #expect(left.0 == 0 && left.1 == 0, "nothing half-written")
            // A row naming an unregistered programme is refused, the rest kept.
            let mixed = try await Self.write(store, Self.info("campur.csv", programme: nil), [
                BeneficiaryEntry(row: 2, programme: ProgrammeCode("PKH"), nik: "5203014101800001"),
                BeneficiaryEntry(row: 3, programme: ProgrammeCode("RASKIN"), nik: "5203014202850001"),
                BeneficiaryEntry(row: 4, nik: "5203014202850001"),
            ])
            #expect(mixed.inserted == 1 && mixed.refused.map(\.code) == ["programme_unknown", "programme_missing"])
        }
    }
}
