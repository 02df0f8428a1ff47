/// The short names people in NTB write for their regions — "Lotim", "KSB", "Kobi" — and the rule that
/// turns one into the region's name, used by every region search (web and API) and nowhere else.
///
/// An abbreviation is recognised only when it is the whole query (after folding case, accents and
/// punctuation): "lotim" finds Kabupaten Lombok Timur, "desa lotim" does not.
public enum RegionAbbreviation {
    /// Folded abbreviation → the name core it stands for and the level it names.
    public static let all: [String: (core: String, level: RegionLevel)] = [
        "lobar": ("lombok barat", .kabupaten),
        "loteng": ("lombok tengah", .kabupaten),
        "lotim": ("lombok timur", .kabupaten),
        "klu": ("lombok utara", .kabupaten),
        "lotara": ("lombok utara", .kabupaten),
        "ksb": ("sumbawa barat", .kabupaten),
        "kobi": ("bima", .kota),
        "kabi": ("bima", .kabupaten),
        "ntb": ("nusa tenggara barat", .provinsi),
    ]

    /// The key a query stands for: the abbreviation's region name when the whole query is one,
    /// the query itself otherwise.
    public static func expand(_ key: RegionNameKey) -> RegionNameKey {
        guard key.levelHint == nil, let entry = all[key.core] else { return key }
        return RegionNameKey(core: entry.core, levelHint: entry.level)
    }
}

/// Levenshtein distance between two folded names, giving up (returning `nil`) once it must exceed
/// `limit`: the typo rule of region search ("lombok timor") and the suggestions of the importer.
public enum EditDistance {
    public static func between(_ a: String, _ b: String, limit: Int = .max) -> Int? {
        let a = Array(a), b = Array(b)
        guard abs(a.count - b.count) <= limit else { return nil }
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            guard current.min() ?? 0 <= limit else { return nil }
            previous = current
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// How many letters a search query of this length may get wrong: none below 4 letters (too many
    /// short names lie one letter apart), one up to 9, two from 10 ("lombok timor" is 12).
    public static func typoAllowance(forLength length: Int) -> Int {
        length < 4 ? 0 : length < 10 ? 1 : 2
    }
}
