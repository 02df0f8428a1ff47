/// A Kemendagri administrative region code, e.g. `52.01.01.2001`.
///
/// The code has one to four parts: province (2 digits), kabupaten/kota (2), kecamatan (2) and
/// desa/kelurahan (4). It is accepted dotted (`52.01.01.2001`) or undotted (`5201012001`) and
/// always printed dotted. Kemendagri codes are the tree's own; BPS (Wilkerstat) codes are a
/// different system and are never converted into these by arithmetic.
public struct RegionCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The parts of the code, most general first: `["52", "01", "01", "2001"]`.
    public let parts: [String]

    /// The widths of the parts, by depth.
    static let partWidths = [2, 2, 2, 4]

    /// Parses a dotted or undotted code; surrounding spaces are ignored.
    public init(_ text: String) throws(RegionCodeError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        let parts: [String]
        if trimmed.contains(".") {
            parts = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= Self.partWidths.count,
                  zip(parts, Self.partWidths).allSatisfy({ $0.count == $1 && $0.allSatisfy(\.isASCIIDigit) })
            else { throw .malformed(trimmed) }
        } else {
            guard trimmed.allSatisfy(\.isASCIIDigit) else { throw .malformed(trimmed) }
            var rest = Substring(trimmed)
            var split: [String] = []
            for width in Self.partWidths where !rest.isEmpty {
                guard rest.count >= width else { throw .malformed(trimmed) }
                split.append(String(rest.prefix(width)))
                rest = rest.dropFirst(width)
            }
            guard rest.isEmpty else { throw .malformed(trimmed) }
            parts = split
        }
        if let zeroPart = parts.firstIndex(where: { $0.allSatisfy { $0 == "0" } }) {
            throw .zeroPart(trimmed, depth: zeroPart + 1)
        }
        self.parts = parts
    }

    private init(validParts: [String]) {
        self.parts = validParts
    }

    /// 1 for a province, 2 for a kabupaten/kota, 3 for a kecamatan, 4 for a desa/kelurahan.
    public var depth: Int { parts.count }

    /// The level the code itself implies: `52.7x` is a kota, a village part starting with 1 a kelurahan.
    public var level: RegionLevel {
        switch depth {
        case 1: return .provinsi
        case 2: return parts[1].first.map { $0 >= "7" } == true ? .kota : .kabupaten
        case 3: return .kecamatan
        default: return parts[3].first == "1" ? .kelurahan : .desa
        }
    }

    /// The code of the region directly above, or `nil` for a province.
    public var parent: RegionCode? {
        depth > 1 ? RegionCode(validParts: Array(parts.dropLast())) : nil
    }

    /// All codes above this one, the province first.
    public var ancestors: [RegionCode] {
        (1..<depth).map { RegionCode(validParts: Array(parts.prefix($0))) }
    }

    /// The province part alone, e.g. `52`.
    public var province: RegionCode { RegionCode(validParts: [parts[0]]) }

    /// The kabupaten/kota this code lies in (itself at depth 2), or `nil` for a province.
    public var regency: RegionCode? {
        depth >= 2 ? RegionCode(validParts: Array(parts.prefix(2))) : nil
    }

    /// Whether `other` is this region or lies inside it.
    public func contains(_ other: RegionCode) -> Bool {
        other.depth >= depth && Array(other.parts.prefix(depth)) == parts
    }

    /// The dotted form, `52.01.01.2001`.
    public var dotted: String { parts.joined(separator: ".") }

    /// The undotted form, `5201012001`.
    public var compact: String { parts.joined() }

    public var description: String { dotted }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool {
        lhs.parts.lexicographicallyPrecedes(rhs.parts)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try RegionCode(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dotted)
    }
}

/// Why a text is not a region code.
public enum RegionCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case malformed(String)
    case zeroPart(String, depth: Int)

    public var description: String {
        switch self {
        case .empty:
            "The region code is empty."
        case .malformed(let text):
            "'\(text)' is not a region code: expected 2, 4, 6 or 10 digits, dotted as 52, 52.01, 52.01.01 or 52.01.01.2001."
        case .zeroPart(let text, let depth):
            "'\(text)' is not a region code: part \(depth) is all zeros."
        }
    }

    /// The same message in Bahasa Indonesia, for the web app.
    public var indonesianDescription: String {
        switch self {
        case .empty:
            "Kode wilayah kosong."
        case .malformed(let text):
            "'\(text)' bukan kode wilayah: harus 2, 4, 6 atau 10 angka, seperti 52, 52.01, 52.01.01 atau 52.01.01.2001."
        case .zeroPart(let text, let depth):
            "'\(text)' bukan kode wilayah: bagian ke-\(depth) hanya berisi nol."
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks (no Foundation needed).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
