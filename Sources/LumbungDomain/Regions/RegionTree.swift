/// The whole region hierarchy in memory: lookups, children, breadcrumbs and name search.
///
/// Built once from the region table; it is small (NTB has 1,294 units, all of Indonesia about 91,000)
/// and read-only, so it is shared freely between requests.
public struct RegionTree: Sendable {
    private let byCode: [RegionCode: Region]
    private let childrenByCode: [RegionCode: [Region]]
    private let keys: [(region: Region, key: RegionNameKey)]
    /// The top-level regions (provinces), in code order.
    public let roots: [Region]

    public init(_ regions: some Sequence<Region>) {
        var byCode: [RegionCode: Region] = [:]
        var children: [RegionCode: [Region]] = [:]
        var roots: [Region] = []
        for region in regions {
            byCode[region.code] = region
            if let parent = region.parentCode {
                children[parent, default: []].append(region)
            } else {
                roots.append(region)
            }
        }
        self.byCode = byCode
        self.childrenByCode = children.mapValues { $0.sorted { $0.code < $1.code } }
        self.roots = roots.sorted { $0.code < $1.code }
        self.keys = byCode.values.sorted { $0.code < $1.code }.map { ($0, RegionNameKey($0.name)) }
    }

    /// Number of regions in the tree.
    public var count: Int { byCode.count }

    /// All regions in code order (a parent before its children).
    public var all: [Region] { keys.map(\.region) }

    public subscript(code: RegionCode) -> Region? { byCode[code] }

    /// The region with this code, or `RegionLookupError.unknown`.
    public func region(_ code: RegionCode) throws(RegionLookupError) -> Region {
        guard let region = byCode[code] else { throw .unknown(code) }
        return region
    }

    /// The regions directly below `code`, in code order.
    public func children(of code: RegionCode) -> [Region] {
        childrenByCode[code] ?? []
    }

    /// All regions at or below `code` of the given depth, in code order.
    public func descendants(of code: RegionCode, depth: Int) -> [Region] {
        guard depth > code.depth else { return depth == code.depth ? byCode[code].map { [$0] } ?? [] : [] }
        var level = children(of: code)
        while let first = level.first, first.code.depth < depth {
            level = level.flatMap { children(of: $0.code) }
        }
        return level
    }

    /// The breadcrumb from the province down to the region itself.
    public func path(to code: RegionCode) -> [Region] {
        (code.ancestors + [code]).compactMap { byCode[$0] }
    }

    /// Finds regions by name, ignoring case, accents, punctuation and level prefixes.
    ///
    /// Exact names come first, then names that start with the query, then names containing it as
    /// whole words, then any other containment; only when nothing matches so, names one or two letters
    /// off (`EditDistance.typoAllowance`, "lombok timor"); within each, a level named in the query
    /// ("kota bima") wins, then higher levels before lower ones. A common abbreviation that is the
    /// whole query ("Lotim", "KSB", "Kobi": `RegionAbbreviation`) stands for its region's name.
    /// A query that is a region code finds that region.
    public func search(_ query: String, within scope: RegionCode? = nil, limit: Int = 50) -> [Region] {
        if let code = try? RegionCode(query), let region = byCode[code] {
            return scope.map { $0.contains(code) } ?? true ? [region] : []
        }
        let typed = RegionNameKey(query)
        guard !typed.core.isEmpty else { return [] }
        let wanted = RegionAbbreviation.expand(typed)
        var found = ranked(wanted, within: scope)
        if wanted != typed {
            // "Lotim" names Lombok Timur first, then whatever is really called so.
            let seen = Set(found.map(\.code))
            found += ranked(typed, within: scope).filter { !seen.contains($0.code) }
        }
        return Array(found.prefix(limit))
    }

    private func ranked(_ wanted: RegionNameKey, within scope: RegionCode?) -> [Region] {
        var scored: [(rank: Int, levelMiss: Int, region: Region)] = []
        // Names one or two letters off are looked for only when nothing is spelt as typed.
        for typos in [false, true] where scored.isEmpty {
            for (region, key) in keys where scope.map({ $0.contains(region.code) }) ?? true {
                guard let rank = typos ? Self.typoRank(of: wanted.core, in: key.core) : Self.matchRank(of: wanted.core, in: key.core) else { continue }
                let levelMiss = wanted.levelHint.map { $0 == region.level ? 0 : 1 } ?? 0
                scored.append((rank, levelMiss, region))
            }
        }
        scored.sort {
            ($0.rank, $0.levelMiss, $0.region.code.depth, $0.region.code) < ($1.rank, $1.levelMiss, $1.region.code.depth, $1.region.code)
        }
        return scored.map(\.region)
    }

    private static func matchRank(of query: String, in name: String) -> Int? {
        if name == query { return 0 }
        if name.hasPrefix(query) { return 1 }
        if (" " + name + " ").contains(" " + query + " ") { return 2 }
        if name.contains(query) { return 3 }
        return nil
    }

    private static func typoRank(of query: String, in name: String) -> Int? {
        let allowance = EditDistance.typoAllowance(forLength: query.count)
        guard allowance > 0 else { return nil }
        if EditDistance.between(query, name, limit: allowance) != nil { return 4 }
        // A typo in the first words of a longer name: "lombok timor" for "Lombok Timur Selatan".
        let words = query.split(separator: " ").count
        let head = name.split(separator: " ").prefix(words).joined(separator: " ")
        if head != name, EditDistance.between(query, head, limit: allowance) != nil { return 5 }
        return nil
    }
}

/// A region code that is well formed but not in the tree.
public enum RegionLookupError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown(RegionCode)

    public var description: String {
        switch self {
        case .unknown(let code): "There is no region with code \(code.dotted)."
        }
    }

    public var indonesianDescription: String {
        switch self {
        case .unknown(let code): "Tidak ada wilayah dengan kode \(code.dotted)."
        }
    }
}
