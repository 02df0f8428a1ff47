/// The region a user may see: their region and everything below it (the province for LKKS NTB staff).
public struct AccessScope: Sendable, Hashable, Codable {
    public let region: RegionCode

    public init(region: RegionCode) {
        self.region = region
    }

    /// Whether `code` lies within the scope.
    public func covers(_ code: RegionCode) -> Bool { region.contains(code) }
}

/// Small-cell suppression for roles that see aggregates only: a count of 1–4 people or families could
/// point at someone, so it is shown as "<5" (and its rate withheld). Zero stays zero.
public enum CellSuppression {
    public static let threshold = 5

    /// Why a figure is withheld.
    public enum Reason: String, Sendable, Codable, Hashable {
        /// The count itself is 1–4 (primary suppression), shown as "<5".
        case small
        /// The count is larger but hidden so that a total minus the visible groups (or a parent minus its
        /// visible children) cannot give a small one (complementary suppression), shown as "×".
        case complementary

        /// How pages show the withheld figure.
        public var text: String { self == .small ? "<\(CellSuppression.threshold)" : "×" }
    }

    public static func suppresses(_ count: Int) -> Bool { count > 0 && count < threshold }

    /// The count as a page shows it to a role that may not see small counts.
    public static func text(_ count: Int) -> String {
        suppresses(count) ? "<\(threshold)" : IndonesianNumber.format(count)
    }
}
