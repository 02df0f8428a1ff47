/// A small streaming scanner for the SpreadsheetML parts of a workbook: it is fed chunks of inflated
/// XML and reports start tags (with attributes), end tags and text, never holding more than the
/// current tag or text run. Comments, processing instructions and CDATA are handled; namespaces
/// prefixes are dropped (`x:c` is `c`).
struct XMLScanner {
    enum Event {
        case start(name: Substring, attributes: [(Substring, String)], selfClosing: Bool)
        case end(name: Substring)
        case text(String)
    }

    /// The longest tag accepted (a real one is a few hundred bytes): the scanner holds a tag whole.
    static let maxTagBytes = 1 << 20
    /// The longest text run collected for the handler (a cell holds at most 32,767 characters,
    /// each at most 4 bytes or a 10-byte character reference).
    static let maxTextBytes = 1 << 20

    /// When set, attributes are decoded only for start tags of these local names (the others get none):
    /// a pass that looks for a few elements skips the cost of every other tag's attributes.
    var attributesOnlyFor: Set<Substring>?

    private var pending: [UInt8] = []
    private var position = 0
    /// Text is only decoded inside elements whose text is wanted (`<v>`, `<t>`): the handler says so
    /// after each event by returning `true`.
    private var wantsText = false
    private var textBuffer: [UInt8] = []
    /// The comment or CDATA section being skipped or read whose end has not arrived yet. Its bytes are
    /// not held (a comment's are dropped as they come), so an unclosed `<!--` costs linear time and no memory.
    private var open: Open?
    /// How far past its `<` an unfinished tag has been searched for its `>`, and the quote it is inside:
    /// the search resumes there when more bytes arrive instead of starting over (which was quadratic).
    private var tagScanned = 0
    private var tagQuote: UInt8 = 0

    private enum Open {
        case comment, cdata
    }

    mutating func feed(_ bytes: some Collection<UInt8>, _ handle: (Event) throws -> Bool) throws {
        pending.append(contentsOf: bytes)
        try scan(handle)
        if position > 0 {
            pending.removeFirst(position)
            position = 0
        }
    }

    /// Called at the end of the part: anything left unfinished means the XML was cut off.
    func finish() throws(XMLScanError) {
        if open != nil || pending[position...].contains(where: { $0 == UInt8(ascii: "<") }) { throw .truncated }
    }

    private mutating func scan(_ handle: (Event) throws -> Bool) throws {
        while position < pending.count {
            switch open {
            case .comment:
                guard let end = find(Self.commentClose, from: position) else {
                    // Keep only what could be the start of `-->`.
                    position = max(position, pending.count - (Self.commentClose.count - 1))
                    return
                }
                position = end + Self.commentClose.count
                open = nil
                continue
            case .cdata:
                guard let end = find(Self.cdataClose, from: position) else {
                    let keep = max(position, pending.count - (Self.cdataClose.count - 1))
                    try collect(position..<keep)
                    position = keep
                    return
                }
                try collect(position..<end)
                position = end + Self.cdataClose.count
                open = nil
                continue
            case nil:
                break
            }
            if pending[position] != UInt8(ascii: "<") {
                guard let next = pending[position...].firstIndex(of: UInt8(ascii: "<")) else {
                    try collect(position..<pending.count)
                    position = pending.count
                    return
                }
                try collect(position..<next)
                position = next
            }
            if !textBuffer.isEmpty {
                wantsText = try handle(.text(XMLEntities.decode(textBuffer)))
                textBuffer.removeAll(keepingCapacity: true)
            }
            // A markup construct starts at `position`.
            let rest = pending[position...]
            if rest.starts(with: Self.commentOpen) {
                position += Self.commentOpen.count
                open = .comment
                continue
            }
            if rest.starts(with: Self.cdataOpen) {
                position += Self.cdataOpen.count
                open = .cdata
                continue
            }
            // `<!-` or `<![CDA` at the end of a chunk: wait for the bytes that say which it is.
            if Self.commentOpen.starts(with: rest) || Self.cdataOpen.starts(with: rest) { return }
            guard let close = tagEnd() else {
                if pending.count - position > Self.maxTagBytes { throw XMLScanError.tagTooLong }
                return
            }
            let tag = pending[(position + 1)..<close]
            position = close + 1
            guard let first = tag.first else { throw XMLScanError.malformed }
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { continue }
            if first == UInt8(ascii: "/") {
                wantsText = try handle(.end(name: Self.localName(tag.dropFirst())))
                continue
            }
            let selfClosing = tag.last == UInt8(ascii: "/")
            let body = selfClosing ? tag.dropLast() : tag
            let nameEnd = body.firstIndex { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 } ?? body.endIndex
            let name = Self.localName(body[body.startIndex..<nameEnd])
            let attributes = attributesOnlyFor.map { $0.contains(name) } ?? true ? try Self.attributes(body[nameEnd...]) : []
            wantsText = try handle(.start(name: name, attributes: attributes, selfClosing: selfClosing))
        }
    }

    /// Adds text the handler wants, refusing a run longer than any cell can hold.
    private mutating func collect(_ range: Range<Int>) throws(XMLScanError) {
        guard wantsText, !range.isEmpty else { return }
        guard textBuffer.count + range.count <= Self.maxTextBytes else { throw .textTooLong }
        textBuffer.append(contentsOf: pending[range])
    }

    /// The `>` ending the tag whose `<` is at `position`, skipping `>` inside quoted attribute values;
    /// resumes where the previous call for the same tag stopped.
    private mutating func tagEnd() -> Int? {
        var index = position + 1 + tagScanned
        while index < pending.count {
            let byte = pending[index]
            if tagQuote != 0 {
                if byte == tagQuote { tagQuote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                tagQuote = byte
            } else if byte == UInt8(ascii: ">") {
                tagScanned = 0
                return index
            }
            index += 1
        }
        tagScanned = index - position - 1
        return nil
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard pending.count >= needle.count else { return nil }
        var index = from
        while index + needle.count <= pending.count {
            if pending[index] == needle[0] && pending[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func localName(_ bytes: ArraySlice<UInt8>) -> Substring {
        let text = Substring(decoding: bytes, as: UTF8.self)
        if let colon = text.lastIndex(of: ":") { return text[text.index(after: colon)...] }
        return text
    }

    private static func attributes(_ bytes: ArraySlice<UInt8>) throws(XMLScanError) -> [(Substring, String)] {
        var result: [(Substring, String)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            while index < bytes.endIndex, [32, 9, 10, 13].contains(bytes[index]) { index += 1 }
            guard index < bytes.endIndex else { break }
            guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) else { throw .malformed }
            let name = localName(bytes[index..<equals])
            var valueStart = equals + 1
            while valueStart < bytes.endIndex, [32, 9, 10, 13].contains(bytes[valueStart]) { valueStart += 1 }
            guard valueStart < bytes.endIndex else { throw .malformed }
            let quote = bytes[valueStart]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                  let valueEnd = bytes[(valueStart + 1)...].firstIndex(of: quote) else { throw .malformed }
            result.append((name, XMLEntities.decode(bytes[(valueStart + 1)..<valueEnd])))
            index = valueEnd + 1
        }
        return result
    }

    private static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)
}

enum XMLScanError: Error {
    case malformed
    case truncated
    /// A tag longer than `XMLScanner.maxTagBytes`.
    case tagTooLong
    /// A text run longer than `XMLScanner.maxTextBytes`.
    case textTooLong

    /// The error a reader reports for `part` of `file`.
    func readError(file: String, part: String) -> SheetReadError {
        switch self {
        case .malformed, .truncated: .damagedWorkbook(file: file, detail: BilingualText("\(part) is malformed XML", "bagian \(part) bukan XML yang utuh"))
        case .tagTooLong: .tooLargeUnpacked(file: file, part: part, limit: .characters(XMLScanner.maxTagBytes))
        case .textTooLong: .tooLargeUnpacked(file: file, part: part, limit: .characters(XMLScanner.maxTextBytes))
        }
    }
}

/// XML's five entities and numeric character references.
enum XMLEntities {
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                    out.unicodeScalars.append(scalar)
                } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += rest[amp...semi]
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
