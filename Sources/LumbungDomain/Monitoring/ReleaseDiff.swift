/// What changed in a region between two snapshots A (older) and B (newer) of the registry: the release diff.
///
/// The same definitions as the generator's `truth.json` `releaseDiff` (`TruthReleaseDiff`). People are matched across
/// snapshots by their registry record (the importer matched NIK, No. KK and name), families by their registry family
/// (the importer matched No. KK); both are counted by the desa they live in, and only where the snapshot has them
/// resident (alive, not moved away; a family by its resident members, and at their desa — the first by code should
/// the snapshot place them in two). Per region:
/// - `enteredDesil1`: FAMILIES with a resident member in both, not desil 1 in A, desil 1 in B — counted at their
///   desa in B;
/// - `leftDesil1`: families resident in both, desil 1 in A, not in B — also counted at their desa in B;
/// - `enteredDesil1to4` / `leftDesil1to4`: the same for desil 1–4 (a family without a desil is in neither);
/// - `births`: people resident in B, absent from A, born after A's date — where they live in B;
/// - `deaths`: people resident in A and absent from B or marked dead in B — where they lived in A (an import
///   that leaves a person out does not remove them: only a layout with `status_dasar`, e.g. a village system's
///   `desa-penduduk`, tells the registry of a death);
/// - `movedIn` / `movedOut`: people resident in both, living in another region of the level in B than in A — counted
///   at both ends (in at B's region, out at A's). At desa level every change of desa is a move; at kecamatan
///   and kabupaten level only one that crosses the region's border;
/// - `newEnrolments`: programme enrolments running in B and not in A (new, or re-started after ending) — at their desa in B;
/// - `endedEnrolments`: enrolments running in A and not in B (a national file's flag turned off, or ended) — at their desa in A;
///   with `programmes` the same per programme code when asked for (`--by-programme`, `byProgramme=true`).
public struct RegionChange: Sendable, Hashable, Codable {
    public let code: String
    public var enteredDesil1 = 0
    public var leftDesil1 = 0
    public var enteredDesil1to4 = 0
    public var leftDesil1to4 = 0
    public var births = 0
    public var deaths = 0
    public var movedIn = 0
    public var movedOut = 0
    public var newEnrolments = 0
    public var endedEnrolments = 0
    /// Per programme, when asked for.
    public var programmes: [ProgrammeEnrolmentChange]?

    public init(code: String) { self.code = code }

    public var isEmpty: Bool {
        enteredDesil1 == 0 && leftDesil1 == 0 && enteredDesil1to4 == 0 && leftDesil1to4 == 0 && births == 0 && deaths == 0
            && movedIn == 0 && movedOut == 0 && newEnrolments == 0 && endedEnrolments == 0
    }
}

/// New and ended enrolments of one programme in one region between two snapshots.
public struct ProgrammeEnrolmentChange: Sendable, Hashable, Codable {
    public let programme: String
    public let newEnrolments: Int
    public let endedEnrolments: Int

    public init(programme: String, newEnrolments: Int, endedEnrolments: Int) {
        self.programme = programme
        self.newEnrolments = newEnrolments
        self.endedEnrolments = endedEnrolments
    }
}

/// The release diff document: `{"from": …, "to": …, "level": …, "regions": [RegionChange, …]}`, regions in code order.
public struct ReleaseDiff: Sendable, Codable, Equatable {
    public let from: String
    public let to: String
    public let level: DiffLevel
    public let regions: [RegionChange]

    public init(from: String, to: String, level: DiffLevel, regions: [RegionChange]) {
        self.from = from
        self.to = to
        self.level = level
        self.regions = regions.sorted { $0.code < $1.code }
    }
}

/// The levels a release diff is counted at, with the length of the dotted code that names a region there.
public enum DiffLevel: String, Sendable, Codable, CaseIterable {
    case kabupaten, kecamatan, desa

    /// Characters of the dotted code: 52.03 → 5, 52.03.01 → 8, 52.03.01.2001 → 13.
    public var codeLength: Int {
        switch self {
        case .kabupaten: 5
        case .kecamatan: 8
        case .desa: 13
        }
    }

    public static func parse(_ text: String) throws(MonitoringProblem) -> DiffLevel {
        switch text.lowercased() {
        case "kabupaten", "kota", "kabupaten/kota": .kabupaten
        case "kecamatan": .kecamatan
        case "desa", "kelurahan", "desa/kelurahan": .desa
        default: throw .diffLevelUnknown(text)
        }
    }
}
