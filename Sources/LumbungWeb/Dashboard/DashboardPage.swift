import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The model of Beranda (`/?wilayah=CODE`): the four questions at a glance for a region of the user's scope —
/// how many people and how poor (headline figures), where (the map and the top 10 priority areas), who (the most
/// affected groups), and how fresh the data are (data date, source, last import).
struct DashboardPage {
    struct Headline {
        let label: String
        let value: String
        let detail: String?
        /// The change since the latest snapshot, e.g. "+12 sejak rilis-2024" (issue 16); `nil` without one.
        var change: String? = nil
    }

    struct Priority {
        let rank: Int
        let name: String
        let href: String
        let parent: String
        let families: String
        let score: String
        let reason: String
    }

    struct Group {
        let text: String
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct KeyIndicator {
        let name: String
        let value: String
        let count: String
    }

    let title: String
    let query = ""
    let heading: String
    let code: String
    let regionHref: String
    let regionOptions: [Option]
    let hasData: Bool
    let headlines: [Headline]
    let mapSVG: String?
    let legend: [RegionPage.LegendRow]
    let legendHeading: String
    let legendNote: String
    let mapIndicatorOptions: [Option]
    let priorities: [Priority]
    let prioritiesNote: String
    let rankingHref: String?
    let groups: [Group]
    /// People flagged for verification in the region, in words (`nil` without data).
    let quality: String?
    let keyIndicators: [KeyIndicator]
    let freshness: String
    let source: String

    static let headlineIndicators = ["people", "families", "desil1_families", "desil1to4_families", "disability", "out_of_school", "elderly_alone"]
    static let keyIndicatorIDs = ["desil1_families", "desil1to4_families", "unfit_housing", "no_safe_water", "no_sanitation", "no_electricity",
                                  "out_of_school", "disability", "no_jkn", "female_headed", "needs_verification"]
    /// The rates whose groups are compared for "who is most affected".
    static let groupIndicators: [(indicator: String, splits: [String])] = [
        ("desil1_families", ["head_sex", "member_with_disability", "elderly_member", "child_member"]),
        ("desil1_people", ["sex", "age_band", "disability"]),
    ]

    init(region: Region, tree: RegionTree, scope: RegionCode, figures: RegionFigures.Figures, map: RegionMap, request: MapRequest,
         ranking: PriorityRanking?, freshness: DataFreshness, previous: (snapshot: SnapshotStore.Snapshot, figures: RegionFigures.Figures)? = nil) {
        let code = region.code
        title = "Beranda — \(region.title) — Lumbung"
        heading = region.title
        self.code = code.dotted
        regionHref = "/wilayah/\(code.dotted)"
        // Regions to choose: the scope, the regions one level below it, and the current one with its path.
        var choices = [scope] + tree.children(of: scope).map(\.code)
        for step in tree.path(to: code).map(\.code) where scope.contains(step) && !choices.contains(step) { choices.append(step) }
        regionOptions = choices.compactMap { tree[$0] }.map { Option(value: $0.code.dotted, label: $0.title, selected: $0.code == code) }
        let tally = figures.totals[code]
        hasData = tally.families > 0
        func value(_ id: String, _ at: RegionCode = code) -> IndicatorValue? {
            guard let indicator = IndicatorCatalogue.indicator(id) else { return nil }
            let value = indicator.value(in: figures.totals[at])
            return figures.disclosure.map { $0.disclosed(value, in: at) } ?? value
        }
        headlines = Self.headlineIndicators.compactMap { id in
            guard let indicator = IndicatorCatalogue.indicator(id), let v = value(id) else { return nil }
            if let suppression = v.suppression { return Headline(label: indicator.nameID, value: suppression.text, detail: nil) }
            let change = previous.flatMap { Self.change(indicator, now: v, in: code, since: $0) }
            if indicator.unit == .percent {
                return Headline(label: indicator.nameID, value: IndonesianNumber.percent(v.percent),
                                detail: "\(IndonesianNumber.format(v.count)) \(indicator.subject == .families ? "keluarga" : "jiwa")", change: change)
            }
            return Headline(label: indicator.nameID, value: IndonesianNumber.format(v.count), detail: nil, change: change)
        }
        // The map.
        mapSVG = map.inlineSVG
        legend = map.choropleth.legend.map { RegionPage.LegendRow(colour: $0.colour, label: $0.label, hatched: $0.hatched) }
        legendHeading = "\(request.indicator.nameID) per \(map.drawn.level.childrenLabel?.lowercased() ?? "wilayah") di \(map.drawn.title)"
        legendNote = map.choropleth.note
        mapIndicatorOptions = MapRequest.indicators.map { Option(value: $0.id, label: $0.nameID, selected: $0.id == request.indicator.id) }
        // The priority areas, each with its reason in words.
        let regionRates = Dictionary(uniqueKeysWithValues: PriorityRanking.defaultWeights.map { weight in
            (weight.indicator, value(weight.indicator).flatMap { $0.suppression == nil ? $0.percent : nil })
        })
        priorities = (ranking?.rows.prefix(10) ?? []).map { row in
            let regionCode = try? RegionCode(row.code)
            let parent = regionCode.flatMap { $0.parent }.flatMap { tree[$0] }
            return Priority(rank: row.rank, name: row.name, href: "/wilayah/\(row.code)", parent: parent?.name ?? "",
                            families: row.families.map(IndonesianNumber.format) ?? (row.familiesSuppression ?? .small).text,
                            score: RankingPage.decimal(row.score), reason: Self.reason(row, regionRates: regionRates, region: region))
        }
        rankingHref = PriorityRanking.Level.desa.isBelow(code) ? "/peringkat?within=\(code.dotted)&level=desa" : nil
        if ranking == nil {
            prioritiesNote = "Peringkat desa tidak dibuat untuk satu desa; lihat peringkat kecamatannya."
        } else if priorities.isEmpty {
            prioritiesNote = "Belum ada desa/kelurahan dengan sedikitnya \(ComparableArea.minimumFamilies) keluarga tercatat di \(region.title)."
        } else {
            prioritiesNote = "Hanya desa/kelurahan dengan sedikitnya \(ComparableArea.minimumFamilies) keluarga yang dibandingkan (angka wilayah yang sangat kecil mudah berayun); aturan yang sama dipakai Ringkasan. Bobot bawaan: "
                + PriorityRanking.defaultWeights.compactMap { w in IndicatorCatalogue.indicator(w.indicator).map { "\($0.nameID) \(RankingPage.weightText(w.weight))" } }
                    .joined(separator: ", ") + "."
        }
        // Who is most affected: groups whose rate is highest against everyone's.
        var groups: [(Double, String)] = []
        for (id, splits) in Self.groupIndicators {
            guard let v = value(id), v.suppression == nil, let overall = v.percent, overall > 0,
                  let indicator = IndicatorCatalogue.indicator(id) else { continue }
            for split in v.splits where splits.contains(split.by) {
                for group in split.groups where group.suppression == nil {
                    guard let rate = group.percent, rate > overall * 1.1, let name = Self.groupName(split.by, group.group) else { continue }
                    groups.append((rate / overall, "\(name): \(IndonesianNumber.percent(rate)) \(indicator.subject == .families ? "keluarganya" : "orangnya") di desil 1 (\(IndonesianNumber.percent(overall)) untuk semua), \(Self.times(rate / overall)) rata-rata"))
                }
            }
        }
        self.groups = groups.enumerated().sorted { ($0.element.0, -$0.offset) > ($1.element.0, -$1.offset) }.map(\.element).prefix(5).map { Group(text: $0.1) }
        keyIndicators = Self.keyIndicatorIDs.compactMap { id in
            guard let indicator = IndicatorCatalogue.indicator(id), let v = value(id) else { return nil }
            if let suppression = v.suppression { return KeyIndicator(name: indicator.nameID, value: suppression.text, count: "") }
            return KeyIndicator(name: indicator.nameID, value: IndonesianNumber.percent(v.percent), count: IndonesianNumber.format(v.count))
        }
        self.freshness = Self.freshnessText(freshness, zone: IndonesianTimeZone(region: region.code))
        quality = hasData ? value("needs_verification").map(Self.qualityText) : nil
        source = "Sumber: data registri yang diimpor ke Lumbung (agregat per desa, diperbarui setiap impor)."
            + (freshness.lastLayout.map { " Format impor terakhir: \($0)." } ?? "")
    }

    /// "keluarga desil 1: 31,0% (2,1× rata-rata kabupaten)" for the one or two components that give the most points.
    static func reason(_ row: PriorityRanking.Row, regionRates: [String: Double?], region: Region) -> String {
        let top = row.components.enumerated().filter { ($0.element.contribution ?? 0) > 0 && $0.element.percent != nil }
            .sorted { ($0.element.contribution ?? 0, -$0.offset) > ($1.element.contribution ?? 0, -$1.offset) }.prefix(2).map(\.element)
        let parts = top.compactMap { component -> String? in
            guard let percent = component.percent, let indicator = IndicatorCatalogue.indicator(component.indicator) else { return nil }
            var text = "\(indicator.nameID.lowercased()): \(IndonesianNumber.percent(percent))"
            if let regional = regionRates[component.indicator] ?? nil, regional > 0 {
                text += " (\(times(percent / regional)) rata-rata \(region.level.label.lowercased()))"
            }
            return text
        }
        if parts.isEmpty {
            return row.withheld.isEmpty ? "semua komponen pada nilai terendah di antara desa yang dibandingkan" : "angka komponennya disembunyikan"
        }
        return parts.joined(separator: "; ")
    }

    /// `2,1×`.
    static func times(_ ratio: Double) -> String {
        let tenths = Int(saturating: ratio * 10, rounding: .toNearestOrAwayFromZero)
        return "\(tenths / 10),\(tenths % 10)×"
    }

    static func groupName(_ split: String, _ group: String) -> String? {
        switch (split, group) {
        case ("head_sex", "female"): "Keluarga dikepalai perempuan"
        case ("head_sex", "male"): "Keluarga dikepalai laki-laki"
        case ("member_with_disability", "with"): "Keluarga dengan anggota disabilitas"
        case ("elderly_member", "with"): "Keluarga dengan lansia"
        case ("child_member", "with"): "Keluarga dengan anak"
        case ("sex", "female"): "Perempuan"
        case ("sex", "male"): "Laki-laki"
        case ("age_band", let band): AgeBand(rawValue: band).map(\.label)
        case ("disability", "with"): "Penyandang disabilitas"
        default: nil
        }
    }

    /// The region's data quality in one line: people whose record needs verification (no NIK).
    static func qualityText(_ v: IndicatorValue) -> String {
        if let suppression = v.suppression { return "Mutu data: \(suppression.text) jiwa perlu verifikasi (tanpa NIK)." }
        guard v.count > 0 else { return "Mutu data: semua jiwa tercatat dengan NIK; tidak ada yang perlu verifikasi." }
        return "Mutu data: \(IndonesianNumber.format(v.count)) jiwa (\(IndonesianNumber.percent(v.percent))) perlu verifikasi (tanpa NIK)."
    }

    static func freshnessText(_ freshness: DataFreshness, zone: IndonesianTimeZone = .wita) -> String {
        guard let asOf = freshness.asOf else { return "Belum ada data yang diimpor untuk wilayah ini." }
        var text = "Data per \(CalendarDate(iso: asOf)?.indonesianText ?? asOf) (tanggal acuan impor), dari \(IndonesianNumber.format(freshness.villagesWithData)) desa/kelurahan."
        if let batch = freshness.lastBatch, let finished = freshness.lastFinished {
            text += " Impor terakhir: nomor \(batch), selesai \(LocalTime.text(utc: finished, in: zone))."
        }
        return text
    }
}

extension DashboardPage {
    /// The change of a headline figure since a snapshot, in words: "+12 sejak rilis-2024", "−1,2 poin sejak rilis-2024",
    /// "tetap sejak rilis-2024". Nothing when either figure is withheld; for a role that may not see small counts a change of
    /// 1–4 is written "<5", so that two shown totals never give a small count away by their difference.
    static func change(_ indicator: Indicator, now: IndicatorValue, in code: RegionCode,
                       since previous: (snapshot: SnapshotStore.Snapshot, figures: RegionFigures.Figures)) -> String? {
        var before = indicator.value(in: previous.figures.totals[code])
        if let plan = previous.figures.disclosure { before = plan.disclosed(before, in: code) }
        guard before.suppression == nil, now.suppression == nil else { return nil }
        let since = " sejak \(previous.snapshot.name)"
        if indicator.unit == .percent {
            guard let a = before.percent, let b = now.percent else { return nil }
            let tenths = Int(saturating: (b - a) * 10, rounding: .toNearestOrAwayFromZero)
            if tenths == 0 { return "tetap" + since }
            let text = IndonesianNumber.decimal(Double(abs(tenths)) / 10)
            return (tenths > 0 ? "+" : "−") + text + " poin" + since
        }
        let delta = now.count - before.count
        if delta == 0 { return "tetap" + since }
        if previous.figures.disclosure != nil && abs(delta) < CellSuppression.threshold { return (delta > 0 ? "+" : "−") + "<\(CellSuppression.threshold)" + since }
        return (delta > 0 ? "+" : "−") + IndonesianNumber.format(abs(delta)) + since
    }
}
