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
            let shown = cells(result, texts: texts)
            return ProgrammeResultRow(year: result.year, code: result.region, name: result.name, target: shown.target,
                                      realisation: shown.realisation, source: shown.source, capaian: shown.capaian,
                                      band: result.band.map(texts.bandName) ?? "–")
        }
    }

    /// A result's figures as the programme page and the programme report write them (a withheld realisation as `<5`).
    static func cells(_ result: ProgrammeResult, texts: Catalogue) -> (target: String, realisation: String, source: String, capaian: String) {
        (texts.number(result.target), result.realisation.map(texts.number) ?? "<5",
         texts[result.source == .entered ? "pres_entered" : "pres_counted"], result.capaian.map { texts.amount($0) + "%" } ?? "–")
    }
}
