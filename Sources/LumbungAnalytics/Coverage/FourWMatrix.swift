import LumbungDomain
import LumbungStore

/// The 4W matrix of a region — who (organisation) does what (sector) where (target areas) when (the programmes running
/// in the period) — one row per organisation × sector that has a programme there or reaches a family there, with the
/// families and people reached in the region and the programmes' budget. The page, its XLSX, the API and the CLI list
/// these rows.
public struct FourWRow: Sendable, Codable, Equatable {
    public let organisation: String
    public let organisationKind: OrganisationKind?
    public let sector: Sector
    /// The organisation's programme codes of this sector.
    public let programmes: [String]
    /// Their target regions (dotted codes).
    public let targetRegions: [String]
    public let familiesReached: Int
    public let peopleReached: Int
    /// The sum of the programmes' budgets (rupiah); `nil` when none states one.
    public let budget: Int?
}

public enum FourWMatrix {
    /// The programmes a coordination view lists: of `sector` when one is given, running in `period` when one is given.
    public static func listed(_ records: [ProgrammeRecord], sector: Sector?, period: CoveragePeriod?) -> [ProgrammeRecord] {
        records.filter { record in
            (sector.map { record.programme.sectors.contains($0) } ?? true) && (period.map { $0.overlaps(record.programme) } ?? true)
        }
    }

    /// The rows for `tally` (the region's coverage) and `records` (the programmes listed there, already filtered to the
    /// sector and period asked for), ordered by organisation name and sector; only `sector` when one is given.
    public static func rows(tally: CoverageTally, records: [ProgrammeRecord], sector: Sector? = nil) -> [FourWRow] {
        var cells: [OrganisationSector: [ProgrammeRecord]] = [:]
        var organisations: [Int: Organisation] = [:]
        for record in records {
            guard let id = record.organisation.id else { continue }
            organisations[id] = record.organisation
            for each in record.programme.sectors where sector == nil || each == sector {
                cells[OrganisationSector(organisation: id, sector: each), default: []].append(record)
            }
        }
        for key in tally.familiesReachedByOrganisationSector.keys where cells[key] == nil && (sector == nil || key.sector == sector) {
            cells[key] = []
        }
        let order = Dictionary(uniqueKeysWithValues: Sector.allCases.enumerated().map { ($1, $0) })
        return cells.sorted { a, b in
            let left = organisations[a.key.organisation]?.name ?? "", right = organisations[b.key.organisation]?.name ?? ""
            return (left, order[a.key.sector] ?? 0) < (right, order[b.key.sector] ?? 0)
        }.map { key, programmes in
            let budgets = programmes.compactMap(\.programme.budget)
            return FourWRow(
                organisation: organisations[key.organisation]?.name ?? "#\(key.organisation)", organisationKind: organisations[key.organisation]?.kind,
                sector: key.sector, programmes: programmes.map(\.programme.code.value),
                targetRegions: Set(programmes.flatMap { $0.programme.targetRegions.map(\.dotted) }).sorted(),
                familiesReached: tally.familiesReachedByOrganisationSector[key] ?? 0, peopleReached: tally.peopleReachedByOrganisationSector[key] ?? 0,
                budget: budgets.isEmpty ? nil : budgets.reduce(0) { sum, budget in
                    // Budgets come from forms and files: two near Int.max must not trap the server.
                    let (total, overflow) = sum.addingReportingOverflow(budget)
                    return overflow ? Int.max : total
                })
        }
    }
}
