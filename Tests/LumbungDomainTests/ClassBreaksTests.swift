import LumbungDomain
import Testing

/// Choropleth classes, each expected bound worked out by hand in the comments.
@Suite struct ClassBreaksTests {
    @Test func quantiles_of_ten_values_in_five_classes_hold_two_each() throws {
        // n = 10, k = 5: upper bounds at ranks ⌈10/5⌉ = 2, 4, 6, 8, 10 → values 2, 4, 6, 8, 10.
        let breaks = try #require(ClassBreaks.quantile((1...10).map(Double.init).reversed(), classes: 5))
        #expect(breaks.bounds == [1, 2, 4, 6, 8, 10])
        #expect(breaks.count == 5)
        let classes = (1...10).map { breaks.classIndex(of: Double($0)) }
        #expect(classes == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
    }

    @Test func quantiles_round_the_class_size_up() throws {
        // n = 7, k = 3: ranks ⌈7/3⌉ = 3 and ⌈14/3⌉ = 5, then 7 → 30, 50, 70; classes of 3, 2 and 2 values.
        let breaks = try #require(ClassBreaks.quantile([70, 10, 20, 60, 30, 50, 40], classes: 3))
        #expect(breaks.bounds == [10, 30, 50, 70])
        #expect([10, 20, 30, 40, 50, 60, 70].map { breaks.classIndex(of: $0) } == [0, 0, 0, 1, 1, 2, 2])
    }

    @Test func repeated_values_share_a_class_and_make_fewer_classes() throws {
        // n = 8, k = 4: ranks 2, 4, 6, 8 → 0, 0, 5, 9; the second 0 repeats the first bound and goes.
        let breaks = try #require(ClassBreaks.quantile([0, 0, 0, 0, 5, 5, 9, 9], classes: 4))
        #expect(breaks.bounds == [0, 0, 5, 9])
        #expect(breaks.count == 3)
        #expect([0, 5, 9].map { breaks.classIndex(of: $0) } == [0, 1, 2])
        // One value only: one class from it to itself.
        #expect(ClassBreaks.quantile([4, 4, 4], classes: 5)?.bounds == [4, 4])
        #expect(ClassBreaks.naturalBreaks([2, 2, 2, 2], classes: 3)?.bounds == [2, 2])
    }

    @Test func natural_breaks_find_the_obvious_groups() throws {
        // Three clusters: [1 2 3] [10 11 12] [30 31]; squared deviations 2 + 2 + 0,5 = 4,5, nothing else comes close.
        let breaks = try #require(ClassBreaks.naturalBreaks([31, 1, 12, 2, 10, 3, 11, 30], classes: 3))
        #expect(breaks.bounds == [1, 3, 12, 31])
        #expect(breaks.method == .naturalBreaks)
    }

    @Test func natural_breaks_minimise_the_squared_deviations_where_quantiles_do_not() throws {
        // Values 0 4 5 10 in two classes:
        //   [0] [4 5 10]: 0 + (16 + 25 + 100 − 19²/3) = 20,67
        //   [0 4] [5 10]: 8 + 12,5 = 20,5
        //   [0 4 5] [10]: (16 + 25 − 9²/3) + 0 = 14   ← least
        let jenks = try #require(ClassBreaks.naturalBreaks([10, 0, 5, 4], classes: 2))
        #expect(jenks.bounds == [0, 5, 10])
        // Quantiles split at rank ⌈4/2⌉ = 2 → 4.
        #expect(ClassBreaks.quantile([10, 0, 5, 4], classes: 2)?.bounds == [0, 4, 10])
        // One outlier: [1 2 3 4] [100] costs 5, [1 2 3] [4 100] costs 2 + 4.608.
        #expect(ClassBreaks.naturalBreaks([1, 2, 3, 4, 100], classes: 2)?.bounds == [1, 4, 100])
        #expect(ClassBreaks.quantile([1, 2, 3, 4, 100], classes: 2)?.bounds == [1, 3, 100])
    }

    @Test func natural_breaks_weigh_repeated_values() throws {
        // Distinct 1, 5, 9 with 1 three times: three classes are the three values.
        #expect(ClassBreaks.naturalBreaks([1, 1, 1, 5, 5, 9], classes: 3)?.bounds == [1, 1, 5, 9])
        // Two classes: [1 1 1] [5 5 9] costs 0 + (25 + 25 + 81 − 19²/3) = 10,67;
        // [1 1 1 5 5] [9] costs (53 − 13²/5) + 0 = 19,2. So the first.
        #expect(ClassBreaks.naturalBreaks([1, 1, 1, 5, 5, 9], classes: 2)?.bounds == [1, 1, 9])
        // Ties go to the earliest end: [0] [4 5 9] and [0 4 5] [9] both cost 14.
        #expect(ClassBreaks.naturalBreaks([0, 4, 5, 9], classes: 2)?.bounds == [0, 0, 9])
    }

    @Test func nothing_to_classify_gives_no_classes_and_odd_values_are_placed_safely() throws {
        #expect(ClassBreaks.quantile([], classes: 5) == nil)
        #expect(ClassBreaks.naturalBreaks([.nan, .infinity], classes: 5) == nil)
        #expect(ClassBreaks.quantile([3], classes: 0) == nil)
        let breaks = try #require(ClassBreaks.compute([.nan, 3, 7], classes: 2, method: .quantile))
        #expect(breaks.bounds == [3, 3, 7])
        #expect(breaks.classIndex(of: -1) == 0)
        #expect(breaks.classIndex(of: 100) == 1)
        #expect(breaks.classIndex(of: .nan) == nil)
        #expect(ClassMethod(rawValue: "kuantil") == .quantile && ClassMethod(rawValue: "jenks") == .naturalBreaks)
    }
}
