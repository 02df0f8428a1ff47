import LumbungAnalytics
import Testing

@Suite struct RateShrinkageTests {
    /// Parent rate 20 %; three desa: 2 of 10 (20 %), 10 of 20 (50 %), 1 of 10 (10 %).
    /// By hand: Σ nᵢ(rᵢ − p)² = 10·0 + 20·0.09 + 10·0.01 = 1.9; k·p(1−p) = 3·0.16 = 0.48; N − k = 37;
    /// τ² = 1.42/37; M = 0.16·37/1.42 − 1 = 5.92/1.42 − 1 = 225/71.
    /// Shrunk: (2 + 0.2·225/71)/(10 + 225/71) = 187/935 = 0.2; (10 + 45/71)/(20 + 225/71) = 755/1645;
    /// (1 + 45/71)/(10 + 225/71) = 116/935.
    @Test func three_desa_shrink_as_computed_by_hand() throws {
        let fit = RateShrinkage(parentRate: 0.2, areas: [(2, 10), (10, 20), (1, 10)])
        let m = try #require(fit.priorSize)
        #expect(abs(m - 225.0 / 71.0) < 1e-12)
        #expect(abs(fit.betweenAreaVariance - 1.42 / 37.0) < 1e-12)
        #expect(abs(fit.rate(count: 2, total: 10) - 0.2) < 1e-12)
        #expect(abs(fit.rate(count: 10, total: 20) - 755.0 / 1645.0) < 1e-12)
        #expect(abs(fit.rate(count: 1, total: 10) - 116.0 / 935.0) < 1e-12)
        // A bigger desa keeps more of its own rate: w = 20/(20 + 225/71) = 1420/1645.
        #expect(abs(fit.weight(total: 20) - 1420.0 / 1645.0) < 1e-12)
    }

    @Test func a_small_desa_moves_further_than_a_large_one() {
        // Parent 30 %. A desa of 12 families with 6 poor (50 %) and one of 400 with 160 (40 %), plus two at the parent's rate.
        let fit = RateShrinkage(parentRate: 0.3, areas: [(6, 12), (160, 400), (30, 100), (60, 200)])
        let small = fit.rate(count: 6, total: 12), large = fit.rate(count: 160, total: 400)
        #expect(small < 0.5 && small > 0.3)
        #expect(large < 0.4 && large > 0.39)
        #expect(large > small, "the large desa now ranks above the small one")
    }

    @Test func no_spread_beyond_chance_shrinks_everyone_to_the_parent() {
        // 5 of 10 and 5 of 10 against a parent of 50 %: Σ nᵢ(rᵢ − p)² = 0 < k·p(1−p) = 0.5.
        let fit = RateShrinkage(parentRate: 0.5, areas: [(5, 10), (5, 10)])
        #expect(fit.priorSize == nil && fit.betweenAreaVariance == 0)
        #expect(fit.rate(count: 5, total: 10) == 0.5)
        #expect(fit.rate(count: 9, total: 10) == 0.5)
        #expect(fit.weight(total: 10) == 0)
    }

    @Test func degenerate_inputs_do_not_crash() {
        #expect(RateShrinkage(parentRate: 0, areas: [(0, 10)]).rate(count: 0, total: 10) == 0)
        #expect(RateShrinkage(parentRate: 0.2, areas: []).rate(count: 1, total: 0) == 0.2)
        #expect(RateShrinkage(parentRate: 1.5, areas: [(1, 1)]).parentRate == 1)
        #expect(RateShrinkage(parentRate: .nan, areas: [(1, 2)]).rate(count: 1, total: 2).isFinite)
    }
}
