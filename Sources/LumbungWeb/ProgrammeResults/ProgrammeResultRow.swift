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

    static func rows(_ results: [ProgrammeResult]) -> [ProgrammeResultRow] {
        results.map { result in
            ProgrammeResultRow(year: result.year, code: result.region, name: result.name, target: IndonesianNumber.format(result.target),
                               realisation: result.realisation.map(IndonesianNumber.format) ?? "<5",
                               source: result.source == .entered ? "dilaporkan" : "dari pendaftaran",
                               capaian: result.capaian.map { IndonesianNumber.decimal($0) + "%" } ?? "–", band: result.band ?? "–")
        }
    }
}
