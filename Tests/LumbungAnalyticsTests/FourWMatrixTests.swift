import LumbungAnalytics
import LumbungDomain
import LumbungStore
import Testing

/// The 4W matrix from a hand-made tally and catalogue: one row per organisation × sector, families and people as the
/// tally counts them, budgets summed without trapping.
@Suite struct FourWMatrixTests {
    static let start = CalendarDate(year: 2025, month: 1, day: 1)!

    static func record(_ id: Int, _ code: String, organisation: Organisation, sectors: [Sector], budget: Int?, end: CalendarDate? = nil) throws -> ProgrammeRecord {
        ProgrammeRecord(programme: Programme(id: id, code: try #require(ProgrammeCode(code)), name: code, organisationID: organisation.id, sectors: sectors,
                                             unit: .family, start: start, end: end, budget: budget, targetRegions: [try RegionCode("52.03")]),
                        organisation: organisation)
    }

    @Test func rows_follow_the_tally_and_budgets_never_overflow() throws {
        let dinsos = Organisation(id: 1, name: "Dinas Sosial Lombok Timur", kind: .dinasSosial)
        let baznas = Organisation(id: 2, name: "BAZNAS NTB", kind: .baznas)
        // Two programmes of Dinas Sosial in food whose budgets an operator typed as large as a number can be.
        let records = [try Self.record(10, "SEMBAKO-A", organisation: dinsos, sectors: [.food], budget: Int.max),
                       try Self.record(11, "SEMBAKO-B", organisation: dinsos, sectors: [.food], budget: Int.max),
                       try Self.record(12, "ZAKAT-PANGAN", organisation: baznas, sectors: [.food, .cash], budget: 5_000_000)]
        var tally = CoverageTally()
        // 3 families (10 people) receive SEMBAKO-A; 2 families (7 people) both BAZNAS programmes' sectors through ZAKAT-PANGAN.
        tally.addReached(desil: 1, receipts: [.init(programme: "SEMBAKO-A", organisation: 1, sectors: [.food])], count: 3, people: 10)
        tally.addReached(desil: 2, receipts: [.init(programme: "ZAKAT-PANGAN", organisation: 2, sectors: [.food, .cash])], count: 2, people: 7)
        let rows = FourWMatrix.rows(tally: tally, records: records)
        #expect(rows.map { "\($0.organisation)/\($0.sector.rawValue)/\($0.familiesReached)/\($0.peopleReached)" }
                == ["BAZNAS NTB/tunai/2/7", "BAZNAS NTB/pangan/2/7", "Dinas Sosial Lombok Timur/pangan/3/10"])
        #expect(rows.last?.budget == Int.max, "capped, not trapped")
        #expect(rows.last?.programmes == ["SEMBAKO-A", "SEMBAKO-B"] && rows.first?.budget == 5_000_000)
        // One sector only.
        #expect(FourWMatrix.rows(tally: tally, records: records, sector: .cash).map(\.organisation) == ["BAZNAS NTB"])
        // A programme ended before the period is not listed; one without an end runs on.
        let ended = try Self.record(13, "LAMA", organisation: baznas, sectors: [.health], budget: nil, end: CalendarDate(year: 2024, month: 6, day: 30))
        let period = try #require(CoveragePeriod("2025"))
        #expect(FourWMatrix.listed(records + [ended], sector: nil, period: period).map(\.programme.code.value) == ["SEMBAKO-A", "SEMBAKO-B", "ZAKAT-PANGAN"])
    }
}
