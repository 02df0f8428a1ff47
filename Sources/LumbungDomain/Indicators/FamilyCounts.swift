/// Families counted by the sex of their head and by whether they include a member with a disability,
/// an elderly member (60+) or a child (under 18), so any family indicator splits along each of them.
///
/// Cells are indexed head sex (male, female, unknown) × disability × elderly × child (each without,
/// with); stored and encoded as that flat array of 24 counts.
public struct FamilyCounts: CellCounts, Disaggregated {
    public static let cellCount = 3 * 2 * 2 * 2
    public var cells: [Int]

    public init(cells: [Int]) {
        precondition(cells.count == Self.cellCount, "cell count")
        self.cells = cells
    }

    public static let dimensions: [Dimension] = [
        Dimension(name: "head_sex", groups: ["male", "female"]),
        Dimension(name: "member_with_disability", groups: ["without", "with"]),
        Dimension(name: "elderly_member", groups: ["without", "with"]),
        Dimension(name: "child_member", groups: ["without", "with"]),
    ]

    /// Who a family includes, the key of its cell.
    public struct Profile: Sendable, Hashable {
        public var headSex: Sex?
        public var withDisability = false
        public var withElderly = false
        public var withChild = false

        public init(headSex: Sex? = nil, withDisability: Bool = false, withElderly: Bool = false, withChild: Bool = false) {
            self.headSex = headSex
            self.withDisability = withDisability
            self.withElderly = withElderly
            self.withChild = withChild
        }

        fileprivate var coordinates: [Int] {
            let head = switch headSex { case .male: 0; case .female: 1; case nil: 2 }
            return [head, withDisability ? 1 : 0, withElderly ? 1 : 0, withChild ? 1 : 0]
        }
    }

    private static func index(_ coordinates: [Int]) -> Int {
        ((coordinates[0] * 2 + coordinates[1]) * 2 + coordinates[2]) * 2 + coordinates[3]
    }

    public mutating func add(_ profile: Profile) { cells[Self.index(profile.coordinates)] += 1 }


    /// For each dimension and group, the cells it sums.
    private static let cellsOfGroup: [[[Int]]] = {
        var table = dimensions.map { [[Int]](repeating: [], count: $0.groups.count) }
        for head in 0..<3 {
            for disability in 0..<2 {
                for elderly in 0..<2 {
                    for child in 0..<2 {
                        let coordinates = [head, disability, elderly, child]
                        for (dimension, group) in coordinates.enumerated() where group < table[dimension].count {
                            table[dimension][group].append(index(coordinates))
                        }
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
