import Foundation

/// Which poor families nobody reaches a list for verification holds (`/koordinasi/belum-terjangkau`,
/// `lumbung report unreached`): the families in desil 1 only, or every eligible family (desil 1–4,
/// `CoverageRules.eligibleDesil`), that no running programme — of one sector, when a sector is chosen — reaches.
/// The same families the coverage counts as `desil1UnreachedFamilies` and `eligibleUnreachedFamilies`.
public enum UnreachedSelection: String, Sendable, CaseIterable {
    case desil1 = "1"
    case eligible = "1-4"

    /// The desil the list holds.
    public var desil: ClosedRange<Int> {
        switch self {
        case .desil1: 1...1
        case .eligible: CoverageRules.eligibleDesil
        }
    }

    /// `1` or `1-4` (also `1–4`, `1..4`); `nil` for anything else. An empty text is desil 1.
    public init?(text: String) {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "..", with: "-")
        if cleaned.isEmpty {
            self = .desil1
        } else if let chosen = UnreachedSelection(rawValue: cleaned) {
            self = chosen
        } else {
            return nil
        }
    }

    /// How the audit log names a reading of the list ("unreached families of 52.03 (desil 1-4, pangan)").
    public func auditTarget(region: RegionCode, sector: Sector?) -> String {
        "unreached families of \(region.dotted) (desil \(rawValue)\(sector.map { ", \($0.rawValue)" } ?? ""))"
    }
}
