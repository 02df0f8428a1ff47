/// Works out how a text file is encoded and what it really is, from its first bytes.
public enum TextSniffer {
    enum Encoding: Equatable {
        case utf8(bom: Bool)
        case windows1252
        /// UTF-16 with its byte-order mark (Excel's "Unicode Text"), turned into UTF-8 as it is read.
        case utf16(bigEndian: Bool)
    }

    /// Whether the bytes start with a UTF-16 byte-order mark, and which (`true`: big-endian).
    static func utf16ByteOrder(_ head: [UInt8]) -> Bool? {
        if head.starts(with: [0xFF, 0xFE]) && !head.starts(with: [0xFF, 0xFE, 0, 0]) { return false }
        if head.starts(with: [0xFE, 0xFF]) { return true }
        return nil
    }

    /// What the first bytes say the file is, when it is not text.
    static func foreignKind(_ head: [UInt8]) -> ForeignKind? {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsxWorkbook }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return .ole }
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        let start = head.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let lower = String(decoding: start.prefix(64), as: UTF8.self).lowercased()
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") || lower.hasPrefix("<table") || lower.hasPrefix("<?xml") {
            return .htmlWithCSVName
        }
        if lower.hasPrefix("{") || lower.hasPrefix("[{") { return .json }
        if head.prefix(4096).contains(0) { return .binary }
        return nil
    }

    /// Whether the bytes hold anything but text.
    public static func looksBinary(_ head: [UInt8]) -> Bool {
        head.contains { $0 == 0 || ($0 < 32 && $0 != 9 && $0 != 10 && $0 != 13) }
    }

    /// UTF-8 when the head is valid UTF-8 or holds more UTF-8 letters than bytes that are not (a UTF-8
    /// file with a few Windows-1252 rows); Windows-1252 otherwise. Cells are decoded one by one anyway.
    static func encoding(_ head: [UInt8]) -> Encoding {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8(bom: true) }
        if isValidUTF8(head) { return .utf8(bom: false) }
        var utf8Letters = 0, otherBytes = 0
        var index = 0
        while index < head.count {
            guard head[index] >= 0x80 else { index += 1; continue }
            let length = utf8SequenceLength(head, at: index)
            if length > 1 { utf8Letters += 1; index += length } else { otherBytes += 1; index += 1 }
        }
        return utf8Letters > otherBytes ? .utf8(bom: false) : .windows1252
    }

    /// The length of the valid UTF-8 sequence starting at `index`, 0 when none does.
    private static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let length: Int
        switch bytes[index] {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for next in bytes[(index + 1)..<(index + length)] where next & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// Valid UTF-8; a sample may end inside a sequence (`allowCutEnd`), a whole field may not.
    static func isValidUTF8(_ bytes: [UInt8], allowCutEnd: Bool = true) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            if index + length > bytes.count { return allowCutEnd }
            for next in bytes[(index + 1)..<(index + length)] where next & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    /// Windows-1252's characters for bytes 0x80–0x9F (the rest of the high half is Latin-1).
    static let windows1252High: [Unicode.Scalar] = [
        "\u{20AC}", "\u{81}", "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}", "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}",
        "\u{0152}", "\u{8D}", "\u{017D}", "\u{8F}", "\u{90}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", "\u{9D}", "\u{017E}", "\u{0178}",
    ]

    static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(byte >= 0x80 && byte <= 0x9F ? windows1252High[Int(byte - 0x80)] : Unicode.Scalar(byte))
        }
        return String(scalars)
    }

    /// `,`, `;` or tab: the one that splits the first lines into the same number of fields most often.
    static func delimiter(_ head: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9]
        var counts: [[Int]] = Array(repeating: [], count: candidates.count)
        var current = [Int](repeating: 0, count: candidates.count)
        var quoted = false
        var lines = 0
        for byte in head {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if byte == 10 {
                if current.contains(where: { $0 > 0 }) || lines > 0 {
                    for index in candidates.indices { counts[index].append(current[index]) }
                    lines += 1
                }
                current = [Int](repeating: 0, count: candidates.count)
                if lines >= 30 { break }
                continue
            }
            if let index = candidates.firstIndex(of: byte) { current[index] += 1 }
        }
        if lines == 0 { for index in candidates.indices { counts[index].append(current[index]) } }
        var best = (score: -1, fields: 0, delimiter: candidates[0])
        for (index, perLine) in counts.enumerated() {
            let nonZero = perLine.filter { $0 > 0 }
            guard let mode = Dictionary(grouping: nonZero, by: { $0 }).max(by: { ($0.value.count, $0.key) < ($1.value.count, $1.key) })?.key else { continue }
            let score = nonZero.filter { $0 == mode }.count
            if (score, mode) > (best.score, best.fields) { best = (score, mode, candidates[index]) }
        }
        return best.delimiter
    }
}

/// UTF-16 bytes (after the byte-order mark) turned into UTF-8, chunk by chunk: an odd byte or the first
/// half of a surrogate pair at the end of a chunk waits for the next.
struct UTF16Transcoder {
    let bigEndian: Bool
    private var carry: [UInt8] = []

    init(bigEndian: Bool) {
        self.bigEndian = bigEndian
    }

    mutating func transcode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var input = carry
        input.append(contentsOf: bytes)
        carry = []
        let whole = input.count & ~1
        var units: [UInt16] = []
        units.reserveCapacity(whole / 2)
        for index in stride(from: 0, to: whole, by: 2) {
            units.append(bigEndian ? UInt16(input[index]) << 8 | UInt16(input[index + 1]) : UInt16(input[index + 1]) << 8 | UInt16(input[index]))
        }
        var keepFrom = whole
        if let last = units.last, (0xD800...0xDBFF).contains(last) {
            units.removeLast()
            keepFrom = whole - 2
        }
        carry = Array(input[keepFrom...])
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// What is left at the end of the file (a lone half, shown as U+FFFD).
    mutating func finish() -> [UInt8] {
        guard !carry.isEmpty else { return [] }
        carry = []
        return Array("\u{FFFD}".utf8)
    }
}
