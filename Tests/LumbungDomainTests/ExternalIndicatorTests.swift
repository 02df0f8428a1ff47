import LumbungDomain
import Testing

/// What an external indicator is: its id, unit, direction and period, read as people write them.
@Suite struct ExternalIndicatorTests {
    @Test func ids_are_checked_and_never_those_of_lumbungs_own_indicators() throws {
        #expect(try ExternalIndicator.checkID("stunting_dinkes") == "stunting_dinkes")
        #expect(try ExternalIndicator.checkID("ipm-bps-2024") == "ipm-bps-2024")
        for bad in ["", "Stunting", "1stunting", "stunting dinkes", "stunting;drop", String(repeating: "a", count: 41)] {
            #expect(throws: ExternalIndicatorProblem.idInvalid(String(bad.prefix(60)))) { try ExternalIndicator.checkID(bad) }
        }
        #expect(throws: ExternalIndicatorProblem.idTaken("desil1_families")) { try ExternalIndicator.checkID("desil1_families") }
        #expect(throws: ExternalIndicatorProblem.idTaken("desil1_coverage")) { try ExternalIndicator.checkID("desil1_coverage") }
    }

    @Test func units_and_directions_in_indonesian_and_english() {
        #expect(ExternalIndicator.Unit.parse("Persen") == .percent)
        #expect(ExternalIndicator.Unit.parse("%") == .percent)
        #expect(ExternalIndicator.Unit.parse("permil") == .perMille)
        #expect(ExternalIndicator.Unit.parse("jiwa") == .people)
        #expect(ExternalIndicator.Unit.parse("KK") == .families)
        #expect(ExternalIndicator.Unit.parse("kilogram") == nil)
        #expect(ExternalIndicator.direction("lower_is_better") == .higherIsWorse)
        #expect(ExternalIndicator.direction("makin tinggi makin baik") == .higherIsBetter)
        #expect(ExternalIndicator.direction("naik") == .higherIsBetter)
        #expect(ExternalIndicator.direction("sideways") == nil)
        #expect(ExternalIndicator.Unit.perMille.percent(25) == 2.5)
        #expect(ExternalIndicator.Unit.people.percent(25) == nil)
    }

    @Test func a_year_sorts_as_its_last_day() throws {
        let year = try #require(ExternalPeriod("2024")), mid = try #require(ExternalPeriod("2024-06-30")), next = try #require(ExternalPeriod("2025-01-01"))
        let lastDay = try #require(ExternalPeriod("2024-12-31"))
        #expect([next, year, mid].sorted() == [mid, year, next])
        #expect(lastDay < year)
        #expect(year.description == "2024" && mid.description == "2024-06-30" && mid.year == 2024)
        for bad in ["24", "1999", "2101", "2024-13-01", "2024-02-30", "kemarin", ""] { #expect(ExternalPeriod(bad) == nil, "\(bad)") }
    }

    @Test func values_are_shown_with_their_unit() {
        func indicator(_ unit: ExternalIndicator.Unit) -> ExternalIndicator {
            ExternalIndicator(id: "x", name: "X", unit: unit, direction: .higherIsWorse, source: "s")
        }
        #expect(indicator(.percent).show(27.5) == "27,5%")
        #expect(indicator(.perMille).show(12.25) == "12,25‰")
        #expect(indicator(.people).show(1234) == "1.234 jiwa")
        #expect(indicator(.count).show(3) == "3")
    }

    @Test func a_count_of_one_to_four_is_withheld_from_restricted_readers_and_a_rate_never() {
        let count = ExternalIndicator(id: "balita_stunting", name: "Balita stunting", unit: .people, direction: .higherIsWorse, source: "Puskesmas")
        let rate = ExternalIndicator(id: "stunting", name: "Prevalensi stunting", unit: .percent, direction: .higherIsWorse, source: "Puskesmas")
        let things = ExternalIndicator(id: "posyandu", name: "Posyandu", unit: .count, direction: .higherIsBetter, source: "Dinkes")
        #expect([0, 0.5, 1, 4, 4.9, 5, 12].map(count.withholds) == [false, true, true, true, true, false, false])
        #expect([0.5, 1, 4].map(rate.withholds) == [false, false, false])
        #expect(count.show(3, restricted: true) == "<5 jiwa" && count.show(3, restricted: false) == "3 jiwa")
        #expect(things.show(2, restricted: true) == "<5" && count.show(0, restricted: true) == "0 jiwa")
        #expect(rate.show(2.5, restricted: true) == "2,5%")
    }
}

