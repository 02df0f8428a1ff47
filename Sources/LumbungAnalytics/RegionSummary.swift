import Foundation
import LumbungDomain

/// A short paragraph, in Bahasa Indonesia and English, stating a region's most urgent facts with numbers:
/// its size, its poverty against the region above it, the indicators where it stands out most, and the
/// areas below it with the highest share of desil-1 families. Built only from computed figures.
public struct RegionSummary: Sendable, Encodable {
    public let id: String
    public let en: String

    /// Areas smaller than this are left out of "stands out" lists: their rates swing too much.
    static let minimumFamilies = 10

    /// Indicators compared against the parent region, worst first.
    static let compared = ["desil1_families", "unfit_housing", "no_safe_water", "no_sanitation", "out_of_school", "disability",
                           "no_electricity", "firewood", "no_jkn"]

    /// - Parameter suppressingSmallCounts: write counts of 1–4 as "<5" (for roles that see aggregates only).
    public init(region: Region, totals: RegionTotals, suppressingSmallCounts: Bool = false) {
        func number(_ value: Int) -> String { suppressingSmallCounts ? CellSuppression.text(value) : Self.number(value) }
        func numberEN(_ value: Int) -> String {
            suppressingSmallCounts && CellSuppression.suppresses(value) ? "<\(CellSuppression.threshold)" : Self.numberEN(value)
        }
        let tree = totals.tree
        let tally = totals[region.code]
        guard tally.families > 0 else {
            id = "Belum ada data keluarga untuk \(region.title)."
            en = "There is no family data for \(region.title) yet."
            return
        }
        let parent = region.parentCode.flatMap { tree[$0] }
        let parentTally = parent.map { totals[$0.code] }
        func value(_ id: String, _ tally: RegionTally) -> IndicatorValue { IndicatorCatalogue.indicator(id)!.value(in: tally) }
        let desil1 = value("desil1_families", tally), desil14 = value("desil1to4_families", tally)
        var indonesian = "\(region.title) tercatat \(number(tally.people)) jiwa dalam \(number(tally.families)) keluarga. "
        var english = "\(region.title) has \(numberEN(tally.people)) people in \(numberEN(tally.families)) families on record. "
        indonesian += "\(Self.percent(desil1.percent)) keluarga berada di desil 1 dan \(Self.percent(desil14.percent)) di desil 1–4"
        english += "\(Self.percentEN(desil1.percent)) of families are in desil 1 and \(Self.percentEN(desil14.percent)) in desil 1–4"
        if let parent, let parentTally, let parentRate = value("desil1_families", parentTally).percent {
            indonesian += " (\(parent.title): \(Self.percent(parentRate)) di desil 1)"
            english += " (\(parent.title): \(Self.percentEN(parentRate)) in desil 1)"
        }
        indonesian += ". "
        english += ". "
        // Where the region stands out most against its parent.
        if let parent, let parentTally {
            let standouts = Self.compared.compactMap { id -> (Indicator, Double, Double)? in
                guard let mine = value(id, tally).percent, let theirs = value(id, parentTally).percent, theirs > 0, mine > theirs * 1.1 else { return nil }
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
        let disabled = tally.disabled.total, alone = tally.elderlyLivingAlone.total, outOfSchool = tally.outOfSchool7to18
        indonesian += "Terdapat \(number(disabled)) penyandang disabilitas, \(number(alone)) lansia yang tinggal sendiri, dan \(number(outOfSchool.total)) anak usia 7–18 tidak bersekolah (\(number(outOfSchool.female)) perempuan, \(number(outOfSchool.male)) laki-laki). "
        english += "There are \(numberEN(disabled)) people with a disability, \(numberEN(alone)) elderly people living alone, and \(numberEN(outOfSchool.total)) children aged 7–18 out of school (\(numberEN(outOfSchool.female)) girls, \(numberEN(outOfSchool.male)) boys). "
        // The areas below with the highest desil-1 share.
        let children = tree.children(of: region.code).compactMap { child -> (Region, Double)? in
            let childTally = totals[child.code]
            guard childTally.families >= Self.minimumFamilies, let rate = value("desil1_families", childTally).percent else { return nil }
            return (child, rate)
        }.sorted { ($0.1, $1.0.code) > ($1.1, $0.0.code) }.prefix(3)
        if !children.isEmpty, let label = region.level.childrenLabel {
            indonesian += "\(label) dengan porsi keluarga desil 1 tertinggi: "
                + children.map { "\($0.0.name) (\(Self.percent($0.1)))" }.joined(separator: ", ") + "."
            english += "The \(label.lowercased()) with the highest share of desil-1 families: "
                + children.map { "\($0.0.name) (\(Self.percentEN($0.1)))" }.joined(separator: ", ") + "."
        }
        id = indonesian.trimmingCharacters(in: .whitespaces)
        en = english.trimmingCharacters(in: .whitespaces)
    }

    static func number(_ value: Int) -> String { IndonesianNumber.format(value) }
    static func numberEN(_ value: Int) -> String { IndonesianNumber.formatEnglish(value) }
    static func percent(_ value: Double?) -> String { IndonesianNumber.percent(value) }
    static func percentEN(_ value: Double?) -> String { IndonesianNumber.percentEnglish(value) }
}
