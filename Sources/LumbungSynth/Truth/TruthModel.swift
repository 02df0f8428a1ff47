import LumbungDomain

/// `truth.json`: what the generated files hold and what a correct import of them must produce.
public struct Truth: Codable, Sendable {
    public struct Generator: Codable, Sendable {
        public let seed: UInt64
        public let scale: Double
        public let format: SynthFormat
        public let layouts: [SynthLayout]
        public let asOf: CalendarDate
        public let faultRates: FaultRates
        /// The kabupaten/kota generated at a scale of their own (`"52.03": 1`); absent when all share `scale`.
        public var regionScales: [String: Double]? = nil
        /// The release written (`--release`), absent for release 1; `asOf` is then the release's own data date.
        public var release: Int? = nil
        /// The data date of release N − 1, against which `releaseDiff` counts; absent for release 1.
        public var previousAsOf: CalendarDate? = nil
    }

    /// One generated file.
    public struct File: Codable, Sendable {
        public let name: String
        public let layout: SynthLayout
        /// `keluarga`, `individu`, `usulan` or `program`.
        public let table: String
        /// The row number of the header (rows above it are a title block).
        public let headerRow: Int
        /// Data rows (duplicates included).
        public var dataRows: Int
        /// Rows a correct import rejects.
        public var errorRows: Int
        /// Rows a correct import keeps with a warning.
        public var warningRows: Int
        /// Rows that repeat a person of an earlier row.
        public var duplicateRows: Int
        /// The worksheet, for a workbook of several sheets (`regsosek` in XLSX); absent for one-table files.
        public var sheet: String?
        /// The first data row, where rows that are not data sit between it and the header (a row of column
        /// numbers or question codes); absent when data starts right under the header.
        public var firstDataRow: Int?
        /// Rows after the data that are not data (an end marker `###` and instruction lines); absent when none.
        public var trailingRows: Int?
        /// Data rows of people who are not residents (dead, moved, missing): a correct import keeps them out of
        /// every count; absent in layouts without a status column.
        public var nonResidentRows: Int?
        /// How the file's text dates are ordered, `day-first` or `month-first` (P3KE), when the file says it only
        /// through its values; absent elsewhere.
        public var dateOrder: String?
    }

    /// An injected fault: where it is and what an import must do with the row.
    public struct Fault: Codable, Sendable, Equatable {
        public let file: String
        public let row: Int
        public let column: String
        public let kind: FaultKind
        public let severity: FaultSeverity
        /// The worksheet, in a workbook of several sheets.
        public var sheet: String? = nil
    }

    /// The same person twice in one file (same NIK, a typo in the name).
    public struct DuplicatePair: Codable, Sendable, Equatable {
        public let file: String
        public let firstRow: Int
        public let secondRow: Int
    }

    /// What importing one layout's files must give: per region (every level, dotted code), the counts.
    public struct Layout: Codable, Sendable {
        public var files: [File]
        public var regions: [String: RegionTally]
        /// Layouts whose rows carry national programme flags (DTSEN's `kd_pkh`, `kd_bss_bnpt`, `kd_blt_dana_desa`,
        /// `kd_pbi`): per region (every level, dotted code), the families — persons for PBI-JK — flagged `ya` in rows a
        /// correct import keeps, by programme code (PKH, BPNT, BLT-DD, PBI-JK). `nil` for layouts without flags.
        public var programmeFlags: [String: [String: Int]]? = nil
    }

    public let generator: Generator
    /// Families and people the generator made (before any file's faults).
    public let generatedFamilies: Int
    public let generatedPeople: Int
    public var layouts: [String: Layout]
    /// Programme coverage per region (every level), from the enrolments.
    public var programs: [String: ProgramTally]
    public var faults: [Fault]
    public var duplicates: [DuplicatePair]
    /// For release N ≥ 2: per region (every level, dotted code), what changed since release N − 1 of the same seed.
    public var releaseDiff: [String: TruthReleaseDiff]? = nil
}

/// What changed in a region between release N − 1 and release N (definitions in the README, `lumbung generate`): the
/// same definitions as `lumbung snapshot diff` (`RegionChange`), so the diff of snapshots taken after importing the two
/// releases gives these figures (`ReleaseDiffMatchesTruthTests`).
public struct TruthReleaseDiff: Codable, Sendable, Equatable {
    /// Families (by No. KK) present in both releases whose desil is 1 in N and not in N − 1, at their desa in N.
    public var enteredDesil1 = 0
    /// Families present in both whose desil is 1 in N − 1 and not in N, at their desa in N.
    public var leftDesil1 = 0
    /// The same for desil 1–4.
    public var enteredDesil1to4 = 0
    public var leftDesil1to4 = 0
    /// Persons (by NIK) in N and not in N − 1, born after N − 1's data date, at their desa in N.
    public var births = 0
    /// Persons in N − 1 and not in N (the generator moves nobody out of the province), at their desa in N − 1.
    public var deaths = 0
    /// Persons in both whose desa differs, counted at each region that holds the new desa but not the old one.
    public var movedIn = 0
    /// … and at each region that holds the old desa but not the new one.
    public var movedOut = 0
    /// Programme enrolments running in N and not in N − 1, at their desa in N: a family programme's enrolment is the
    /// family (by No. KK), PBI-JK's each member (by NIK) of a family that holds it. A married child whose new family holds
    /// PBI-JK as the old one did keeps the same enrolment (neither new nor ended).
    public var newEnrolments = 0
    /// Enrolments running in N − 1 and not in N (the programme ended, the person died, the family died out), at their
    /// desa in N − 1.
    public var endedEnrolments = 0
    /// The same per programme code (PKH, BPNT, PBI-JK, BLT-DD, DESA-BERDAYA, …), programmes with any change, by code.
    public var programmes: [TruthProgrammeChange] = []

    public init() {}

    mutating func merge(_ other: TruthReleaseDiff) {
        enteredDesil1 += other.enteredDesil1
        leftDesil1 += other.leftDesil1
        enteredDesil1to4 += other.enteredDesil1to4
        leftDesil1to4 += other.leftDesil1to4
        births += other.births
        deaths += other.deaths
        movedIn += other.movedIn
        movedOut += other.movedOut
        newEnrolments += other.newEnrolments
        endedEnrolments += other.endedEnrolments
        var byCode = Dictionary(uniqueKeysWithValues: programmes.map { ($0.programme, $0) })
        for change in other.programmes {
            byCode[change.programme, default: TruthProgrammeChange(programme: change.programme)].add(new: change.newEnrolments, ended: change.endedEnrolments)
        }
        programmes = byCode.values.sorted { $0.programme < $1.programme }
    }

    /// Counts `new` and `ended` enrolments of `programme` (kept in code order).
    mutating func addEnrolments(programme: String, new: Int, ended: Int) {
        newEnrolments += new
        endedEnrolments += ended
        if let index = programmes.firstIndex(where: { $0.programme == programme }) {
            programmes[index].add(new: new, ended: ended)
        } else {
            var change = TruthProgrammeChange(programme: programme)
            change.add(new: new, ended: ended)
            programmes.append(change)
            programmes.sort { $0.programme < $1.programme }
        }
    }
}

/// New and ended enrolments of one programme in one region between release N − 1 and N (the names of the snapshot
/// diff's `programmes`, `ProgrammeEnrolmentChange`).
public struct TruthProgrammeChange: Codable, Sendable, Equatable {
    public let programme: String
    public var newEnrolments = 0
    public var endedEnrolments = 0

    public init(programme: String) { self.programme = programme }

    mutating func add(new: Int, ended: Int) {
        newEnrolments += new
        endedEnrolments += ended
    }
}
