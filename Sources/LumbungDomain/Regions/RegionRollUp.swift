/// Sums per-village figures up the region tree: every kecamatan, kabupaten/kota and the province get
/// the sum of their villages, in one pass over the villages (O(villages × depth)).
public enum RegionRollUp {
    /// Every region of `tree` (empty where it holds no village figures) with the sum of its villages.
    public static func sums<T>(_ villages: [RegionCode: T], over tree: RegionTree, empty: T, merge: (inout T, T) -> Void) -> [RegionCode: T] {
        var totals: [RegionCode: T] = [:]
        for region in tree.all { totals[region.code] = empty }
        for (code, figures) in villages {
            for level in code.ancestors + [code] { merge(&totals[level, default: empty], figures) }
        }
        return totals
    }
}
