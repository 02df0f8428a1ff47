/// Empirical-Bayes shrinkage of small-area rates toward the parent region's rate (beta-binomial model,
/// method of moments), so that a desa of 12 families with 6 in desil 1 (50 %) does not outrank a desa of
/// 400 with 160 (40 %) on the strength of one or two families.
///
/// Model: each area's true rate θᵢ ~ Beta(α, β) with mean p, the parent's rate; its count xᵢ ~ Binomial(nᵢ, θᵢ).
/// Then Var(xᵢ/nᵢ) = τ² + (p(1−p) − τ²)/nᵢ, where τ² = p(1−p)/(α+β+1) is the spread of the true rates.
/// Method of moments with p known:
///
///     τ² = (Σ nᵢ (rᵢ − p)² − k·p(1−p)) / (N − k)      (k areas, N = Σ nᵢ), clipped to [0, p(1−p))
///     M = α + β = p(1−p)/τ² − 1
///     shrunk rateᵢ = (xᵢ + p·M) / (nᵢ + M) = wᵢ·rᵢ + (1 − wᵢ)·p,  wᵢ = nᵢ/(nᵢ + M)
///
/// When the rates spread no more than chance would make them (τ² ≤ 0) every area gets p; a large area
/// keeps nearly its own rate, a small one moves most of the way to p.
public struct RateShrinkage: Sendable, Equatable {
    /// The rate shrunk toward (the parent's).
    public let parentRate: Double
    /// The prior's weight M = α + β, in families or people: `nil` when τ² ≤ 0 (every area shrinks fully to p).
    public let priorSize: Double?
    /// The estimated spread of the true rates, τ².
    public let betweenAreaVariance: Double

    /// Fits the prior from the areas' counts (`count` of `total`) and the parent's rate. Areas with a total of 0
    /// are left out of the fit.
    public init(parentRate: Double, areas: [(count: Int, total: Int)]) {
        let p = parentRate.isFinite ? min(max(parentRate, 0), 1) : 0
        self.parentRate = p
        let used = areas.filter { $0.total > 0 }
        let k = Double(used.count)
        let n = used.reduce(0.0) { $0 + Double($1.total) }
        let spread = p * (1 - p)
        guard spread > 0, n > k, k > 0 else {
            self.betweenAreaVariance = 0
            self.priorSize = nil
            return
        }
        let squares = used.reduce(0.0) { sum, area in
            let rate = Double(area.count) / Double(area.total)
            return sum + Double(area.total) * (rate - p) * (rate - p)
        }
        let tau = (squares - k * spread) / (n - k)
        guard tau > 0 else {
            self.betweenAreaVariance = 0
            self.priorSize = nil
            return
        }
        let clipped = min(tau, spread * 0.999_999)
        self.betweenAreaVariance = clipped
        self.priorSize = spread / clipped - 1
    }

    /// The shrunk rate (0…1) of an area with `count` of `total`; the parent's rate for an empty area.
    public func rate(count: Int, total: Int) -> Double {
        guard total > 0 else { return parentRate }
        guard let m = priorSize else { return parentRate }
        return (Double(count) + parentRate * m) / (Double(total) + m)
    }

    /// How much of the area's own rate is kept, wᵢ = nᵢ/(nᵢ + M) (0: fully the parent's).
    public func weight(total: Int) -> Double {
        guard let m = priorSize, total > 0 else { return 0 }
        return Double(total) / (Double(total) + m)
    }
}
