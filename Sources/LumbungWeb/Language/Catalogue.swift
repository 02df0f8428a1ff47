import Foundation
import LumbungAnalytics
import LumbungDomain

/// Every label and sentence of the pages, one catalogue per language (`Resources/messages/id.json`, `en.json`, with
/// the same keys). Templates read them as `{{t.key}}`; code fills the `{name}` places of a sentence with
/// `catalogue("key", ["name": value])`. Numbers, percentages, dates and times follow the language too.
struct Catalogue: Sendable {
    let language: Language
    let texts: [String: String]

    /// The shipped catalogues, read once from the package's resources.
    static let shipped: [Language: Catalogue] = {
        var catalogues: [Language: Catalogue] = [:]
        for language in Language.allCases { catalogues[language] = (try? read(language)) ?? Catalogue(language: language, texts: [:]) }
        return catalogues
    }()

    static func of(_ language: Language) -> Catalogue { shipped[language] ?? Catalogue(language: language, texts: [:]) }

    static var folder: String { (Bundle.module.resourcePath ?? ".") + "/messages" }

    /// A catalogue file: one JSON object of key → text.
    static func read(_ language: Language) throws -> Catalogue {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/\(language.rawValue).json"))
        return Catalogue(language: language, texts: try JSONDecoder().decode([String: String].self, from: data))
    }

    /// The text of `key` (the key itself when missing, which `CatalogueTests` rules out).
    subscript(_ key: String) -> String { texts[key] ?? key }

    /// The text of `key` with each `{name}` replaced by its value.
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    var isEnglish: Bool { language == .en }

    /// `1.234` / `1,234`.
    func number(_ value: Int) -> String { isEnglish ? IndonesianNumber.formatEnglish(value) : IndonesianNumber.format(value) }

    /// `13,4%` / `13.4%`.
    func percent(_ value: Double?) -> String { isEnglish ? IndonesianNumber.percentEnglish(value) : IndonesianNumber.percent(value) }

    /// A number with one decimal: `2,1` / `2.1`.
    func decimal(_ value: Double) -> String {
        let tenths = Int(saturating: abs(value) * 10, rounding: .toNearestOrAwayFromZero)
        return (value < 0 ? "-" : "") + "\(tenths / 10)\(isEnglish ? "." : ",")\(tenths % 10)"
    }

    /// At most two decimals, as typed: `12,5` / `12.5`, `50`.
    func amount(_ value: Double) -> String { isEnglish ? IndonesianNumber.decimalEnglish(value) : IndonesianNumber.decimal(value) }

    /// `30 Juni 2025` / `30 June 2025`.
    func date(_ date: CalendarDate) -> String { isEnglish ? date.englishText : date.indonesianText }

    /// A stored UTC time in the region's local time: `7 Desember 2026 16.30 WITA` / `7 December 2026 16:30 WITA`.
    func time(utc: String, in zone: IndonesianTimeZone) -> String {
        isEnglish ? LocalTime.englishText(utc: utc, in: zone) : LocalTime.text(utc: utc, in: zone)
    }

    /// An indicator's name in this language.
    func name(_ indicator: Indicator) -> String { isEnglish ? indicator.nameEN : indicator.nameID }
    /// How an indicator is counted, in this language (`ind_def_…`; an indicator without one: the indicator catalogue's English).
    func definition(_ indicator: Indicator) -> String { texts["ind_def_" + indicator.id] ?? indicator.definition }

    /// A vocabulary's label in this language (sectors, organisation kinds, programme units, enrolment matches).
    func name(_ sector: Sector) -> String { isEnglish ? sector.englishLabel : sector.label }
    func name(_ kind: OrganisationKind) -> String { isEnglish ? kind.englishLabel : kind.label }
    func name(_ unit: ProgrammeUnit) -> String { isEnglish ? unit.englishLabel : unit.label }
    func name(_ match: EnrolmentMatch) -> String { isEnglish ? match.englishLabel : match.label }

    /// A region's Ringkasan in words in this language.
    func text(_ summary: RegionSummary) -> String { isEnglish ? summary.en : summary.id }

    /// An error's message for a page in this language.
    func message(_ error: AppError) -> String { isEnglish ? error.englishMessage : error.indonesianMessage }
}
