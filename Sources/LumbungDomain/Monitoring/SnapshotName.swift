import Foundation

/// The name of a snapshot ("rilis-2025-1", "tw3-2025"): 1–64 letters, digits, '.', '-' or '_', so that it reads
/// the same in a URL (`?snapshot=NAME`), a file name and a command line. Names are unique and compared exactly.
public struct SnapshotName: Sendable, Hashable, Codable, CustomStringConvertible {
    public static let maximumLength = 64
    public let value: String

    /// `nil` when `text` (trimmed) is empty, too long or holds another character.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= Self.maximumLength,
              trimmed.unicodeScalars.allSatisfy({ Self.allowed($0) }) else { return nil }
        value = trimmed
    }

    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": true
        default: false
        }
    }

    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let name = SnapshotName(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a snapshot name"))
        }
        self = name
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
