import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The model of `/peringkat`: the priority ranking of the desa or kecamatan within a region, each row with
/// its score, rank range under ±25 % weights, counts and each component's rate and points; above it the
/// form to change the weights.
struct RankingPage {
    struct WeightField {
        let id: String
        let name: String
        let value: String
    }

    struct LevelOption {
        let value: String
        let label: String
        let selected: Bool
    }

    /// One component of a row: rate, count and points, or only "<5"/"×" when withheld.
    struct Component {
        let percent: String
        let count: String?
        let points: String?
        /// The rate shrunk toward the region's, when shrinkage is on.
        var shrunk: String? = nil
    }

    struct Row {
        let rank: Int
        let name: String
        let href: String
        let code: String
        let score: String
        /// The score leaves out withheld components ("*").
        let partial: Bool
        let rankRange: String
        let families: String
        let people: String
        let components: [Component]
    }

    let title: String
    let query = ""
    let heading: String
    let within: String
    let regionHref: String
    let levels: [LevelOption]
    let weightFields: [WeightField]
    let componentNames: [String]
    let rows: [Row]
    let stabilityNote: String
    /// Why some scores carry "*" (rows with withheld components, for partners and viewers).
    let partialNote: String?
    let method: String
    /// How the score is made, in Indonesian (the downloads' notes).
    static var methodText: String { Catalogue.of(.id)["ranking_method"] }
    let apiHref: String
    /// Whether rates were shrunk toward the region's before scoring (`penyusutan`), in words, and the link that switches it.
    let shrinkageNote: String
    let shrinkageSwitchHref: String
    let shrinkageSwitchText: String
    let shrinkOn: Bool
    /// The weights used, in words (printed with the result).
    let weightsText: String
    let minimumNote: String
    let minimum: String
    /// "Baris 51–100 dari 1.166".
    let rowsNote: String
    let pages: [PageLink]
    let hasPaging: Bool
    let previousHref: String?
    let nextHref: String?
    let exportCSV: String
    let exportXLSX: String

    struct PageLink {
        let number: Int
        let href: String
        let current: Bool
    }

    /// - Parameter excluded: areas left out for having fewer families than the minimum.
    let freshness: String

    init(request: RankingRequest, ranking: PriorityRanking, excluded: Int = 0, freshness: DataFreshness? = nil, texts: Catalogue) {
        self.freshness = freshness.map { DashboardPage.freshnessText($0, zone: IndonesianTimeZone(region: request.within.code), texts: texts) + " " + texts["source_registry"] } ?? ""
        method = texts["ranking_method"]
        let region = request.within
        let levelLabel = texts[request.level == .desa ? "ranking_level_desa" : "ranking_level_kecamatan"]
        title = texts("ranking_title", ["level": levelLabel, "region": region.title]) + " — Lumbung"
        heading = texts("ranking_heading", ["level": levelLabel, "region": region.title])
        within = region.code.dotted
        regionHref = "/wilayah/\(region.code.dotted)"
        levels = [PriorityRanking.Level.desa, .kecamatan].filter { $0.isBelow(region.code) }.map {
            LevelOption(value: $0.rawValue, label: texts[$0 == .desa ? "ranking_option_desa" : "ranking_option_kecamatan"], selected: $0 == request.level)
        }
        let weights = Dictionary(ranking.weights.map { ($0.indicator, $0.weight) }, uniquingKeysWith: { $1 })
        weightFields = PriorityRanking.rankableIndicators.map { indicator in
            WeightField(id: indicator.id, name: texts.name(indicator), value: weights[indicator.id].map { Self.weightText($0, texts: texts) } ?? "")
        }
        componentNames = ranking.weights.compactMap { PriorityRanking.indicator($0.indicator).map(texts.name) }
        let pageCount = max(1, (ranking.rows.count + RankingRequest.pageSize - 1) / RankingRequest.pageSize)
        let page = min(request.page, pageCount)
        let first = (page - 1) * RankingRequest.pageSize
        let shown = ranking.rows.dropFirst(first).prefix(RankingRequest.pageSize)
        rows = shown.map { row in
            Row(rank: row.rank, name: row.name, href: "/wilayah/\(row.code)", code: row.code,
                score: texts.decimal(row.score), partial: !row.withheld.isEmpty, rankRange: row.rankRange[0] == row.rankRange[1] ? "\(row.rank)" : "\(row.rankRange[0])–\(row.rankRange[1])",
                families: Self.number(row.families, row.familiesSuppression, texts: texts), people: Self.number(row.people, row.peopleSuppression, texts: texts),
                components: row.components.map { component in
                    guard let points = component.contribution, component.suppression == nil else {
                        return Component(percent: (component.suppression ?? .small).text, count: nil, points: nil)
                    }
                    return Component(percent: texts.percent(component.percent), count: Self.number(component.count, texts: texts),
                                     points: texts.decimal(points), shrunk: component.shrunkPercent.map { texts.percent($0) })
                })
        }
        partialNote = rows.contains { $0.partial } ? texts["ranking_partial_note"] : nil
        let stability = ranking.stability
        stabilityNote = texts("ranking_stability", ["stayed": texts.number(stability.stayedInTop), "top": texts.number(stability.top),
                                                    "trials": texts.number(stability.trials), "variation": "\(Int(saturating: stability.weightVariation * 100))"])
        let weightsQuery = "weights=" + ranking.weights.map { "\($0.indicator):\(Self.weightNumber($0.weight))" }.joined(separator: ",")
        let base = "within=\(region.code.dotted)&level=\(request.level.rawValue)&min_keluarga=\(request.minimumFamilies)&\(weightsQuery)"
        let query = base + (request.shrink == RankingRequest.shrinkByDefault ? "" : "&penyusutan=\(request.shrink ? 1 : 0)")
        shrinkageSwitchHref = "/peringkat?\(base)&penyusutan=\(request.shrink ? 0 : 1)"
        shrinkageSwitchText = texts[request.shrink ? "ranking_shrink_switch_off" : "ranking_shrink_switch_on"]
        shrinkageNote = request.shrink ? texts("ranking_shrink_on", ["region": region.title]) : texts["ranking_shrink_off"]
        shrinkOn = request.shrink
        apiHref = "/api/v1/rankings?within=\(region.code.dotted)&level=\(request.level.rawValue)&" + weightsQuery
            + (request.minimumFamilies == ComparableArea.minimumFamilies ? "" : "&min_keluarga=\(request.minimumFamilies)")
        weightsText = texts("ranking_weights_used", ["weights": ranking.weights.compactMap { weight in
            PriorityRanking.indicator(weight.indicator).map { "\(texts.name($0)) \(Self.weightText(weight.weight, texts: texts))" }
        }.joined(separator: ", ")])
        minimumNote = request.minimumNote(texts) + (excluded > 0 ? " " + texts("ranking_excluded", ["count": texts.number(excluded)]) : "")
        minimum = String(request.minimumFamilies)
        rowsNote = ranking.rows.isEmpty ? texts["ranking_no_rows"]
            : texts("ranking_rows", ["first": texts.number(first + 1), "last": texts.number(first + shown.count), "total": texts.number(ranking.rows.count)])
        func href(_ number: Int) -> String { "/peringkat?\(query)&halaman=\(number)" }
        let near = Set([1, pageCount] + Array(max(1, page - 2)...min(pageCount, page + 2)))
        pages = pageCount > 1 ? near.sorted().map { PageLink(number: $0, href: href($0), current: $0 == page) } : []
        hasPaging = pageCount > 1
        previousHref = page > 1 ? href(page - 1) : nil
        nextHref = page < pageCount ? href(page + 1) : nil
        exportCSV = "/peringkat.csv?\(query)"
        exportXLSX = "/peringkat.xlsx?\(query)"
    }

    /// A count, or "<5"/"×" where it is withheld.
    static func number(_ value: Int?, _ suppression: CellSuppression.Reason? = nil, texts: Catalogue) -> String {
        value.map(texts.number) ?? (suppression ?? .small).text
    }

    /// `3` or `1.5`, as the API reads it.
    static func weightNumber(_ value: Double) -> String {
        Int(checked: value, rounding: .towardZero).map { Double($0) == value ? String($0) : String(value) } ?? String(value)
    }

    /// `3` or `1,5` (`1.5` in English), as the form shows it.
    static func weightText(_ value: Double, texts: Catalogue) -> String {
        texts.isEnglish ? weightNumber(value) : weightNumber(value).replacingOccurrences(of: ".", with: ",")
    }
}
