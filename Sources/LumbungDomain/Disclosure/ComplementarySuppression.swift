/// Primary and complementary suppression over a set of figures tied by additive relations.
///
/// A figure is a count (people or families). A relation says `total = part₁ + part₂ + …`: the groups of a
/// split add up to the value (a sex split: men + women = all), the regions one level down add up to their
/// parent, the kinds of disability add up to all people with a disability. Whoever sees every term of a
/// relation but one can compute that one, so:
///
/// 1. **Primary**: every figure of 1–4 (`CellSuppression.suppresses`) is hidden. Zero stays visible.
/// 2. **Complementary**: while some relation has exactly one hidden term, one more of its terms is hidden —
///    the smallest non-zero visible part (ties: the first); when no part is left to hide, the relation's total;
///    failing that, a visible part of zero. Then the relations that term belongs to are checked again.
///
/// At the end no relation has exactly one hidden term, so no total minus the visible groups (or parent minus
/// the visible children) gives a hidden figure; it gives a sum of at least two hidden ones. The total of a
/// split stays visible when two of its groups can be hidden: `8 = 7 men + 1 woman` hides the woman (1–4) and
/// the men (the next smallest group), and shows the 8. Residuals (people of unknown sex) are treated as known,
/// so the rule holds even where they are zero.
public enum ComplementarySuppression {
    /// Why each figure is hidden (`nil`: shown), given the figures' `values` and `relations`, each a list of
    /// indices into `values` with the total first and the parts after it.
    public static func suppress(_ values: [Int], relations: [[Int]]) -> [CellSuppression.Reason?] {
        var reasons: [CellSuppression.Reason?] = values.map { CellSuppression.suppresses($0) ? .small : nil }
        let relations = relations.filter { $0.count > 1 }
        var relationsOf = [[Int]](repeating: [], count: values.count)
        for (index, relation) in relations.enumerated() {
            for figure in relation { relationsOf[figure].append(index) }
        }
        var queued = [Bool](repeating: true, count: relations.count)
        var queue = Array(relations.indices)
        while let next = queue.popLast() {
            queued[next] = false
            let relation = relations[next]
            var hidden = 0
            for figure in relation where reasons[figure] != nil {
                hidden += 1
                if hidden > 1 { break }
            }
            guard hidden == 1, let extra = complement(in: relation, values: values, reasons: reasons) else { continue }
            reasons[extra] = .complementary
            for other in relationsOf[extra] where !queued[other] {
                queued[other] = true
                queue.append(other)
            }
        }
        return reasons
    }

    /// The term to hide next in a relation with one hidden term.
    private static func complement(in relation: [Int], values: [Int], reasons: [CellSuppression.Reason?]) -> Int? {
        let parts = relation.dropFirst().filter { reasons[$0] == nil }
        if let smallest = parts.filter({ values[$0] > 0 }).min(by: { (values[$0], $0) < (values[$1], $1) }) { return smallest }
        if reasons[relation[0]] == nil { return relation[0] }
        return parts.first
    }
}
