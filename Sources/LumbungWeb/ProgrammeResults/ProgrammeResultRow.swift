import LumbungDomain

/// One line of the programme page's "Hasil program" table.
struct ProgrammeResultRow {
    let year: Int
    let code: String
    let name: String
    let target: String
    let realisation: String
    let source: String
    let capaian: String
    let band: String

    static func rows(_ results: [ProgrammeResult], texts: Catalogue) -> [ProgrammeResultRow] {
        results.map { result in
            ProgrammeResultRow(year: result.year, code: result.region, name: result.name, target: texts.number(result.target),
                               realisation: result.realisation.map(texts.number) ?? "<5",
                               source: texts[result.source == .entered ? "pres_entered" : "pres_counted"],
                               capaian: result.capaian.map { texts.amount($0) + "%" } ?? "–", band: result.band.map(texts.bandName) ?? "–")
        }
    }
}
