import Foundation
import LumbungDomain
import Testing

@Suite struct ProgrammeValidationTests {
    static let start = CalendarDate(year: 2025, month: 1, day: 1)!

    static func programme(end: CalendarDate? = nil, budget: Int? = 1_000_000, regions: [String] = ["52.03"], sectors: [Sector] = [.cash],
                          desil: Int? = 4, organisation: Int? = 1, name: String = "Bantuan Lansia") -> Programme {
        Programme(code: ProgrammeCode("LANSIA-01")!, name: name, organisationID: organisation, sectors: sectors, unit: .person,
                  fundingSource: "APBD", start: start, end: end, budget: budget,
                  targetRegions: regions.map { try! RegionCode($0) }, eligibility: "lansia tunggal desil 1–4", maximumDesil: desil)
    }

    @Test func a_complete_programme_has_no_problem() {
        #expect(Self.programme(end: CalendarDate(year: 2025, month: 12, day: 31)).problems().isEmpty)
        #expect(Self.programme(end: Self.start).problems().isEmpty, "a one-day programme ends on its start")
    }

    @Test func a_programme_ending_before_it_starts_is_refused_in_indonesian() {
        let problems = Self.programme(end: CalendarDate(year: 2024, month: 12, day: 31)).problems()
        #expect(problems == [.endsBeforeStart(start: Self.start, end: CalendarDate(year: 2024, month: 12, day: 31)!)])
        #expect(problems.first?.indonesianDescription == "Tanggal selesai (2024-12-31) lebih awal daripada tanggal mulai (2025-01-01).")
        #expect(problems.first?.field == "periode")
    }

    @Test func every_missing_or_wrong_part_is_named() {
        let problems = Self.programme(budget: -5, regions: [], sectors: [], desil: 11, organisation: nil, name: "  ").problems()
        #expect(problems == [.nameMissing, .organisationMissing, .sectorMissing, .negativeBudget, .regionMissing, .desilOutOfRange(11)])
        #expect(problems.allSatisfy { !$0.indonesianDescription.isEmpty && !$0.description.isEmpty })
    }

    @Test func codes_are_upper_case_letters_digits_and_dashes() {
        #expect(ProgrammeCode("pbi-jk")?.value == "PBI-JK")
        #expect(ProgrammeCode(" Zakat_Produktif ")?.value == "ZAKAT_PRODUKTIF")
        #expect(ProgrammeCode("P") == nil)
        #expect(ProgrammeCode("-PKH") == nil)
        #expect(ProgrammeCode("PKH 2025") == nil)
        #expect(ProgrammeCode("PKH;DROP") == nil)
        #expect(ProgrammeCode(String(repeating: "A", count: 33)) == nil)
        #expect(ProgrammeCode("BANSOS-ÄÖ") == nil)
    }

    @Test func kinds_sectors_and_units_read_common_spellings() {
        #expect(OrganisationKind.parse("Dinas Sosial") == .dinasSosial)
        #expect(OrganisationKind.parse("NGO") == .ngo && OrganisationKind.parse("lsm") == .ngo)
        #expect(OrganisationKind.parse("perguruan_tinggi") == .university && OrganisationKind.parse("university") == .university)
        #expect(OrganisationKind.parse("kementerian") == .ministry && OrganisationKind.parse("desa") == .village)
        #expect(OrganisationKind.parse("bank") == nil)
        #expect(Sector.parse("tunai") == .cash && Sector.parse("Sembako") == .food && Sector.parse("RTLH") == .housing)
        #expect(Sector.parse("pemberdayaan") == .livelihoods && Sector.parse("olahraga") == nil)
        #expect(ProgrammeUnit.parse("Keluarga") == .family && ProgrammeUnit.parse("individu") == .person && ProgrammeUnit.parse("x") == nil)
        #expect(Organisation(name: " ", kind: .ngo).problems() == [.organisationNameMissing])
    }

    @Test func a_programme_runs_within_its_period_and_regions() {
        var programme = Self.programme(end: CalendarDate(year: 2025, month: 6, day: 30))
        #expect(programme.runs(on: CalendarDate(year: 2025, month: 3, day: 1)!))
        #expect(!programme.runs(on: CalendarDate(year: 2025, month: 7, day: 1)!))
        #expect(!programme.runs(on: CalendarDate(year: 2024, month: 12, day: 31)!))
        programme.closedOn = CalendarDate(year: 2025, month: 2, day: 1)
        #expect(!programme.runs(on: CalendarDate(year: 2025, month: 3, day: 1)!))
        #expect(programme.targets(try! RegionCode("52.03.01.2001")) && !programme.targets(try! RegionCode("52.01.01.2001")))
    }
}

@Suite struct CoverageRulesTests {
    typealias Receipt = CoverageRules.Receipt
    // Organisations: 1 Kemensos, 2 the village, 3 Dinas Sosial, 4 BPJS.
    static let pkh = Receipt(programme: "PKH", organisation: 1, sectors: [.cash])
    static let bpnt = Receipt(programme: "BPNT", organisation: 1, sectors: [.food])
    static let pbi = Receipt(programme: "PBI-JK", organisation: 4, sectors: [.health])
    static let blt = Receipt(programme: "BLT-DD", organisation: 2, sectors: [.cash])
    static let sembakoPemda = Receipt(programme: "SEMBAKO-PEMDA", organisation: 3, sectors: [.food])
    static let kemensosFood = Receipt(programme: "PERMAKANAN", organisation: 1, sectors: [.food, .elderly])

    @Test func duplicated_aid_is_one_sector_from_two_organisations() {
        #expect(CoverageRules.hasDuplicatedAid([Self.pkh, Self.blt]))
        #expect(CoverageRules.duplicatedSectors([Self.bpnt, Self.sembakoPemda, Self.pkh, Self.blt]) == [.cash, .food])
        #expect(!CoverageRules.hasDuplicatedAid([Self.pkh, Self.bpnt, Self.pbi]), "three sectors, no overlap")
        #expect(!CoverageRules.hasDuplicatedAid([Self.bpnt, Self.kemensosFood]), "two food programmes of one organisation")
        #expect(!CoverageRules.hasDuplicatedAid([Receipt]()))
    }

    @Test func inclusion_error_is_desil_six_or_above_receiving_pkh_bpnt_or_pbi() {
        #expect(CoverageRules.isInclusionError(desil: 6, receipts: [Self.pbi]))
        #expect(CoverageRules.isInclusionError(desil: 10, receipts: [Self.blt, Self.pkh]))
        #expect(!CoverageRules.isInclusionError(desil: 5, receipts: [Self.pkh]))
        #expect(!CoverageRules.isInclusionError(desil: 9, receipts: [Self.blt, Self.sembakoPemda]), "not a targeted national programme")
        #expect(!CoverageRules.isInclusionError(desil: nil, receipts: [Self.pkh]))
        #expect(CoverageRules.isInclusionError(desil: 5, receipts: [Self.pkh], threshold: 5))
    }

    @Test func eligible_unreached_is_desil_one_to_four_with_nothing() {
        #expect(CoverageRules.isEligibleUnreached(desil: 1, receipts: [Receipt]()))
        #expect(CoverageRules.isEligibleUnreached(desil: 4, receipts: [Receipt]()))
        #expect(!CoverageRules.isEligibleUnreached(desil: 5, receipts: [Receipt]()))
        #expect(!CoverageRules.isEligibleUnreached(desil: 2, receipts: [Self.blt]))
        #expect(!CoverageRules.isEligibleUnreached(desil: nil, receipts: [Receipt]()))
    }

    @Test func a_tally_counts_families_pairs_and_gaps() {
        var tally = CoverageTally()
        // 10 families: desil 1 ×4 (PKH+BLT, PKH+BPNT, nothing, nothing), desil 3 ×2 (PBI, nothing),
        // desil 7 ×3 (PKH, SEMBAKO-PEMDA, nothing), no desil ×1 (PKH).
        tally.addFamilies(desil: 1, count: 4)
        tally.addFamilies(desil: 3, count: 2)
        tally.addFamilies(desil: 7, count: 3)
        tally.addFamilies(desil: nil, count: 1)
        tally.addReached(desil: 1, receipts: [Self.pkh, Self.blt])
        tally.addReached(desil: 1, receipts: [Self.pkh, Self.bpnt])
        tally.addReached(desil: 3, receipts: [Self.pbi])
        tally.addReached(desil: 7, receipts: [Self.pkh])
        tally.addReached(desil: 7, receipts: [Self.sembakoPemda])
        tally.addReached(desil: nil, receipts: [Self.pkh])
        tally.addReached(desil: 2, receipts: [])
        #expect(tally.familiesReached == ["PKH": 4, "BLT-DD": 1, "BPNT": 1, "PBI-JK": 1, "SEMBAKO-PEMDA": 1])
        #expect(tally.duplicatedAidFamilies == 1)
        #expect(tally.inclusionErrorFamilies == 1)
        #expect(tally.eligibleFamilies == 6 && tally.eligibleUnreachedFamilies == 3 && tally.desil1UnreachedFamilies == 2)
        #expect(tally.overlaps == [ProgrammePair("PKH", "BLT-DD"): 1, ProgrammePair("BPNT", "PKH"): 1])
        #expect(tally.betterOffFamiliesReached() == ["PKH": 1, "SEMBAKO-PEMDA": 1])
        #expect(tally.familiesReachedByOrganisationSector[OrganisationSector(organisation: 1, sector: .cash)] == 4, "the four PKH families")
        #expect(tally.anyReachedFamilies == 6)
        var twice = tally
        twice.merge(tally)
        #expect(twice.familiesReached["PKH"] == 8 && twice.eligibleUnreachedFamilies == 6 && twice.overlaps[ProgrammePair("PKH", "BLT-DD")] == 2)
    }

    @Test func the_inclusion_threshold_moves_leakage_and_people_follow_their_families() {
        var tally = CoverageTally()
        // Reached: desil 5 PKH (3 families, 11 people), desil 7 PKH+BLT (2 families, 5 people), desil 9 SEMBAKO-PEMDA
        // (1 family, 2 people), desil 10 PBI-JK (4 families, 9 people), no desil PKH (1 family, 4 people).
        tally.addReached(desil: 5, receipts: [Self.pkh], count: 3, people: 11)
        tally.addReached(desil: 7, receipts: [Self.pkh, Self.blt], count: 2, people: 5)
        tally.addReached(desil: 9, receipts: [Self.sembakoPemda], count: 1, people: 2)
        tally.addReached(desil: 10, receipts: [Self.pbi], count: 4, people: 9)
        tally.addReached(desil: nil, receipts: [Self.pkh], count: 1, people: 4)
        // Targeted (PKH, BPNT, PBI-JK) families at or above each threshold, counted by hand from the lines above.
        let expected: [Int: Int] = [5: 3 + 2 + 4, 6: 2 + 4, 7: 2 + 4, 8: 4, 9: 4, 10: 4]
        for (threshold, families) in expected {
            #expect(tally.inclusionErrorFamilies(from: threshold) == families, "from desil \(threshold)")
        }
        #expect(tally.inclusionErrorFamilies == 6, "desil 6 unless chosen")
        #expect(tally.betterOffFamiliesReached(from: 5) == ["PKH": 5, "BLT-DD": 2, "SEMBAKO-PEMDA": 1, "PBI-JK": 4])
        #expect(tally.betterOffFamiliesReached(from: 8) == ["SEMBAKO-PEMDA": 1, "PBI-JK": 4])
        #expect(tally.betterOffFamiliesReached(from: 10) == ["PBI-JK": 4])
        #expect(tally.peopleReached == ["PKH": 11 + 5 + 4, "BLT-DD": 5, "SEMBAKO-PEMDA": 2, "PBI-JK": 9])
        #expect(tally.peopleReachedByOrganisationSector[OrganisationSector(organisation: 1, sector: .cash)] == 11 + 5 + 4, "PKH's families")
        // Sums survive a merge and a round trip through the stored form.
        var twice = tally
        twice.merge(tally)
        #expect(twice.inclusionErrorFamilies(from: 8) == 8 && twice.peopleReached["PKH"] == 40)
        let decoded = try? JSONDecoder().decode(CoverageTally.self, from: JSONEncoder().encode(tally))
        #expect(decoded == tally)
        #expect(CoverageRules.inclusionThreshold("7") == 7 && CoverageRules.inclusionThreshold(" 10 ") == 10)
        for text in ["4", "11", "6.5", "", "enam", "-6"] { #expect(CoverageRules.inclusionThreshold(text) == nil, "\(text)") }
    }
}

@Suite struct CoveragePeriodRuleTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test func periods_are_read_from_a_year_a_month_or_a_day_and_nothing_else() {
        #expect(CoveragePeriod("2025") == CoveragePeriod(from: Self.day("2025-01-01"), to: Self.day("2025-12-31")))
        #expect(CoveragePeriod("2024-02") == CoveragePeriod(from: Self.day("2024-02-01"), to: Self.day("2024-02-29")))
        #expect(CoveragePeriod("2025-03-15") == CoveragePeriod(from: Self.day("2025-03-15"), to: Self.day("2025-03-15")))
        for bad in ["", "25", "2025-13", "2025-02-30", "tahun lalu", "2025-1", "2025/03"] { #expect(CoveragePeriod(bad) == nil, "\(bad)") }
        #expect(CoveragePeriod(from: Self.day("2025-02-01"), to: Self.day("2025-01-31")) == nil)
        #expect(CoveragePeriod("2025")?.description == "2025" && CoveragePeriod("2025-03")?.description == "2025-03-01 s.d. 2025-03-31")
    }

    @Test func an_enrolment_counts_by_its_date_else_its_year_else_its_programme() throws {
        let period = try #require(CoveragePeriod("2025"))
        let start = Self.day("2024-01-01")
        #expect(period.includes(receivedOn: Self.day("2025-12-31"), listPeriod: "2024", programmeStart: start, programmeEnd: nil), "the date wins over the year")
        #expect(!period.includes(receivedOn: Self.day("2024-12-31"), listPeriod: "2025", programmeStart: start, programmeEnd: nil))
        #expect(period.includes(receivedOn: nil, listPeriod: "2025", programmeStart: start, programmeEnd: Self.day("2024-06-30")), "the year wins over the programme")
        #expect(!period.includes(receivedOn: nil, listPeriod: "2024", programmeStart: start, programmeEnd: nil))
        #expect(period.includes(receivedOn: nil, listPeriod: "Tahap 1", programmeStart: start, programmeEnd: nil))
        #expect(!period.includes(receivedOn: nil, listPeriod: "", programmeStart: start, programmeEnd: Self.day("2024-12-31")))
        var closed = Programme(code: ProgrammeCode("X1")!, name: "X", organisationID: 1, sectors: [.cash], unit: .family, start: start,
                               end: Self.day("2026-12-31"), targetRegions: [try RegionCode("52")])
        #expect(period.overlaps(closed))
        closed.closedOn = Self.day("2024-11-30")
        #expect(!period.overlaps(closed), "a programme closed before the period does not run in it")
    }
}
