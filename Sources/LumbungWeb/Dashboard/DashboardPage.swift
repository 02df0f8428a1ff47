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
         ranking: PriorityRanking?, freshness: DataFreshness, previous: (snapshot: SnapshotStore.Snapshot, figures: RegionFigures.Figures)? = nil,
         texts: Catalogue) {
        let code = region.code
        title = "\(texts["home_kicker"]) — \(region.title) — Lumbung"
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
            if let suppression = v.suppression { return Headline(label: texts.name(indicator), value: suppression.text, detail: nil) }
            let change = previous.flatMap { Self.change(indicator, now: v, in: code, since: $0, texts: texts) }
            if indicator.unit == .percent {
                return Headline(label: texts.name(indicator), value: texts.percent(v.percent),
                                detail: "\(texts.number(v.count)) \(texts[indicator.subject == .families ? "families_unit" : "people_unit"])", change: change)
            }
            return Headline(label: texts.name(indicator), value: texts.number(v.count), detail: nil, change: change)
        }
        // The map.
        mapSVG = map.inlineSVG
        legend = map.choropleth.legend.map { RegionPage.LegendRow(colour: $0.colour, label: $0.label, hatched: $0.hatched) }
        legendHeading = Self.legendHeading(request.indicator, map: map, texts: texts)
        legendNote = map.choropleth.note
        mapIndicatorOptions = MapRequest.indicators.map { Option(value: $0.id, label: texts.name($0), selected: $0.id == request.indicator.id) }
        // The priority areas, each with its reason in words.
        let regionRates = Dictionary(uniqueKeysWithValues: PriorityRanking.defaultWeights.map { weight in
            (weight.indicator, value(weight.indicator).flatMap { $0.suppression == nil ? $0.percent : nil })
        })
        priorities = (ranking?.rows.prefix(10) ?? []).map { row in
            let regionCode = try? RegionCode(row.code)
            let parent = regionCode.flatMap { $0.parent }.flatMap { tree[$0] }
            return Priority(rank: row.rank, name: row.name, href: "/wilayah/\(row.code)", parent: parent?.name ?? "",
                            families: row.families.map(texts.number) ?? (row.familiesSuppression ?? .small).text,
                            score: texts.decimal(row.score), reason: Self.reason(row, regionRates: regionRates, region: region, texts: texts))
        }
        rankingHref = PriorityRanking.Level.desa.isBelow(code) ? "/peringkat?within=\(code.dotted)&level=desa" : nil
        let minimum = texts.number(ComparableArea.minimumFamilies)
        if ranking == nil {
            prioritiesNote = texts["home_priorities_desa"]
        } else if priorities.isEmpty {
            prioritiesNote = texts("home_priorities_none", ["minimum": minimum, "region": region.title])
        } else {
            let weights = PriorityRanking.defaultWeights.compactMap { w in
                IndicatorCatalogue.indicator(w.indicator).map { "\(texts.name($0)) \(RankingPage.weightText(w.weight, texts: texts))" }
            }.joined(separator: ", ")
            prioritiesNote = texts(ranking?.shrunk == true ? "home_priorities_rule_shrunk" : "home_priorities_rule",
                                   ["minimum": minimum, "region": region.title, "weights": weights])
        }
        // Who is most affected: groups whose rate is highest against everyone's.
        var groups: [(Double, String)] = []
        for (id, splits) in Self.groupIndicators {
            guard let v = value(id), v.suppression == nil, let overall = v.percent, overall > 0,
                  let indicator = IndicatorCatalogue.indicator(id) else { continue }
            for split in v.splits where splits.contains(split.by) {
                for group in split.groups where group.suppression == nil {
                    guard let rate = group.percent, rate > overall * 1.1, let name = Self.groupName(split.by, group.group, texts: texts) else { continue }
                    groups.append((rate / overall, texts(indicator.subject == .families ? "home_group_families" : "home_group_people",
                                                         ["group": name, "rate": texts.percent(rate), "overall": texts.percent(overall),
                                                          "times": Self.times(rate / overall, texts: texts)])))
                }
            }
        }
        self.groups = groups.enumerated().sorted { ($0.element.0, -$0.offset) > ($1.element.0, -$1.offset) }.map(\.element).prefix(5).map { Group(text: $0.1) }
        keyIndicators = Self.keyIndicatorIDs.compactMap { id in
            guard let indicator = IndicatorCatalogue.indicator(id), let v = value(id) else { return nil }
            if let suppression = v.suppression { return KeyIndicator(name: texts.name(indicator), value: suppression.text, count: "") }
            return KeyIndicator(name: texts.name(indicator), value: texts.percent(v.percent), count: texts.number(v.count))
        }
        self.freshness = Self.freshnessText(freshness, zone: IndonesianTimeZone(region: region.code), texts: texts)
        quality = hasData ? value("needs_verification").map { Self.qualityText($0, texts: texts) } : nil
        source = texts["home_source"] + (freshness.lastLayout.map { " " + texts("home_last_layout", ["layout": $0]) } ?? "")
    }

    /// "Keluarga desil 1 per desa/kelurahan di Kecamatan Keruak".
    static func legendHeading(_ indicator: Indicator, map: RegionMap, texts: Catalogue) -> String {
        texts("map_legend_heading", ["indicator": texts.name(indicator), "region": map.drawn.title,
                                     "level": map.drawn.level.childrenLabel == nil ? texts["level_children_none"]
                                         : texts["level_children_\(map.drawn.level.rawValue)"].lowercased()])
    }

    /// "keluarga desil 1: 31,0% (2,1× rata-rata kabupaten)" for the one or two components that give the most points.
    static func reason(_ row: PriorityRanking.Row, regionRates: [String: Double?], region: Region, texts: Catalogue) -> String {
        let parts = row.leadingComponents(2).compactMap { component -> String? in
            guard let percent = component.percent, let indicator = IndicatorCatalogue.indicator(component.indicator) else { return nil }
            var text = "\(texts.name(indicator).lowercased()): \(texts.percent(percent))"
            if let regional = regionRates[component.indicator] ?? nil, regional > 0 {
                text += " " + texts("home_reason_times", ["times": times(percent / regional, texts: texts), "level": texts["level_\(region.level.rawValue)"].lowercased()])
            }
            return text
        }
        if parts.isEmpty {
            return texts[row.withheld.isEmpty ? "home_reason_lowest" : "home_reason_withheld"]
        }
        return parts.joined(separator: "; ")
    }

    /// `2,1×`.
    static func times(_ ratio: Double, texts: Catalogue) -> String {
        texts.decimal(ratio) + "×"
    }

    /// The groups Beranda names, by split and group: their catalogue keys (`group_head_sex_female`…).
    static let namedGroups: Set<String> = ["head_sex female", "head_sex male", "member_with_disability with", "elderly_member with",
                                           "child_member with", "sex female", "sex male", "disability with"]

    static func groupName(_ split: String, _ group: String, texts: Catalogue) -> String? {
        if split == "age_band" {
            return AgeBand(rawValue: group).map { texts.isEnglish ? texts["age_band_\($0.rawValue)"] : $0.label }
        }
        return namedGroups.contains("\(split) \(group)") ? texts["group_\(split)_\(group)"] : nil
    }

    /// The region's data quality in one line: people whose record needs verification (no NIK).
    static func qualityText(_ v: IndicatorValue, texts: Catalogue) -> String {
        if let suppression = v.suppression { return texts("home_quality_withheld", ["count": suppression.text]) }
        guard v.count > 0 else { return texts["home_quality_none"] }
        return texts("home_quality", ["count": texts.number(v.count), "percent": texts.percent(v.percent)])
    }

    static func freshnessText(_ freshness: DataFreshness, zone: IndonesianTimeZone = .wita, texts: Catalogue) -> String {
        guard let asOf = freshness.asOf else { return texts["freshness_none"] }
        var text = texts("freshness_data", ["date": CalendarDate(iso: asOf).map(texts.date) ?? asOf, "villages": texts.number(freshness.villagesWithData)])
        if let batch = freshness.lastBatch, let finished = freshness.lastFinished {
            text += " " + texts("freshness_last_import", ["batch": "\(batch)", "time": texts.time(utc: finished, in: zone)])
        }
        return text
    }
}

extension DashboardPage {
    /// The change of a headline figure since a snapshot, in words: "+12 sejak rilis-2024", "−1,2 poin sejak rilis-2024",
    /// "tetap sejak rilis-2024". Nothing when either figure is withheld; for a role that may not see small counts a change of
    /// 1–4 is written "<5", so that two shown totals never give a small count away by their difference.
    static func change(_ indicator: Indicator, now: IndicatorValue, in code: RegionCode,
                       since previous: (snapshot: SnapshotStore.Snapshot, figures: RegionFigures.Figures), texts: Catalogue) -> String? {
        var before = indicator.value(in: previous.figures.totals[code])
        if let plan = previous.figures.disclosure { before = plan.disclosed(before, in: code) }
        guard before.suppression == nil, now.suppression == nil else { return nil }
        let snapshot = previous.snapshot.name
        if indicator.unit == .percent {
            guard let a = before.percent, let b = now.percent else { return nil }
            let tenths = Int(saturating: (b - a) * 10, rounding: .toNearestOrAwayFromZero)
            if tenths == 0 { return texts("home_change_same", ["snapshot": snapshot]) }
            let text = texts.decimal(Double(abs(tenths)) / 10)
            return texts("home_change_points", ["delta": (tenths > 0 ? "+" : "−") + text, "snapshot": snapshot])
        }
        let delta = now.count - before.count
        if delta == 0 { return texts("home_change_same", ["snapshot": snapshot]) }
        if previous.figures.disclosure != nil && abs(delta) < CellSuppression.threshold {
            return texts("home_change_count", ["delta": (delta > 0 ? "+" : "−") + "<\(CellSuppression.threshold)", "snapshot": snapshot])
        }
        return texts("home_change_count", ["delta": (delta > 0 ? "+" : "−") + texts.number(abs(delta)), "snapshot": snapshot])
    }
}
