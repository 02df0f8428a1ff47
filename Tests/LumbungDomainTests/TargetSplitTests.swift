import LumbungDomain
import Testing

/// Reading a rincian (`TargetSplit`) against the splits an indicator has.
@Suite struct TargetSplitTests {
    @Test func indonesian_and_catalogue_names_read_the_same() throws {
        let people = try #require(IndicatorCatalogue.indicator("desil1_people"))
        #expect(try TargetSplit.parse("", for: people) == .all && TargetSplit.parse("semua", for: people) == .all)
        for text in ["sex=female", "sex=perempuan", "Jenis Kelamin = Perempuan", "jk=p"] {
            #expect(try TargetSplit.parse(text, for: people).key == "sex=female", "\(text)")
        }
        #expect(try TargetSplit.parse("disabilitas=ya", for: people).key == "disability=with")
        #expect(try TargetSplit.parse("umur=balita", for: people).key == "age_band=0-4")
        #expect(try TargetSplit.parse("age_band=60+", for: people).indonesianLabel == "Lansia (60+)")
        // A family indicator's "sex" is its head's.
        let families = try #require(IndicatorCatalogue.indicator("desil1_families"))
        #expect(try TargetSplit.parse("sex=perempuan", for: families).key == "head_sex=female")
        #expect(TargetSplit.choices(for: families).map(\.key) == ["all", "head_sex=male", "head_sex=female", "member_with_disability=without",
                                                                  "member_with_disability=with", "elderly_member=without", "elderly_member=with",
                                                                  "child_member=without", "child_member=with"])
    }

    @Test func a_split_or_group_the_indicator_lacks_is_refused() throws {
        let families = try #require(IndicatorCatalogue.indicator("desil1_families"))
        let people = try #require(IndicatorCatalogue.indicator("desil1_people"))
        for (text, indicator) in [("age_band=0-4", families), ("sex=banci", people), ("perempuan", people), ("warna=merah", people)] {
            #expect(throws: MonitoringProblem.self) { try TargetSplit.parse(text, for: indicator) }
        }
        do {
            _ = try TargetSplit.parse("umur=balita", for: families)
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("Rincian 'umur=balita' tidak ada untuk indikator desil1_families"))
        }
    }
}
