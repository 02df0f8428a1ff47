import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// A ranking asked for by the API (`within`, `level`, `weights=id:w,…`) or by the page's form (`within`,
/// `level`, one `w_{indicator}` field per weight), checked once for both.
struct RankingRequest: Sendable {
    let within: Region
    let levelName: String
    let level: PriorityRanking.Level
    let weights: [PriorityRanking.Weight]

    /// Why a ranking cannot be made, in both languages.
    enum Problem: Sendable {
        case unknownLevel(String)
        case levelNotBelow(String, Region)
        case weights(PriorityRanking.WeightError)

        var english: String {
            switch self {
            case .unknownLevel(let name): "level must be desa or kecamatan, not '\(name)'"
            case .levelNotBelow(let name, let region): "level \(name) is not below \(region.code.dotted) (\(region.level.rawValue))"
            case .weights(let error): error.message
            }
        }

        var indonesian: String {
            switch self {
            case .unknownLevel(let name): "tingkat harus desa atau kecamatan, bukan '\(name)'"
            case .levelNotBelow(let name, let region): "tidak ada \(name) di bawah \(region.title)"
            case .weights(let error): error.indonesianMessage
            }
        }
    }

    /// `defaultWithin`: the region ranked when the request names none (the user's scope).
    init(_ request: Request, tree: RegionTree, defaultWithin: RegionCode) throws(AppError) {
        within = try AppError.region(FormQuery.value("within", in: request) ?? defaultWithin.dotted, in: tree)
        levelName = FormQuery.value("level", in: request) ?? "desa"
        guard let level = PriorityRanking.Level(name: levelName) else { throw .badRanking(.unknownLevel(levelName)) }
        guard level.isBelow(within.code) else { throw .badRanking(.levelNotBelow(levelName, within)) }
        self.level = level
        do {
            if let text = FormQuery.value("weights", in: request), !text.isEmpty {
                weights = try PriorityRanking.parseWeights(text)
            } else if let fields = Self.formWeights(request) {
                weights = try PriorityRanking.parseWeights(fields)
            } else {
                weights = PriorityRanking.defaultWeights
            }
        } catch {
            throw .badRanking(.weights(error))
        }
    }

    /// The form's `w_{indicator}` fields as `id:w,…` (blank fields weigh 0; a decimal comma is allowed).
    private static func formWeights(_ request: Request) -> String? {
        let fields = PriorityRanking.rankableIndicators.compactMap { indicator -> String? in
            guard let value = FormQuery.value("w_\(indicator.id)", in: request) else { return nil }
            let number = value.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            return "\(indicator.id):\(number.isEmpty ? "0" : number)"
        }
        return fields.isEmpty ? nil : fields.joined(separator: ",")
    }

    /// The key a response is cached under.
    var cacheKey: String {
        "ranking \(within.code) \(level.rawValue) " + weights.map { "\($0.indicator):\($0.weight)" }.joined(separator: ",")
    }

    func ranking(_ totals: RegionTotals) -> PriorityRanking {
        PriorityRanking(areas: PriorityRanking.areas(level, within: within.code, totals: totals), weights: weights)
    }
}
