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
    let method = RankingPage.methodText
    static let methodText = "Skor = 100 × Σ bobot × nilai ternormalisasi ÷ Σ bobot. Tiap indikator dinormalisasi min–maks di antara wilayah yang diperingkat (0 = terendah, 1 = tertinggi). Wilayah kecil mudah berayun: lihat juga jumlah keluarga dan jumlah kasus."
    let apiHref: String
    /// Whether rates were shrunk toward the region's before scoring (`penyusutan`), in words, and the link that switches it.
    let shrinkageNote: String
    let shrinkageSwitchHref: String
    let shrinkageSwitchText: String
    let shrinkOn: Bool
    static func shrinkageOnText(_ region: Region) -> String {
        "Penyusutan empiris-Bayes aktif: sebelum dinormalisasi, laju tiap wilayah ditarik ke laju \(region.title) — makin kecil wilayahnya, makin kuat tarikannya — "
            + "sehingga desa kecil tidak naik ke puncak karena satu-dua keluarga. Model beta-binomial, metode momen: τ² = (Σ nᵢ(rᵢ − p)² − k·p(1−p)) ÷ (N − k), "
            + "M = p(1−p) ÷ τ² − 1, laju disusutkan = (kasus + p·M) ÷ (jumlah + M). Tabel menunjukkan laju asli dan, di bawahnya, laju yang disusutkan (yang diberi skor)."
    }
    static let shrinkageOffText = "Tanpa penyusutan: skor memakai laju asli tiap wilayah (wilayah kecil mudah berayun)."
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

    init(request: RankingRequest, ranking: PriorityRanking, excluded: Int = 0, freshness: DataFreshness? = nil) {
        self.freshness = freshness.map { DashboardPage.freshnessText($0, zone: IndonesianTimeZone(region: request.within.code)) + " Sumber: data registri yang diimpor ke Lumbung (agregat per desa)." } ?? ""
        let region = request.within
        let levelLabel = request.level == .desa ? "desa/kelurahan" : "kecamatan"
        title = "Peringkat \(levelLabel) di \(region.title) — Lumbung"
        heading = "Peringkat prioritas \(levelLabel) di \(region.title)"
        within = region.code.dotted
        regionHref = "/wilayah/\(region.code.dotted)"
        levels = [PriorityRanking.Level.desa, .kecamatan].filter { $0.isBelow(region.code) }.map {
            LevelOption(value: $0.rawValue, label: $0 == .desa ? "Desa/kelurahan" : "Kecamatan", selected: $0 == request.level)
        }
        let weights = Dictionary(ranking.weights.map { ($0.indicator, $0.weight) }, uniquingKeysWith: { $1 })
        weightFields = PriorityRanking.rankableIndicators.map { indicator in
            WeightField(id: indicator.id, name: indicator.nameID, value: weights[indicator.id].map(Self.weightText) ?? "")
        }
        componentNames = ranking.weights.compactMap { PriorityRanking.indicator($0.indicator)?.nameID }
        let pageCount = max(1, (ranking.rows.count + RankingRequest.pageSize - 1) / RankingRequest.pageSize)
        let page = min(request.page, pageCount)
        let first = (page - 1) * RankingRequest.pageSize
        let shown = ranking.rows.dropFirst(first).prefix(RankingRequest.pageSize)
        rows = shown.map { row in
            Row(rank: row.rank, name: row.name, href: "/wilayah/\(row.code)", code: row.code,
                score: Self.decimal(row.score), partial: !row.withheld.isEmpty, rankRange: row.rankRange[0] == row.rankRange[1] ? "\(row.rank)" : "\(row.rankRange[0])–\(row.rankRange[1])",
                families: Self.number(row.families, row.familiesSuppression), people: Self.number(row.people, row.peopleSuppression),
                components: row.components.map { component in
                    guard let points = component.contribution, component.suppression == nil else {
                        return Component(percent: (component.suppression ?? .small).text, count: nil, points: nil)
                    }
                    return Component(percent: IndonesianNumber.percent(component.percent), count: Self.number(component.count),
                                     points: Self.decimal(points), shrunk: component.shrunkPercent.map { IndonesianNumber.percent($0) })
                })
        }
        partialNote = rows.contains { $0.partial }
            ? "* Skor dihitung tanpa komponen yang disembunyikan (“<5”: jumlah 1–4; “×”: disembunyikan agar tidak dapat dihitung ulang), dengan bobot komponen yang tampil saja; batas min–maks tiap indikator diambil dari angka yang tampil."
            : nil
        let stability = ranking.stability
        stabilityNote = "Uji kestabilan: \(stability.stayedInTop) dari \(stability.top) wilayah teratas tetap berada di \(stability.top) besar pada semua \(stability.trials) percobaan ketika setiap bobot diubah ±\(Int(saturating: stability.weightVariation * 100))%. Kolom “Rentang” menunjukkan peringkat terbaik dan terburuk wilayah itu dalam percobaan tersebut."
        let weightsQuery = "weights=" + ranking.weights.map { "\($0.indicator):\(Self.weightNumber($0.weight))" }.joined(separator: ",")
        let base = "within=\(region.code.dotted)&level=\(request.level.rawValue)&min_keluarga=\(request.minimumFamilies)&\(weightsQuery)"
        let query = base + (request.shrink == RankingRequest.shrinkByDefault ? "" : "&penyusutan=\(request.shrink ? 1 : 0)")
        shrinkageSwitchHref = "/peringkat?\(base)&penyusutan=\(request.shrink ? 0 : 1)"
        shrinkageSwitchText = request.shrink ? "Hitung tanpa penyusutan" : "Hitung dengan penyusutan empiris-Bayes"
        shrinkageNote = request.shrink ? Self.shrinkageOnText(region) : Self.shrinkageOffText
        shrinkOn = request.shrink
        apiHref = "/api/v1/rankings?within=\(region.code.dotted)&level=\(request.level.rawValue)&" + weightsQuery
            + (request.minimumFamilies == ComparableArea.minimumFamilies ? "" : "&min_keluarga=\(request.minimumFamilies)")
        weightsText = "Bobot yang dipakai: " + ranking.weights.compactMap { weight in
            PriorityRanking.indicator(weight.indicator).map { "\($0.nameID) \(Self.weightText(weight.weight))" }
        }.joined(separator: ", ") + "."
        minimumNote = request.minimumNote + (excluded > 0 ? " \(IndonesianNumber.format(excluded)) wilayah lebih kecil tidak diperingkat." : "")
        minimum = String(request.minimumFamilies)
        rowsNote = ranking.rows.isEmpty ? "Tidak ada wilayah yang dapat diperingkat."
            : "Baris \(IndonesianNumber.format(first + 1))–\(IndonesianNumber.format(first + shown.count)) dari \(IndonesianNumber.format(ranking.rows.count)) wilayah."
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
    static func number(_ value: Int?, _ suppression: CellSuppression.Reason? = nil) -> String {
        value.map(IndonesianNumber.format) ?? (suppression ?? .small).text
    }

    /// `1,5` — one decimal with a decimal comma.
    static func decimal(_ value: Double) -> String {
        let tenths = Int(saturating: value * 10, rounding: .toNearestOrAwayFromZero)
        return "\(tenths / 10),\(abs(tenths % 10))"
    }

    /// `3` or `1.5`, as the API reads it.
    static func weightNumber(_ value: Double) -> String {
        Int(checked: value, rounding: .towardZero).map { Double($0) == value ? String($0) : String(value) } ?? String(value)
    }

    /// `3` or `1,5`, as the form shows it.
    static func weightText(_ value: Double) -> String {
        weightNumber(value).replacingOccurrences(of: ".", with: ",")
    }
}
