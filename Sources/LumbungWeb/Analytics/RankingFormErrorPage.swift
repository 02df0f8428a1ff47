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

    let title: String
    let query = ""
    let heading: String
    let message: String
    let within: String
    let level: String
    let weightFields: [WeightField]
    let minimum: String

    init(request: Request, error: AppError, problem: PriorityRanking.WeightError, defaultWithin: RegionCode, texts: Catalogue = .of(.id)) {
        title = texts["ranking_error_title"] + " — Lumbung"
        heading = texts["ranking_error_heading"]
        // In English the indicator is named in words too (the API's English message names its id).
        if texts.isEnglish, let name = problem.indicator.flatMap(IndicatorCatalogue.indicator).map(texts.name) {
            let key: String, text: String
            switch problem {
            case .negative: (key, text) = ("ranking_error_negative", "")
            case .notANumber(_, let given): (key, text) = ("ranking_error_not_number", given)
            default: (key, text) = ("ranking_error_too_large", "")
            }
            message = texts(key, ["name": name, "maximum": texts.number(Int(saturating: PriorityRanking.maximumWeight)), "text": text])
        } else {
            message = texts.message(error)
        }
        within = FormQuery.value("within", in: request) ?? defaultWithin.dotted
        level = FormQuery.value("level", in: request) ?? "desa"
        minimum = FormQuery.value("min_keluarga", in: request) ?? ""
        weightFields = PriorityRanking.rankableIndicators.map { indicator in
            WeightField(id: indicator.id, name: texts.name(indicator), value: FormQuery.value("w_\(indicator.id)", in: request) ?? "",
                        invalid: problem.indicator == indicator.id)
        }
    }
}
