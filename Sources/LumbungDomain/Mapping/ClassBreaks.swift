/// How a choropleth groups values into classes.
public enum ClassMethod: String, Sendable, CaseIterable {
    /// Quantiles: each class holds (about) the same number of areas.
    case quantile = "kuantil"
    /// Jenks natural breaks (Fisher's exact optimum): classes whose values lie as close together as possible
    /// (least sum of squared deviations from each class's mean).
    case naturalBreaks = "jenks"

    /// The method's name on a page or legend.
    public var label: String {
        switch self {
        case .quantile: "kuantil (jumlah wilayah sama per kelas)"
        case .naturalBreaks: "jeda alami (Jenks)"
        }
    }
}

/// The classes of a choropleth: bounds computed from the values shown on the map, and the class of each value.
///
/// `bounds` holds the lowest value and each class's upper bound, so class `i` covers `bounds[i]`…`bounds[i + 1]`,
/// the lower bound belonging to the class below (the first class includes its lower bound). Values that are
/// equal always share a class, so there are never more classes than distinct values (fewer than asked when
/// values repeat), and never an empty class.
public struct ClassBreaks: Sendable, Equatable {
    public let method: ClassMethod
    /// `count + 1` ascending values: the minimum, then each class's (inclusive) upper bound.
    public let bounds: [Double]

    public init(method: ClassMethod, bounds: [Double]) {
        self.method = method
        self.bounds = bounds
    }

    /// How many classes there are.
    public var count: Int { max(bounds.count - 1, 0) }

    /// The class of `value` (0-based): the first class whose upper bound is at least `value`; values outside the
    /// range go to the first or last class. `nil` when there are no classes or the value is not a number.
    public func classIndex(of value: Double) -> Int? {
        guard count > 0, value.isFinite else { return nil }
        for index in 0..<count where value <= bounds[index + 1] { return index }
        return count - 1
    }

    /// Classes of `values` (non-finite values are ignored) by `method`, at most `classes` of them; `nil` when no value is left.
    public static func compute(_ values: [Double], classes: Int, method: ClassMethod) -> ClassBreaks? {
        switch method {
        case .quantile: quantile(values, classes: classes)
        case .naturalBreaks: naturalBreaks(values, classes: classes)
        }
    }

    /// Quantile classes: with `n` sorted values v₀…vₙ₋₁ and `k` classes, class `j`'s upper bound is the value of rank
    /// ⌈(j+1)·n/k⌉ (1-based), so each class holds n/k values, rounded up; the last bound is the maximum. A bound equal
    /// to the one before (repeated values) is dropped.
    public static func quantile(_ values: [Double], classes: Int) -> ClassBreaks? {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, classes > 0 else { return nil }
        let n = sorted.count
        var bounds = [first]
        for j in 0..<classes {
            // ⌈(j+1)·n/k⌉ in integers.
            let rank = ((j + 1) * n + classes - 1) / classes
            let upper = sorted[min(max(rank, 1), n) - 1]
            if bounds.count == 1 || upper > bounds[bounds.count - 1] { bounds.append(upper) }
        }
        if bounds.count == 1 { bounds.append(first) }
        return ClassBreaks(method: .quantile, bounds: bounds)
    }

    /// Jenks natural breaks, solved exactly (Fisher 1958) by dynamic programming over the distinct values, each
    /// weighted by how often it occurs: the split into at most `classes` classes with the least total sum of squared
    /// deviations from the class means. Ties go to the split found first (class ends as early as possible).
    public static func naturalBreaks(_ values: [Double], classes: Int) -> ClassBreaks? {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, classes > 0 else { return nil }
        var distinct: [Double] = [], weight: [Double] = []
        for value in sorted {
            if let last = distinct.last, last == value { weight[weight.count - 1] += 1 } else {
                distinct.append(value)
                weight.append(1)
            }
        }
        let m = distinct.count
        let k = min(classes, m)
        guard k > 1 else { return ClassBreaks(method: .naturalBreaks, bounds: [first, distinct[m - 1]]) }
        // Prefix sums of weights, weighted values and weighted squares: the cost of distinct[i...j] in O(1).
        var w = [0.0], s = [0.0], q = [0.0]
        for (value, count) in zip(distinct, weight) {
            w.append(w[w.count - 1] + count)
            s.append(s[s.count - 1] + count * value)
            q.append(q[q.count - 1] + count * value * value)
        }
        func cost(_ i: Int, _ j: Int) -> Double {
            let n = w[j + 1] - w[i], sum = s[j + 1] - s[i], squares = q[j + 1] - q[i]
            return max(squares - sum * sum / n, 0)
        }
        // best[c][j]: least cost of distinct[0...j] in c + 1 classes; start[c][j]: where its last class starts.
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: m), count: k)
        var start = [[Int]](repeating: [Int](repeating: 0, count: m), count: k)
        for j in 0..<m { best[0][j] = cost(0, j) }
        for c in 1..<k {
            for j in c..<m {
                for i in c...j {
                    let candidate = best[c - 1][i - 1] + cost(i, j)
                    // A strict improvement only, with a tolerance for rounding: the earliest start wins ties.
                    if candidate < best[c][j] - 1e-12 * max(1, abs(best[c][j])) || best[c][j] == .infinity {
                        best[c][j] = candidate
                        start[c][j] = i
                    }
                }
            }
        }
        var uppers: [Double] = []
        var end = m - 1
        for c in stride(from: k - 1, through: 0, by: -1) {
            uppers.append(distinct[end])
            if c > 0 { end = start[c][end] - 1 }
        }
        return ClassBreaks(method: .naturalBreaks, bounds: [first] + uppers.reversed())
    }
}
