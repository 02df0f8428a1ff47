import LumbungDomain

/// Plain-text listings of regions for the terminal.
enum RegionListing {
    /// The subtree under `root`, one region per line, indented by level: `52.03  Kabupaten Lombok Timur  (kabupaten)`.
    static func tree(from root: RegionCode, in tree: RegionTree, depth: Int?) -> String {
        var out = ""
        func walk(_ code: RegionCode, level: Int) {
            guard let region = tree[code] else { return }
            out += String(repeating: "  ", count: level) + line(region) + "\n"
            if depth.map({ level < $0 }) ?? true {
                for child in tree.children(of: code) { walk(child.code, level: level + 1) }
            }
        }
        walk(root, level: 0)
        return out
    }

    /// Search matches with where each lies: `52.03  Kabupaten Lombok Timur  (kabupaten)  in Nusa Tenggara Barat`.
    static func matches(_ regions: [Region], in tree: RegionTree) -> String {
        regions.map { region in
            let within = tree.path(to: region.code).dropLast().reversed().map(\.name).joined(separator: ", ")
            return line(region) + (within.isEmpty ? "" : "  in \(within)") + "\n"
        }.joined()
    }

    private static func line(_ region: Region) -> String {
        "\(region.code.dotted)  \(region.name)  (\(region.level.rawValue))"
    }
}
