/// Counts kept in a fixed array of cells, one per combination of groups; encoded as that plain array.
/// `PersonCounts` and `FamilyCounts` are the two kinds.
public protocol CellCounts: Sendable, Hashable, Codable {
    /// How many cells a value holds.
    static var cellCount: Int { get }
    /// The raw cells, in the kind's documented order.
    var cells: [Int] { get set }
    init(cells: [Int])
}

extension CellCounts {
    public init() { self.init(cells: [Int](repeating: 0, count: Self.cellCount)) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let cells = try container.decode([Int].self)
        guard cells.count == Self.cellCount else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected \(Self.cellCount) cells, found \(cells.count)")
        }
        self.init(cells: cells)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cells)
    }

    public mutating func merge(_ other: Self) {
        for index in cells.indices { cells[index] += other.cells[index] }
    }

    public var total: Int { cells.reduce(0, +) }

    /// The sum of the given cells.
    func sum(_ indices: [Int]) -> Int { indices.reduce(0) { $0 + cells[$1] } }
}
