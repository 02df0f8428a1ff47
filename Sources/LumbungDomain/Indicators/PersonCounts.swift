/// People counted by sex × age band × disability, so any person indicator splits along each of them.
///
/// Cells are indexed sex (male, female, unknown) × age band (0-4, 5-17, 18-59, 60+, unknown) × disability
/// (without, with); stored and encoded as that flat array of 30 counts.
public struct PersonCounts: CellCounts, Disaggregated {
    private static let sexes = 3, bands = 5, disabilities = 2
    public static let cellCount = sexes * bands * disabilities
    public var cells: [Int]

    public init(cells: [Int]) {
        precondition(cells.count == Self.cellCount, "cell count")
        self.cells = cells
    }

    public static let dimensions: [Dimension] = [
        Dimension(name: "sex", groups: ["male", "female"]),
        Dimension(name: "age_band", groups: AgeBand.allCases.map(\.rawValue)),
        Dimension(name: "disability", groups: ["without", "with"]),
    ]

    private static func index(sex: Int, band: Int, disabled: Int) -> Int { (sex * bands + band) * disabilities + disabled }

    /// Counts one person; `age` is their age on the reference date, when known.
    public mutating func add(sex: Sex?, age: Int?, disabled: Bool) {
        let sexIndex = switch sex { case .male: 0; case .female: 1; case nil: 2 }
        let bandIndex = age.map { AgeBand.allCases.firstIndex(of: AgeBand(age: $0))! } ?? Self.bands - 1
        cells[Self.index(sex: sexIndex, band: bandIndex, disabled: disabled ? 1 : 0)] += 1
    }

    public var male: Int { count(dimension: 0, group: 0) }
    public var female: Int { count(dimension: 0, group: 1) }

    /// The people of one age band only.
    public func only(band: AgeBand) -> PersonCounts {
        var counts = PersonCounts()
        for cell in Self.cellsOfGroup[1][AgeBand.allCases.firstIndex(of: band)!] { counts.cells[cell] = cells[cell] }
        return counts
    }

    /// The people of one sex and one age band.
    public func count(sex: Sex, band: AgeBand) -> Int {
        let sexIndex = sex == .male ? 0 : 1
        guard let bandIndex = AgeBand.allCases.firstIndex(of: band) else { return 0 }
        return (0..<Self.disabilities).reduce(0) { $0 + cells[Self.index(sex: sexIndex, band: bandIndex, disabled: $1)] }
    }

    public func count(band: AgeBand) -> Int { count(dimension: 1, group: AgeBand.allCases.firstIndex(of: band)!) }

    /// For each dimension and group, the cells it sums.
    private static let cellsOfGroup: [[[Int]]] = {
        var table = dimensions.map { [[Int]](repeating: [], count: $0.groups.count) }
        for sex in 0..<sexes {
            for band in 0..<bands {
                for disabled in 0..<disabilities {
                    let cell = index(sex: sex, band: band, disabled: disabled)
                    for (dimension, group) in [sex, band, disabled].enumerated() where group < table[dimension].count {
                        table[dimension][group].append(cell)
                    }
                }
            }
        }
        return table
    }()

    public func count(dimension: Int, group: Int) -> Int {
        sum(Self.cellsOfGroup[dimension][group])
    }
}
