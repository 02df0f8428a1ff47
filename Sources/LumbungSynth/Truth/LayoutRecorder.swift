import LumbungDomain

/// What one layout's files of one kabupaten/kota hold: per-village tallies of the records a correct
/// import keeps, the injected faults and the duplicate pairs.
struct LayoutRecorder: Sendable {
    var tallies: [RegionCode: RegionTally] = [:]
    var faults: [Truth.Fault] = []
    var duplicates: [Truth.DuplicatePair] = []
    /// Per village: the families (persons for a person programme) whose rows carry each national programme flag `ya`.
    var programmeFlags: [RegionCode: [String: Int]] = [:]
    let asOf: CalendarDate

    mutating func addProgrammeFlag(_ code: String, count: Int = 1, village: VillageContext) {
        guard count > 0 else { return }
        programmeFlags[village.code, default: [:]][code, default: 0] += count
    }

    /// Adds a family as a file without a family table shows it: only when at least one member's row is kept
    /// (a family is known through its members' rows).
    mutating func addFromPersonRows(household: Household, keptMembers: [Person], village: VillageContext) {
        guard !keptMembers.isEmpty else { return }
        add(household: household, keptMembers: keptMembers, village: village)
    }

    mutating func add(household: Household, keptMembers: [Person], village: VillageContext) {
        tallies[village.code, default: RegionTally()].add(household: household, members: keptMembers, asOf: asOf, rural: village.rural)
    }

    mutating func recordFault(_ kind: FaultKind, file: TableFile, row: Int, column: String) {
        file.count(kind.severity)
        faults.append(Truth.Fault(file: file.name, row: row, column: column, kind: kind, severity: kind.severity, sheet: file.truth.sheet))
    }

    mutating func recordDuplicate(file: TableFile, firstRow: Int, secondRow: Int) {
        file.count(.duplicate)
        duplicates.append(Truth.DuplicatePair(file: file.name, firstRow: firstRow, secondRow: secondRow))
    }
}
