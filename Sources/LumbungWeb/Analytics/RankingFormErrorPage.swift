import Hummingbird
import LumbungAnalytics
import LumbungDomain

/// A ranking form that cannot be used (a negative or too large weight, all weights zero): the form again,
/// with what the user typed and the wrong field marked and named in words, under the signed-in header.
struct RankingFormErrorPage {
    struct WeightField {
        let id: String
        let name: String
        let value: String
        let invalid: Bool
    }

    let title = "Bobot peringkat salah — Lumbung"
    let query = ""
    let heading = "Peringkat tidak dapat dibuat"
    let message: String
    let within: String
    let level: String
    let weightFields: [WeightField]
    let minimum: String

    init(request: Request, error: AppError, problem: PriorityRanking.WeightError, defaultWithin: RegionCode) {
        message = error.indonesianMessage
        within = FormQuery.value("within", in: request) ?? defaultWithin.dotted
        level = FormQuery.value("level", in: request) ?? "desa"
        minimum = FormQuery.value("min_keluarga", in: request) ?? ""
        weightFields = PriorityRanking.rankableIndicators.map { indicator in
            WeightField(id: indicator.id, name: indicator.nameID, value: FormQuery.value("w_\(indicator.id)", in: request) ?? "",
                        invalid: problem.indicator == indicator.id)
        }
    }
}
