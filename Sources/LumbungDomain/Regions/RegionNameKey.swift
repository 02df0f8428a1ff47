import Foundation

/// A region name reduced to what matters for matching: no case, no accents, no punctuation, single
/// spaces, and no level prefix ("Kab.", "Kabupaten", "Kota", "Kec.", "Desa", …).
///
/// `RegionNameKey("KAB. LOMBOK  TIMUR")` and `RegionNameKey("Kabupaten Lombok Timur")` are equal;
/// the prefix is kept apart as a level hint so that "Kota Bima" can be told from "Kabupaten Bima".
public struct RegionNameKey: Sendable, Hashable, CustomStringConvertible {
    /// The name without its level prefix, folded: `lombok timur`.
    public let core: String
    /// The level the prefix named, if any.
    public let levelHint: RegionLevel?

    private static let prefixes: [(words: [String], level: RegionLevel)] = [
        (["kabupaten"], .kabupaten), (["kab"], .kabupaten),
        (["kota", "administrasi"], .kota), (["kota"], .kota),
        (["kecamatan"], .kecamatan), (["kec"], .kecamatan),
        (["kelurahan"], .kelurahan), (["kel"], .kelurahan),
        (["desa"], .desa), (["provinsi"], .provinsi), (["prov"], .provinsi),
    ]

    /// A key made of its parts, for a name that is already folded (an abbreviation's expansion).
    public init(core: String, levelHint: RegionLevel?) {
        self.core = core
        self.levelHint = levelHint
    }

    public init(_ name: String) {
        let words = Self.fold(name).split(separator: " ").map(String.init)
        for (prefix, level) in Self.prefixes where words.count > prefix.count && Array(words.prefix(prefix.count)) == prefix {
            self.core = words.dropFirst(prefix.count).joined(separator: " ")
            self.levelHint = level
            return
        }
        self.core = words.joined(separator: " ")
        self.levelHint = nil
    }

    public var description: String { core }

    /// Case- and accent-insensitive form with punctuation turned into single spaces.
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "\u{2019}" {
                pendingSpace = true
            }
        }
        return out.lowercased()
    }
}
