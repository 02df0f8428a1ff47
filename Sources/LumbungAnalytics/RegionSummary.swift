import Foundation
import LumbungDomain

/// A short paragraph, in Bahasa Indonesia and English, stating a region's most urgent facts with numbers:
/// its size, its poverty against the region above it, the indicators where it stands out most, and the
/// areas below it that the default ranking puts first (`PriorityRanking.standardOfChildren`: the same rule as the
/// ranking page and Beranda, so all three name the same poorest area). Built only from computed figures.
public struct RegionSummary: Sendable, Encodable {
    public let id: String
    public let en: String


    /// Indicators compared against the parent region, worst first.
    static let compared = ["desil1_families", "unfit_housing", "no_safe_water", "no_sanitation", "out_of_school", "disability",
                           "no_electricity", "firewood", "no_jkn"]

    /// - Parameter disclosure: for roles that see aggregates only: every count or rate the plan withholds is
    ///   written as "<5" (a count of 1–4) or "[disembunyikan]"/"[withheld]", and left out of comparisons.
    public init(region: Region, totals: RegionTotals, disclosure: DisclosurePlan? = nil) {
        func hidden(_ code: RegionCode, _ indicator: String, _ split: String? = nil, _ group: String? = nil) -> CellSuppression.Reason? {
            disclosure?.suppression(code, indicator: indicator, split: split, group: group)
        }
        func number(_ value: Int, _ reason: CellSuppression.Reason?) -> String {
            switch reason {
            case nil: Self.number(value)
            case .small?: CellSuppression.Reason.small.text
            case .complementary?: Self.withheld
            }
        }
        func numberEN(_ value: Int, _ reason: CellSuppression.Reason?) -> String {
            switch reason {
            case nil: Self.numberEN(value)
            case .small?: CellSuppression.Reason.small.text
            case .complementary?: Self.withheldEN
            }
        }
        let tree = totals.tree
        let tally = totals[region.code]
        guard tally.families > 0 else {
            id = "Belum ada data keluarga untuk \(region.title)."
            en = "There is no family data for \(region.title) yet."
            return
        }
        let code = region.code
        let parent = region.parentCode.flatMap { tree[$0] }
        let parentTally = parent.map { totals[$0.code] }
        func value(_ id: String, _ tally: RegionTally) -> IndicatorValue { IndicatorCatalogue.indicator(id)!.value(in: tally) }
        /// A rate the reader may see, or `nil`.
        func rate(_ id: String, _ region: RegionCode, _ tally: RegionTally) -> Double? {
            hidden(region, id) == nil ? value(id, tally).percent : nil
        }
        let desil1 = rate("desil1_families", code, tally), desil14 = rate("desil1to4_families", code, tally)
        func share(_ rate: Double?) -> String { rate.map { Self.percent($0) } ?? Self.withheld }
        func shareEN(_ rate: Double?) -> String { rate.map { Self.percentEN($0) } ?? Self.withheldEN }
        var indonesian = "\(region.title) tercatat \(number(tally.people, hidden(code, "people"))) jiwa dalam \(number(tally.families, hidden(code, "families"))) keluarga. "
        var english = "\(region.title) has \(numberEN(tally.people, hidden(code, "people"))) people in \(numberEN(tally.families, hidden(code, "families"))) families on record. "
        indonesian += "\(share(desil1)) keluarga berada di desil 1 dan \(share(desil14)) di desil 1–4"
        english += "\(shareEN(desil1)) of families are in desil 1 and \(shareEN(desil14)) in desil 1–4"
        if let parent, let parentTally, let parentRate = rate("desil1_families", parent.code, parentTally) {
            indonesian += " (\(parent.title): \(Self.percent(parentRate)) di desil 1)"
            english += " (\(parent.title): \(Self.percentEN(parentRate)) in desil 1)"
        }
        indonesian += ". "
        english += ". "
        // Where the region stands out most against its parent.
        if let parent, let parentTally {
            let standouts = Self.compared.compactMap { id -> (Indicator, Double, Double)? in
                guard let mine = rate(id, code, tally), let theirs = rate(id, parent.code, parentTally), theirs > 0, mine > theirs * 1.1 else { return nil }
                return (IndicatorCatalogue.indicator(id)!, mine, theirs)
            }.sorted { $0.1 / $0.2 > $1.1 / $1.2 }.prefix(3)
            if !standouts.isEmpty {
                indonesian += "Dibanding \(parent.title), angkanya lebih tinggi untuk "
                    + standouts.map { "\($0.0.nameID.lowercased()) (\(Self.percent($0.1)) vs \(Self.percent($0.2)))" }.joined(separator: ", ") + ". "
                english += "Compared with \(parent.title) it is higher for "
                    + standouts.map { "\($0.0.nameEN.lowercased()) (\(Self.percentEN($0.1)) vs \(Self.percentEN($0.2)))" }.joined(separator: ", ") + ". "
            }
        }
        // Vulnerable groups by count.
        let disabled = (tally.disabled.total, hidden(code, "disability")), alone = (tally.elderlyLivingAlone.total, hidden(code, "elderly_alone"))
        let outOfSchool = tally.outOfSchool7to18
        let out = (outOfSchool.total, hidden(code, "out_of_school")), girls = (outOfSchool.female, hidden(code, "out_of_school", "sex", "female"))
        let boys = (outOfSchool.male, hidden(code, "out_of_school", "sex", "male"))
        indonesian += "Terdapat \(number(disabled.0, disabled.1)) penyandang disabilitas, \(number(alone.0, alone.1)) lansia yang tinggal sendiri, dan \(number(out.0, out.1)) anak usia 7–18 tidak bersekolah (\(number(girls.0, girls.1)) perempuan, \(number(boys.0, boys.1)) laki-laki). "
        english += "There are \(numberEN(disabled.0, disabled.1)) people with a disability, \(numberEN(alone.0, alone.1)) elderly people living alone, and \(numberEN(out.0, out.1)) children aged 7–18 out of school (\(numberEN(girls.0, girls.1)) girls, \(numberEN(boys.0, boys.1)) boys). "
        // The areas below that the default ranking puts first (the same rule as the ranking page and Beranda).
        let ranking = PriorityRanking.standardOfChildren(region.code, totals: totals, disclosure: disclosure)
        let top = ranking.rows.prefix(3)
        if !top.isEmpty, let label = region.level.childrenLabel {
            // Each named with the rates that give it the most points (not always desil 1: an area can rank first for its
            // sanitation while its desil-1 share is the lowest).
            func reasons(_ row: PriorityRanking.Row, english: Bool) -> String {
                let parts = row.leadingComponents(2).compactMap { component -> String? in
                    guard let indicator = IndicatorCatalogue.indicator(component.indicator), let percent = component.percent else { return nil }
                    return english ? "\(indicator.nameEN.lowercased()): \(Self.percentEN(percent))" : "\(indicator.nameID.lowercased()): \(Self.percent(percent))"
                }
                return parts.isEmpty ? row.name : "\(row.name) (\(parts.joined(separator: "; ")))"
            }
            let minimum = ComparableArea.minimumFamilies
            let namesID: [String] = top.map { reasons($0, english: false) }
            let namesEN: [String] = top.map { reasons($0, english: true) }
            let ruleID = ranking.shrunk ? ", laju disusutkan ke angka \(region.title)" : ""
            let ruleEN = ranking.shrunk ? ", rates shrunk toward \(region.title)'s" : ""
            indonesian += "\(label) paling prioritas menurut peringkat bawaan (sedikitnya \(minimum) keluarga\(ruleID)): "
            indonesian += namesID.joined(separator: ", ") + "."
            english += "The \(label.lowercased()) ranked first by the default ranking (at least \(minimum) families\(ruleEN)): "
            english += namesEN.joined(separator: ", ") + "."
        }
        id = indonesian.trimmingCharacters(in: .whitespaces)
        en = english.trimmingCharacters(in: .whitespaces)
    }

    /// What stands in for a withheld figure.
    static let withheld = "[disembunyikan]", withheldEN = "[withheld]"

    static func number(_ value: Int) -> String { IndonesianNumber.format(value) }
    static func numberEN(_ value: Int) -> String { IndonesianNumber.formatEnglish(value) }
    static func percent(_ value: Double?) -> String { IndonesianNumber.percent(value) }
    static func percentEN(_ value: Double?) -> String { IndonesianNumber.percentEnglish(value) }
}
