/// One way of splitting a count into groups, e.g. `sex` into `male` and `female`.
public struct Dimension: Sendable, Hashable {
    public let name: String
    public let groups: [String]
}

/// A count kept in cells so it can be split along several dimensions (`PersonCounts`, `FamilyCounts`).
///
/// Records whose group is unknown (a person without a recorded sex or birth date) count in `total` but
/// in no group of that dimension, so a split's groups may add up to less than the total.
public protocol Disaggregated: Sendable {
    /// The dimensions, in the order pages show them.
    static var dimensions: [Dimension] { get }
    var total: Int { get }
    /// The count in group `group` of dimension `dimension` (indices into `dimensions`).
    func count(dimension: Int, group: Int) -> Int
}
